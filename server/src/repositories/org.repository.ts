import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { orgUnits } from '../db/schema';

export type OrgUnitRow = typeof orgUnits.$inferSelect;

export const orgRepository = {
	/** The villages of one township and their grids, each list in code order. */
	async villagesOf(db: DbOrTx, townshipCode: string): Promise<{ villages: OrgUnitRow[]; grids: OrgUnitRow[] }> {
		const villages = await db
			.select()
			.from(orgUnits)
			.where(and(eq(orgUnits.kind, 'village'), eq(orgUnits.parentCode, townshipCode)))
			.orderBy(asc(orgUnits.code));
		const codes = villages.map((v) => v.code);
		const grids =
			codes.length === 0
				? []
				: await db
						.select()
						.from(orgUnits)
						.where(and(eq(orgUnits.kind, 'grid'), inArray(orgUnits.parentCode, codes)))
						.orderBy(asc(orgUnits.code));
		return { villages, grids };
	}
};
