import type { DaibanDb } from '../db/db';
import { getMeta, setMeta } from '../db/meta';

export const PERSIST_META_KEY = 'storage.persist';

/** The browser's answer to "keep this site's data", as recorded on the device. */
export interface PersistAnswer {
	granted: boolean;
	askedAt: string;
	/** The login it was asked after (SessionRecord.loggedInAt): asked once per login. */
	loginAt: string;
}

/** The part of `navigator.storage` used here (an interface, so tests pass their own). */
export interface PersistApi {
	persisted(): Promise<boolean>;
	persist(): Promise<boolean>;
}

/**
 * Asks the browser once per login to keep the app's data when the disk fills up ("persistent"
 * storage): without it, a browser under storage pressure may delete a week of offline cases.
 * Chromium decides without a prompt (from engagement or an installed app), Firefox asks the user;
 * either way the answer is recorded, and not asked again until the next login. Returns the
 * recorded answer, or null when the browser has no Storage API.
 */
export async function requestPersistenceOnce(db: DaibanDb, storage: PersistApi | undefined, loginAt: string, now: () => Date = () => new Date()): Promise<PersistAnswer | null> {
	if (!storage || typeof storage.persist !== 'function') return null;
	const recorded = await getMeta<PersistAnswer | null>(db, PERSIST_META_KEY, null);
	if (recorded && recorded.loginAt === loginAt) return recorded;
	const granted = (await storage.persisted()) || (await storage.persist());
	const answer: PersistAnswer = { granted, askedAt: now().toISOString(), loginAt };
	await setMeta(db, PERSIST_META_KEY, answer);
	return answer;
}
