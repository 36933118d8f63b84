import { and, asc, desc, eq, gt, inArray, like, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { caseEvents, cases } from '../db/schema';
import type { CaseStatus } from '../../../src/lib/domain/case/status';

export type CaseRow = typeof cases.$inferSelect;

export const caseRepository = {
	async findById(db: DbOrTx, id: string): Promise<CaseRow | undefined> {
		const [row] = await db.select().from(cases).where(eq(cases.id, id)).limit(1);
		return row;
	},
	async findByNumber(db: DbOrTx, caseNumber: string): Promise<CaseRow | undefined> {
		const [row] = await db.select().from(cases).where(eq(cases.caseNumber, caseNumber)).limit(1);
		return row;
	},
	/** The row locked for the rest of the transaction (take the change clock first: lock order clock → case). */
	async findByIdForUpdate(tx: DbOrTx, id: string): Promise<CaseRow | undefined> {
		const [row] = await tx.select().from(cases).where(eq(cases.id, id)).for('update');
		return row;
	},
	async update(tx: DbOrTx, id: string, patch: Partial<typeof cases.$inferInsert>): Promise<void> {
		await tx.update(cases).set(patch).where(eq(cases.id, id));
	},
	async insert(tx: DbOrTx, row: typeof cases.$inferInsert): Promise<void> {
		await tx.insert(cases).values(row);
	},
	async insertEvent(tx: DbOrTx, row: typeof caseEvents.$inferInsert): Promise<void> {
		await tx.insert(caseEvents).values(row);
	},
	/** Cases of the given villages changed after `cursor`, in change order (one page + 1 to tell if more). */
	async changedInVillages(db: DbOrTx, villageCodes: string[], cursor: number, limit: number): Promise<CaseRow[]> {
		if (villageCodes.length === 0) return [];
		return db
			.select()
			.from(cases)
			// A case whose personal data retention removed (intake.redactedAt) no longer goes to devices.
			.where(and(inArray(cases.villageCode, villageCodes), gt(cases.changeSeq, cursor), sql`${cases.intake}->>'redactedAt' IS NULL`))
			.orderBy(asc(cases.changeSeq))
			.limit(limit);
	},
	/** The township's queue: cases in the given statuses, oldest first. */
	async queue(
		db: DbOrTx,
		filter: { statuses: CaseStatus[]; townshipCode: string; villageCodes?: string[]; limit: number; offset: number }
	): Promise<{ rows: CaseRow[]; total: number }> {
		const where = and(
			inArray(cases.status, filter.statuses),
			// Village codes start with their township's code (statistical division codes).
			like(cases.villageCode, `${filter.townshipCode.replace(/[^0-9]/g, '')}%`),
			filter.villageCodes?.length ? inArray(cases.villageCode, filter.villageCodes) : undefined,
			// Cases whose personal data retention removed are statistics only, not work.
			sql`${cases.intake}->>'redactedAt' IS NULL`
		);
		const rows = await db
			.select()
			.from(cases)
			.where(where)
			.orderBy(asc(cases.receivedAt), desc(cases.id))
			.limit(filter.limit)
			.offset(filter.offset);
		const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(cases).where(where);
		return { rows, total: count?.n ?? 0 };
	},
	async eventsOf(db: DbOrTx, caseId: string) {
		return db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.at));
	}
};
