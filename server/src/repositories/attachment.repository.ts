import { and, eq, inArray, like, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { attachments, cases } from '../db/schema';
import { referencedHashes } from '../../../src/lib/domain/case/attachment-refs';

export type AttachmentRow = typeof attachments.$inferSelect;

/** The columns of a case that decide who may see its attachments, and what it references. */
export interface CaseRef {
	id: string;
	villageCode: string;
	hashes: string[];
}


export const attachmentRepository = {
	async find(db: DbOrTx, hash: string): Promise<AttachmentRow | undefined> {
		const [row] = await db.select().from(attachments).where(eq(attachments.hash, hash)).limit(1);
		return row;
	},

	/** Which of these hashes the server holds (one primary-key lookup per hash). */
	async existing(db: DbOrTx, hashes: string[]): Promise<Set<string>> {
		if (hashes.length === 0) return new Set();
		const rows = await db.select({ hash: attachments.hash }).from(attachments).where(inArray(attachments.hash, hashes));
		return new Set(rows.map((r) => r.hash));
	},

	/** Records stored bytes; the first uploader of some content stays its `uploaded_by`. */
	async insertIfAbsent(db: DbOrTx, row: typeof attachments.$inferInsert): Promise<boolean> {
		const inserted = await db.insert(attachments).values(row).onConflictDoNothing({ target: attachments.hash }).returning({ hash: attachments.hash });
		return inserted.length > 0;
	},

	/** One case by id with what it references (a primary-key read). */
	async caseRef(db: DbOrTx, caseId: string): Promise<CaseRef | undefined> {
		const [row] = await db
			.select({ id: cases.id, villageCode: cases.villageCode, intake: cases.intake, workflow: cases.workflow })
			.from(cases)
			.where(eq(cases.id, caseId))
			.limit(1);
		// The hand-over proof (signature, photo) of a delivered case is referenced by its workflow.
		const proofs = row?.workflow?.delivery.delivered?.proofRefs ?? [];
		return row && { id: row.id, villageCode: row.villageCode, hashes: [...new Set([...referencedHashes(row.intake), ...proofs])] };
	},

	/**
	 * A case within the given villages (or village-code prefix, for a township) whose materials
	 * reference the hash. jsonb containment over the scope's cases: used only when a download does
	 * not name its case, which the app always does.
	 */
	async findReferencingCase(
		db: DbOrTx,
		hash: string,
		scope: { villageCodes: string[] } | { villagePrefix: string }
	): Promise<CaseRef | undefined> {
		const inScope =
			'villageCodes' in scope
				? scope.villageCodes.length > 0
					? inArray(cases.villageCode, scope.villageCodes)
					: undefined
				: like(cases.villageCode, `${scope.villagePrefix.replace(/[\\%_]/g, '\\$&')}%`);
		if (!inScope) return undefined;
		const inMaterials = JSON.stringify({ materials: [{ attachmentHashes: [hash] }] });
		const asSignature = JSON.stringify({ signatureHash: hash });
		const [row] = await db
			.select({ id: cases.id, villageCode: cases.villageCode, intake: cases.intake })
			.from(cases)
			.where(and(inScope, sql`(${cases.intake} @> ${inMaterials}::jsonb or ${cases.intake} @> ${asSignature}::jsonb)`))
			.limit(1);
		return row && { id: row.id, villageCode: row.villageCode, hashes: referencedHashes(row.intake) };
	}
};
