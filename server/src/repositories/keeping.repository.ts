import { and, asc, eq, inArray, like, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { attachments, caseEvents, cases } from '../db/schema';
import { FINAL_STATUSES } from '../../../src/lib/domain/case/status';
import type { CaseIntake } from '../../../src/lib/domain/case/case.schema';

/** SQL of the keeping service: an applicant's cases by ID number, and cases past retention. */

type CaseRow = typeof cases.$inferSelect;

/** The intake's applicant ID number; not indexed (an export is rare; a scan of a township's cases is fine). */
const applicantId = sql<string>`${cases.intake}->'applicant'->>'idNumber'`;
/** Set by retention (intake.redactedAt): the personal data is gone. */
const redactedAt = sql<string | null>`${cases.intake}->>'redactedAt'`;

export const keepingRepository = {
	async casesOfApplicant(db: DbOrTx, idNumber: string, townshipCode: string): Promise<CaseRow[]> {
		return db
			.select()
			.from(cases)
			.where(and(sql`${applicantId} = ${idNumber}`, like(cases.villageCode, `${townshipCode}%`)))
			.orderBy(asc(cases.receivedAt));
	},

	async eventsOf(db: DbOrTx, caseIds: string[]) {
		if (caseIds.length === 0) return [];
		return db.select().from(caseEvents).where(inArray(caseEvents.caseId, caseIds)).orderBy(asc(caseEvents.at));
	},

	async attachmentsByHash(db: DbOrTx, hashes: string[]) {
		if (hashes.length === 0) return [];
		return db.select().from(attachments).where(inArray(attachments.hash, hashes));
	},

	/**
	 * Finished cases (final status) whose last event is older than `before` and whose personal data
	 * is still there. 办结 is the moment the case reached its final status: its last event.
	 */
	async expired(db: DbOrTx, before: Date, limit: number): Promise<(Pick<CaseRow, 'id' | 'caseNumber' | 'villageCode' | 'status' | 'itemCodes' | 'intake'> & { finishedAt: string })[]> {
		const finishedAt = sql<string>`(SELECT max(${caseEvents.at}) FROM ${caseEvents} WHERE ${caseEvents.caseId} = ${cases.id})`;
		const found = await db
			.select({ id: cases.id, caseNumber: cases.caseNumber, villageCode: cases.villageCode, status: cases.status, itemCodes: cases.itemCodes, intake: cases.intake, finishedAt: sql<string>`coalesce(${finishedAt}, ${cases.updatedAt})::text` })
			.from(cases)
			.where(and(inArray(cases.status, [...FINAL_STATUSES]), sql`${redactedAt} IS NULL`, lt(sql`coalesce(${finishedAt}, ${cases.updatedAt})`, before)))
			.orderBy(asc(cases.caseNumber))
			.limit(limit);
		return found;
	},

	async redact(tx: DbOrTx, id: string, intake: CaseIntake & { redactedAt: string }, changeSeq: number): Promise<void> {
		await tx.update(cases).set({ intake, changeSeq }).where(eq(cases.id, id));
		// Notes and event data may name the applicant; the event itself (type, statuses, time) is statistics.
		await tx.update(caseEvents).set({ note: null, data: null }).where(eq(caseEvents.caseId, id));
	},

	/** Which of these attachment hashes a case still references (cases already redacted reference none). */
	async stillReferenced(db: DbOrTx, hashes: string[]): Promise<Set<string>> {
		if (hashes.length === 0) return new Set();
		const list = sql.join(hashes.map((h) => sql`${h}`), sql`, `);
		const result = (await db.execute(sql`
			SELECT DISTINCT h AS hash FROM ${cases} c,
				jsonb_array_elements(c.intake->'materials') m,
				jsonb_array_elements_text(coalesce(m->'attachmentHashes', '[]'::jsonb)) h
			WHERE h IN (${list})
			UNION SELECT c.intake->>'signatureHash' FROM ${cases} c WHERE c.intake->>'signatureHash' IN (${list})`)) as unknown as { rows: { hash: string }[] };
		return new Set(result.rows.map((r) => r.hash));
	},

	async deleteAttachmentRows(tx: DbOrTx, hashes: string[]): Promise<void> {
		if (hashes.length > 0) await tx.delete(attachments).where(inArray(attachments.hash, hashes));
	}
};
