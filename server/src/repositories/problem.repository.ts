import { aliasedTable, and, asc, desc, eq, gt, inArray, like, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { orgUnits, problemReports, users } from '../db/schema';
import type { ProblemStatus } from '../../../src/lib/domain/problems/problem.schema';

export type ProblemRow = typeof problemReports.$inferSelect;

const responders = aliasedTable(users, 'responders');

export const problemRepository = {
	async insert(tx: DbOrTx, row: typeof problemReports.$inferInsert): Promise<void> {
		await tx.insert(problemReports).values(row);
	},
	async findById(db: DbOrTx, id: string): Promise<ProblemRow | undefined> {
		const [row] = await db.select().from(problemReports).where(eq(problemReports.id, id)).limit(1);
		return row;
	},
	/** The row locked for the rest of the transaction (take the change clock first: lock order clock → row). */
	async findByIdForUpdate(tx: DbOrTx, id: string): Promise<ProblemRow | undefined> {
		const [row] = await tx.select().from(problemReports).where(eq(problemReports.id, id)).for('update');
		return row;
	},
	async update(tx: DbOrTx, id: string, patch: Partial<typeof problemReports.$inferInsert>): Promise<void> {
		await tx.update(problemReports).set(patch).where(eq(problemReports.id, id));
	},
	/** Reports of the villages whose change sequence is in (after, upTo], in change order: one pull page's range. */
	async changedInVillages(db: DbOrTx, villageCodes: string[], after: number, upTo: number): Promise<ProblemRow[]> {
		if (villageCodes.length === 0 || upTo <= after) return [];
		return db
			.select()
			.from(problemReports)
			.where(
				and(inArray(problemReports.villageCode, villageCodes), gt(problemReports.changeSeq, after), lte(problemReports.changeSeq, upTo))
			)
			.orderBy(asc(problemReports.changeSeq));
	},
	/** The township's list: reports of its villages in the given statuses, newest first, with names. */
	async list(db: DbOrTx, filter: { statuses: ProblemStatus[]; townshipCode: string; limit: number; offset: number }) {
		const where = and(
			inArray(problemReports.status, filter.statuses),
			// Village codes start with their township's code (statistical division codes).
			like(problemReports.villageCode, `${filter.townshipCode.replace(/[^0-9]/g, '')}%`)
		);
		const rows = await selectDetails(db)
			.where(where)
			.orderBy(desc(problemReports.createdAt), desc(problemReports.id))
			.limit(filter.limit)
			.offset(filter.offset);
		const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(problemReports).where(where);
		return { rows, total: count?.n ?? 0 };
	},
	async findDetail(db: DbOrTx, id: string): Promise<ProblemDetailRow | undefined> {
		const [row] = await selectDetails(db).where(eq(problemReports.id, id)).limit(1);
		return row;
	}
};

function selectDetails(db: DbOrTx) {
	return db
		.select({
			report: problemReports,
			reporterName: users.displayName,
			villageName: orgUnits.name,
			responderName: responders.displayName
		})
		.from(problemReports)
		.innerJoin(users, eq(users.id, problemReports.reporterId))
		.leftJoin(orgUnits, eq(orgUnits.code, problemReports.villageCode))
		.leftJoin(responders, eq(responders.id, problemReports.responderId))
		.$dynamic();
}
export type ProblemDetailRow = { report: ProblemRow; reporterName: string; villageName: string | null; responderName: string | null };
