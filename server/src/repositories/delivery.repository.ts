import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { cases, certificates, orgUnits, tombstones } from '../db/schema';
import type { CaseRow } from './case.repository';

/** The tombstone kind for a delivery leaving a grid worker's device (entity id: `<case id>:<user id>`). */
const DELIVERY = 'delivery';

/** The current assignee of a case's delivery: the last assignment in the workflow (jsonb). */
const currentAssignee = sql<string | null>`${cases.workflow} -> 'delivery' -> 'assignments' -> -1 ->> 'gridWorkerId'`;

export const deliveryRepository = {
	/** Cases out for delivery with this grid worker, changed after `cursor`, in change order. */
	async assignedChangedSince(db: DbOrTx, userId: string, cursor: number, limit: number): Promise<CaseRow[]> {
		return db
			.select()
			.from(cases)
			.where(and(eq(cases.status, 'out_for_delivery'), gt(cases.changeSeq, cursor), sql`${currentAssignee} = ${userId}`))
			.orderBy(asc(cases.changeSeq))
			.limit(limit);
	},

	/**
	 * Records that a delivery left this grid worker's scope. One row per (case, worker), moved to
	 * the newer change number when it leaves again after coming back.
	 */
	async upsertTombstone(tx: DbOrTx, row: { entityId: string; userId: string; villageCode: string; changeSeq: number }): Promise<void> {
		await tx
			.insert(tombstones)
			.values({ entityType: DELIVERY, ...row })
			.onConflictDoUpdate({ target: [tombstones.entityType, tombstones.entityId], set: { changeSeq: row.changeSeq } });
	},

	/** This grid worker's delivery tombstones with a change number in (from, to]. */
	async tombstonesIn(db: DbOrTx, userId: string, from: number, to: number): Promise<{ entityId: string; changeSeq: number }[]> {
		if (to <= from) return [];
		return db
			.select({ entityId: tombstones.entityId, changeSeq: tombstones.changeSeq })
			.from(tombstones)
			.where(
				and(
					eq(tombstones.entityType, DELIVERY),
					eq(tombstones.userId, userId),
					gt(tombstones.changeSeq, from),
					lte(tombstones.changeSeq, to)
				)
			)
			.orderBy(asc(tombstones.changeSeq));
	},

	/** Signed QR payloads of these cases' certificates, by certificate number (the certificates table). */
	async qrPayloads(db: DbOrTx, caseIds: string[]): Promise<Map<string, string>> {
		if (caseIds.length === 0) return new Map();
		const rows = await db
			.select({ number: certificates.certificateNumber, payload: certificates.payload })
			.from(certificates)
			.where(inArray(certificates.caseId, caseIds));
		return new Map(rows.map((r) => [r.number, r.payload]));
	},

	async orgNames(db: DbOrTx, codes: string[]): Promise<Map<string, string>> {
		if (codes.length === 0) return new Map();
		const rows = await db.select({ code: orgUnits.code, name: orgUnits.name }).from(orgUnits).where(inArray(orgUnits.code, codes));
		return new Map(rows.map((r) => [r.code, r.name]));
	}
};
