import type { DaibanDb } from './db';

/** Small typed key/value settings kept in the `meta` table. */
export async function getMeta<T>(db: DaibanDb, key: string, fallback: T): Promise<T> {
	const row = await db.meta.get(key);
	return row ? (row.value as T) : fallback;
}

export async function setMeta(db: DaibanDb, key: string, value: unknown): Promise<void> {
	await db.meta.put({ key, value });
}

export const META = {
	clientId: 'sync.clientId',
	cursor: 'sync.cursor',
	lastMutationId: 'sync.lastMutationId',
	lastSyncAt: 'sync.lastSyncAt',
	caseSequence: 'case.sequence'
} as const;
