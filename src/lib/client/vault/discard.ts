import type { DaibanDb } from '../db/db';
import { META, setMeta } from '../db/meta';

/**
 * When a new data key replaces one nobody can open any more (the PIN locked out and the password
 * changed since: lock.svelte.ts, reason 'new-key'), what was sealed under the old key is noise.
 * It is dropped, and the sync cursor goes back to the start so the server's copy of every case
 * comes down again under the new key. Work that never reached the server is lost with the old
 * key; that is the price of a device nobody can unlock (docs/SECURITY.md).
 */
export async function discardSealedData(db: DaibanDb): Promise<void> {
	await db.transaction('rw', [db.cases, db.outbox, db.attachments, db.problems, db.meta], async () => {
		await Promise.all([db.cases.clear(), db.outbox.clear(), db.attachments.clear(), db.problems.clear()]);
		await setMeta(db, META.cursor, 0);
	});
}
