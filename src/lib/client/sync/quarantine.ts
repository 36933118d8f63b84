import type { DaibanDb, OutboxEntry, StoredOutboxEntry } from '../db/db';
import { openOutboxEntries } from '../vault/outbox-vault';
import { refOf } from './outbox';

/**
 * Work the server refused (sync.push answered "rejected"): it stays in the outbox, flagged, so
 * it is neither lost nor retried forever, and the rest of the outbox syncs past it. The agent
 * decides: send it back to editing (a corrected version goes out as a new mutation) or discard it.
 */
export async function quarantinedEntries(db: DaibanDb): Promise<OutboxEntry[]> {
	return openOutboxEntries(await db.outbox.filter((e) => !!e.quarantined).sortBy('id'));
}

function caseIdOf(entry: StoredOutboxEntry): string | undefined {
	return entry.name === 'case.submit' || entry.name === 'case.resubmit' ? refOf(entry) : undefined;
}

/**
 * A refused submission becomes a draft again (a refused resubmission: a correction to answer
 * again), with the server's reason kept on the case until it is sent anew.
 */
export async function returnForEditing(db: DaibanDb, entryId: number, now: Date): Promise<string | undefined> {
	return db.transaction('rw', db.outbox, db.cases, async () => {
		const entry = await db.outbox.get(entryId);
		if (!entry?.quarantined) throw new Error(`outbox entry ${entryId} is not quarantined`);
		const caseId = caseIdOf(entry);
		if (caseId) {
			const status = entry.name === 'case.resubmit' ? 'correction_requested' : 'draft';
			await db.cases.update(caseId, { status, syncState: entry.name === 'case.resubmit' ? 'received' : 'local', updatedAt: now.toISOString() });
		}
		await db.outbox.delete(entryId);
		return caseId;
	});
}

/** Drops refused work for good: a refused new case is deleted from the device with its entry. */
export async function discard(db: DaibanDb, entryId: number): Promise<void> {
	await db.transaction('rw', db.outbox, db.cases, async () => {
		const entry = await db.outbox.get(entryId);
		if (!entry?.quarantined) throw new Error(`outbox entry ${entryId} is not quarantined`);
		const caseId = caseIdOf(entry);
		if (caseId && entry.name === 'case.submit') await db.cases.delete(caseId);
		if (caseId && entry.name === 'case.resubmit') await db.cases.update(caseId, { status: 'correction_requested', syncState: 'received' });
		await db.outbox.delete(entryId);
	});
}
