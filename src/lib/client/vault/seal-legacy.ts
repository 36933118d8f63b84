import type { Attachment, ClearCase, DaibanDb, StoredCase, StoredOutboxEntry } from '../db/db';
import { sealProblem } from './problem-vault';
import { sealCase } from './case-vault';
import { sealOutboxEntry } from './outbox-vault';
import { sealPhotoBytes } from './attachment-vault';
import { cryptoStep } from './in-transaction';
import { getMeta, setMeta } from '../db/meta';

/**
 * The first unlock after the upgrade to version 6 seals what versions ≤5 wrote in clear: cases,
 * outbox arguments, photo bytes. Record by record, each in its own transaction that re-reads the
 * record and writes only if it is still clear: so the pass can be interrupted (a closed tab, a
 * lock) and run again, and never seals twice or overwrites a newer write. The clear copy is
 * replaced in place; IndexedDB's files drop the old bytes at their next compaction.
 */

export interface SealLegacySummary {
	cases: number;
	outbox: number;
	attachments: number;
	problems: number;
}

const isClearCase = (c: StoredCase): c is ClearCase => !('sealed' in c);
const isClearEntry = (e: StoredOutboxEntry): boolean => !('sealedArgs' in e);

/** Records examined per table at most in one pass: far above what a station's device holds. */
const MAX_RECORDS = 100_000;

/**
 * Set once a pass found nothing left: from version 6 on every write is sealed, and an older tab
 * cannot keep writing (the version change closes its connection), so later unlocks skip the scan.
 */
const DONE = 'vault.legacySealed';

export async function sealLegacyRecords(db: DaibanDb): Promise<SealLegacySummary> {
	const summary: SealLegacySummary = { cases: 0, outbox: 0, attachments: 0, problems: 0 };
	if (await getMeta(db, DONE, false)) return summary;

	const caseIds = (await db.cases.filter(isClearCase).limit(MAX_RECORDS).primaryKeys()) as string[];
	for (const id of caseIds) {
		const done = await db.transaction('rw', db.cases, async () => {
			const c = await db.cases.get(id);
			if (!c || !isClearCase(c)) return false;
			const { itemCodes: _i, bundleCode: _b, refs: _r, search: _s, ...local } = c;
			await db.cases.put(await cryptoStep(sealCase(local)));
			return true;
		});
		if (done) summary.cases++;
	}

	const entryIds = (await db.outbox.filter(isClearEntry).limit(MAX_RECORDS).primaryKeys()) as number[];
	for (const id of entryIds) {
		const done = await db.transaction('rw', db.outbox, async () => {
			const e = await db.outbox.get(id);
			if (!e || !('args' in e) || 'sealedArgs' in e) return false;
			await db.outbox.put(await sealOutboxEntry({ ...e, args: e.args }));
			return true;
		});
		if (done) summary.outbox++;
	}

	const problemIds = (await db.problems.filter((p) => !('sealed' in p)).limit(MAX_RECORDS).primaryKeys()) as string[];
	for (const id of problemIds) {
		const done = await db.transaction('rw', db.problems, async () => {
			const p = await db.problems.get(id);
			if (!p || 'sealed' in p) return false;
			await db.problems.put(await sealProblem(p));
			return true;
		});
		if (done) summary.problems++;
	}

	const hashes = (await db.attachments.filter((a) => !a.sealed).limit(MAX_RECORDS).primaryKeys()) as string[];
	for (const hash of hashes) {
		// Sealed outside the transaction (a photo takes a moment), written only if still clear.
		const clear = await db.attachments.get(hash);
		if (!clear || clear.sealed) continue;
		const blob = await sealPhotoBytes(hash, clear.blob);
		const done = await db.transaction('rw', db.attachments, async () => {
			const now: Attachment | undefined = await db.attachments.get(hash);
			if (!now || now.sealed) return false;
			await db.attachments.update(hash, { blob, sealed: true });
			return true;
		});
		if (done) summary.attachments++;
	}
	// Only a pass that ran to the end marks the work done; an interrupted one runs again next time.
	await setMeta(db, DONE, true);
	return summary;
}
