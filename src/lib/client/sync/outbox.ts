import Dexie from 'dexie';
import type { DaibanDb, OutboxEntry, StoredOutboxEntry } from '../db/db';
import { openOutboxEntries, refOfArgs, sealOutboxEntry } from '../vault/outbox-vault';
import { getMeta, setMeta } from '../db/meta';
import type { MutationArgs, MutationName } from '$lib/domain/sync/protocol';

const NEXT_ID = 'sync.nextMutationId';

/**
 * Appends a mutation to the outbox. Call it inside the same Dexie transaction as the local
 * write it describes (STYLE habit 4), so the write and its sync record commit together.
 * Ids are allocated from a counter in `meta`, so they keep increasing after entries are removed.
 */
export async function enqueue<N extends MutationName>(
	db: DaibanDb,
	name: N,
	args: MutationArgs<N>,
	now: Date
): Promise<OutboxEntry> {
	if (!inTransactionOver(['outbox', 'meta'])) {
		throw new Error('enqueue must run inside a transaction over outbox and meta');
	}
	const id = await getMeta<number>(db, NEXT_ID, 1);
	await setMeta(db, NEXT_ID, id + 1);
	const entry: OutboxEntry = { id, name, args, createdAt: now.toISOString() };
	const stored = await sealOutboxEntry(entry);
	await db.outbox.add(stored);
	return { ...entry, ...(stored.ref ? { ref: stored.ref } : {}) };
}

function inTransactionOver(stores: string[]): boolean {
	const tx = Dexie.currentTransaction as { storeNames: string[] } | null;
	return !!tx && stores.every((s) => tx.storeNames.includes(s));
}

/** The clear reference of a stored entry (entries queued by version ≤5 have only clear args). */
export function refOf(entry: StoredOutboxEntry): string | undefined {
	return entry.ref ?? ('args' in entry ? refOfArgs(entry.args) : undefined);
}

/** Entries to send, in id order, skipping quarantined ones (they wait for the user); opened for pushing. */
export async function pendingEntries(db: DaibanDb, limit: number): Promise<OutboxEntry[]> {
	const all = await db.outbox.orderBy('id').toArray();
	return openOutboxEntries(all.filter((e) => !e.quarantined).slice(0, limit));
}

export async function pendingCount(db: DaibanDb): Promise<number> {
	return db.outbox.filter((e) => !e.quarantined).count();
}
