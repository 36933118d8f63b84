import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, like, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/database';
import { caseEvents, cases, devices, orgUnits, ratingFollowUps, users } from '../db/schema';
import type { CaseStatus } from '../../../src/lib/domain/case/status';
import type { SearchTerm } from '../../../src/lib/domain/backoffice/queue-filter';
import type { CaseRow } from './case.repository';

/** SQL of the back office: the filtered queue, the clock-running cases, the dashboard's rows, the audit trail. */

export interface QueueQuery {
	statuses: CaseStatus[];
	/** 9-digit township code: village codes start with it. */
	townshipCode: string;
	/** Row-level scope (empty: the whole township). */
	villageCodes?: string[];
	villageCode?: string;
	itemCode?: string;
	/** The items of a department: a case matches when any of its items is one. */
	anyItemCodes?: string[];
	search?: SearchTerm | null;
	receivedFrom?: Date;
	receivedBefore?: Date;
}

const applicantName = sql<string>`(${cases.intake}->'applicant'->>'name')`;
const idNumber = sql<string>`(${cases.intake}->'applicant'->>'idNumber')`;
/** 绿色通道 first: every queue puts a fast-tracked case on top. */
const fastTrack = sql<boolean>`coalesce((${cases.workflow}->'fastTrack'->>'on')::boolean, false)`;

/** LIKE pattern of user text: its own % and _ are taken literally. */
function contains(text: string): string {
	return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function searchCondition(term: SearchTerm): SQL {
	switch (term.kind) {
		case 'masked_id':
			// Both ends must match; the indexed last 4 narrows first.
			return sql`right(${idNumber}, 4) = ${term.last4} and left(${idNumber}, 4) = ${term.first4}`;
		case 'id_last4':
			return sql`right(${idNumber}, 4) = ${term.last4}`;
		case 'case_number':
			return sql`${cases.caseNumber} like ${contains(term.fragment)}`;
		case 'name':
			return sql`${applicantName} like ${contains(term.fragment)}`;
	}
}

function queueWhere(q: QueueQuery): SQL | undefined {
	return and(
		inArray(cases.status, q.statuses),
		like(cases.villageCode, `${q.townshipCode.replace(/[^0-9]/g, '')}%`),
		q.villageCodes?.length ? inArray(cases.villageCode, q.villageCodes) : undefined,
		q.villageCode ? eq(cases.villageCode, q.villageCode) : undefined,
		q.itemCode ? sql`${cases.itemCodes} @> ${JSON.stringify([q.itemCode])}::jsonb` : undefined,
		q.anyItemCodes
			? q.anyItemCodes.length === 0
				? sql`false`
				: sql`${cases.itemCodes} ?| array[${sql.join(
						q.anyItemCodes.map((c) => sql`${c}`),
						sql`, `
					)}]::text[]`
			: undefined,
		q.search ? searchCondition(q.search) : undefined,
		q.receivedFrom ? gte(cases.receivedAt, q.receivedFrom) : undefined,
		q.receivedBefore ? lt(cases.receivedAt, q.receivedBefore) : undefined
	);
}

export interface DashboardSqlRow {
	id: string;
	villageCode: string;
	villageName: string | null;
	itemCodes: string[];
	receivedAt: Date;
	status: CaseStatus;
	clock: unknown;
	trips: number | null;
	rating: string | null;
	staffId: string | null;
	staffName: string | null;
}

export const backofficeRepository = {
	/** One page of the queue, fast track first, then oldest first; `page` null returns every row (bounded by `cap`). */
	async queue(db: DbOrTx, q: QueueQuery, page: { limit: number; offset: number }): Promise<{ rows: CaseRow[]; total: number }> {
		const where = queueWhere(q);
		const rows = await db
			.select()
			.from(cases)
			.where(where)
			.orderBy(desc(fastTrack), asc(cases.receivedAt), asc(cases.id))
			.limit(page.limit)
			.offset(page.offset);
		const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(cases).where(where);
		return { rows, total: count?.n ?? 0 };
	},

	/** Cases of the township whose clock runs (accepted, not yet decided): the only ones that can turn red. */
	async clockRunning(db: DbOrTx, townshipCode: string, limit: number): Promise<CaseRow[]> {
		return db
			.select()
			.from(cases)
			.where(
				and(
					like(cases.villageCode, `${townshipCode.replace(/[^0-9]/g, '')}%`),
					isNotNull(sql`${cases.workflow}->'clock'->>'startedOn'`),
					isNull(sql`${cases.workflow}->'clock'->>'stoppedOn'`),
					sql`${cases.status} not in ('withdrawn', 'not_accepted')`
				)
			)
			.orderBy(desc(fastTrack), asc(cases.receivedAt))
			.limit(limit);
	},

	/**
	 * One row per case received in [from, before): what the dashboard's pure figures need,
	 * with the front-desk officer of the first decision and the rating taken from the database.
	 */
	async dashboardRows(db: DbOrTx, townshipCode: string, from: Date, before: Date, limit: number): Promise<DashboardSqlRow[]> {
		const staff = alias(users, 'staff');
		const firstDecision = sql<string | null>`(
			select ${caseEvents.actorId} from ${caseEvents}
			where ${caseEvents.caseId} = ${cases.id} and ${caseEvents.type} in ('accept', 'request_correction', 'not_accept')
			order by ${caseEvents.at} asc, ${caseEvents.id} asc limit 1
		)`;
		return db
			.select({
				id: cases.id,
				villageCode: cases.villageCode,
				villageName: orgUnits.name,
				itemCodes: cases.itemCodes,
				receivedAt: cases.receivedAt,
				status: cases.status,
				clock: sql<unknown>`${cases.workflow}->'clock'`,
				trips: sql<number | null>`(${cases.intake}->>'trips')::int`,
				rating: sql<string | null>`${cases.workflow}->'rating'->>'level'`,
				staffId: sql<string | null>`${staff.id}`,
				staffName: sql<string | null>`${staff.displayName}`
			})
			.from(cases)
			.leftJoin(orgUnits, eq(orgUnits.code, cases.villageCode))
			.leftJoin(staff, sql`${staff.id} = ${firstDecision}`)
			.where(
				and(
					like(cases.villageCode, `${townshipCode.replace(/[^0-9]/g, '')}%`),
					gte(cases.receivedAt, from),
					lt(cases.receivedAt, before)
				)
			)
			.orderBy(asc(cases.receivedAt))
			.limit(limit);
	},

	/** Every event of a case with the actor's name and the device's name (首问负责制, 责任追究制). */
	async auditTrail(db: DbOrTx, caseId: string) {
		return db
			.select({
				event: caseEvents,
				actorName: users.displayName,
				actorUsername: users.username,
				deviceName: devices.name
			})
			.from(caseEvents)
			.leftJoin(users, eq(users.id, caseEvents.actorId))
			.leftJoin(devices, eq(devices.id, caseEvents.deviceId))
			.where(eq(caseEvents.caseId, caseId))
			.orderBy(asc(caseEvents.at), asc(caseEvents.id));
	},

	/** Display names of users, for timelines. */
	async userNames(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
		if (ids.length === 0) return new Map();
		const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids));
		return new Map(rows.map((r) => [r.id, r.name]));
	},

	async orgName(db: DbOrTx, code: string): Promise<string | undefined> {
		const [row] = await db.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.code, code)).limit(1);
		return row?.name;
	},

	async villageNames(db: DbOrTx, townshipCode: string): Promise<{ code: string; name: string }[]> {
		return db
			.select({ code: orgUnits.code, name: orgUnits.name })
			.from(orgUnits)
			.where(and(eq(orgUnits.kind, 'village'), like(orgUnits.code, `${townshipCode.replace(/[^0-9]/g, '')}%`)))
			.orderBy(asc(orgUnits.code));
	},

	/** Cases of the township rated 不满意 or 非常不满意, with their follow-up answer if any. */
	async badRatings(db: DbOrTx, townshipCode: string, limit: number) {
		const responder = alias(users, 'responder');
		return db
			.select({
				caseId: cases.id,
				caseNumber: cases.caseNumber,
				villageCode: cases.villageCode,
				villageName: orgUnits.name,
				rating: sql<{ level: string; comment: string | null; at: string }>`${cases.workflow}->'rating'`,
				followUp: ratingFollowUps,
				responderName: responder.displayName
			})
			.from(cases)
			.leftJoin(orgUnits, eq(orgUnits.code, cases.villageCode))
			.leftJoin(ratingFollowUps, eq(ratingFollowUps.caseId, cases.id))
			.leftJoin(responder, eq(responder.id, ratingFollowUps.responderId))
			.where(
				and(
					like(cases.villageCode, `${townshipCode.replace(/[^0-9]/g, '')}%`),
					sql`${cases.workflow}->'rating'->>'level' in ('dissatisfied', 'very_dissatisfied')`
				)
			)
			.orderBy(desc(sql`${cases.workflow}->'rating'->>'at'`))
			.limit(limit);
	},

	async findRatingFollowUpForUpdate(tx: DbOrTx, caseId: string) {
		const [row] = await tx.select().from(ratingFollowUps).where(eq(ratingFollowUps.caseId, caseId)).for('update');
		return row;
	},

	async upsertRatingFollowUp(tx: DbOrTx, row: typeof ratingFollowUps.$inferInsert): Promise<void> {
		await tx
			.insert(ratingFollowUps)
			.values(row)
			.onConflictDoUpdate({
				target: ratingFollowUps.caseId,
				set: { response: row.response, responderId: row.responderId, respondedAt: row.respondedAt, closedBy: row.closedBy ?? null, closedAt: row.closedAt ?? null }
			});
	}
};
