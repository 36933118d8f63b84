import type { Db } from '../db/database';
import type { Actor } from '../context';
import { DomainError } from '../../../src/lib/domain/errors';
import { hasRole } from '../../../src/lib/domain/roles';
import { computeDeadline, deadlineLight } from '../../../src/lib/domain/calendar';
import { chinaToday } from '../../../src/lib/domain/calendar/iso-date';
import { caseClockSchema } from '../../../src/lib/domain/case/clock.schema';
import { ratingLevelSchema, type RatingLevel } from '../../../src/lib/domain/case/events';
import { cstDate } from '../../../src/lib/domain/case/workflow';
import {
	parseSearchTerm,
	waitingDays,
	WAITING_BUCKET_DAYS,
	type QueueFilter
} from '../../../src/lib/domain/backoffice/queue-filter';
import type { AuditEntry, FollowUp, OverdueList, QueueEntry, QueueOptions, QueuePage } from '../../../src/lib/domain/backoffice/backoffice.schema';
import {
	computeDashboard,
	type Dashboard,
	type DashboardCaseRow,
	type DashboardPeriod
} from '../../../src/lib/domain/dashboard/dashboard';
import type { ProblemStatus } from '../../../src/lib/domain/problems/problem.schema';
import type { Catalog } from '../../../src/lib/domain/catalog/item.schema';
import { backofficeRepository } from '../repositories/backoffice.repository';
import { caseRepository, type CaseRow } from '../repositories/case.repository';
import { syncRepository } from '../repositories/sync.repository';
import { catalogService } from './catalog.service';
import { canSeeCaseOf } from './case-access';
import { problemService } from './problem.service';
import { toCaseRecord } from './case.service';

/**
 * The township back office: the filtered queue, the overdue list, the dashboard, follow-ups
 * and the audit trail. Row-level rules live here: township staff see their township; an
 * approver who is nothing else sees the cases of his departments' items.
 */

/** Light filtering and the overdue list read clock-running cases whole; a township has far fewer. */
const MAX_SCAN = 5_000;
/** A dashboard period is bounded so one request cannot read the whole history. */
const MAX_DASHBOARD_CASES = 50_000;
const CST_MS = 8 * 3_600_000;

function townshipOf(actor: Actor): string {
	if (actor.scope.townshipCode.length === 0) throw new DomainError('FORBIDDEN', 'your account has no township');
	return actor.scope.townshipCode;
}

/** The UTC instant a China date begins. */
function chinaDayStart(date: string): Date {
	return new Date(Date.parse(`${date}T00:00:00Z`) - CST_MS);
}

function addChinaDays(date: string, n: number): string {
	return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Items of the departments this actor approves for, when his queue is limited to them. */
function approverItemScope(actor: Actor, catalog: Catalog): string[] | undefined {
	const broader = hasRole(actor, 'township_intake', 'township_issuer', 'supervisor');
	if (broader || !hasRole(actor, 'township_approver')) return undefined;
	return catalog.items.filter((i) => actor.scope.departmentCodes.includes(i.departmentCode)).map((i) => i.code);
}

function intersect(a: string[] | undefined, b: string[] | undefined): string[] | undefined {
	if (a === undefined) return b;
	if (b === undefined) return a;
	return a.filter((x) => b.includes(x));
}

function entryOf(row: CaseRow, now: Date, today: string): QueueEntry {
	const clock = row.workflow?.clock ?? null;
	return {
		case: toCaseRecord(row),
		light: clock ? deadlineLight(clock, today) : 'not_started',
		dueDate: clock ? (computeDeadline(clock, today)?.dueDate ?? null) : null,
		fastTrack: row.workflow?.fastTrack?.on ?? false,
		waitingDays: waitingDays(row.receivedAt.toISOString(), now.toISOString())
	};
}

export const backofficeService = {
	async queue(db: Db, actor: Actor, filter: QueueFilter, now: Date): Promise<QueuePage> {
		const township = townshipOf(actor);
		const catalog = await catalogService.latest(db);
		const today = chinaToday(now);
		const departmentItems = filter.departmentCode
			? catalog.items.filter((i) => i.departmentCode === filter.departmentCode).map((i) => i.code)
			: undefined;
		let received: { from?: Date; before?: Date } = {};
		if (filter.waiting) {
			// Waited d days = received on the China date today − d: a range of receipt instants.
			const { min, max } = WAITING_BUCKET_DAYS[filter.waiting];
			received = {
				before: chinaDayStart(addChinaDays(today, 1 - min)),
				...(max === null ? {} : { from: chinaDayStart(addChinaDays(today, -max)) })
			};
		}
		const query = {
			statuses: filter.statuses,
			townshipCode: township,
			villageCodes: hasRole(actor, 'supervisor') ? undefined : actor.scope.villageCodes,
			villageCode: filter.villageCode,
			itemCode: filter.itemCode,
			anyItemCodes: intersect(departmentItems, approverItemScope(actor, catalog)),
			search: parseSearchTerm(filter.search),
			receivedFrom: received.from,
			receivedBefore: received.before
		};
		const offset = (filter.page - 1) * filter.pageSize;
		if (!filter.light) {
			const { rows, total } = await backofficeRepository.queue(db, query, { limit: filter.pageSize, offset });
			return { total, page: filter.page, pageSize: filter.pageSize, entries: rows.map((r) => entryOf(r, now, today)) };
		}
		// The light depends on the working-day calendar (domain code), so it is computed here over
		// the rows the SQL filters left, in queue order, then paged.
		const { rows } = await backofficeRepository.queue(db, query, { limit: MAX_SCAN, offset: 0 });
		const lit = rows.map((r) => entryOf(r, now, today)).filter((e) => e.light === filter.light);
		return { total: lit.length, page: filter.page, pageSize: filter.pageSize, entries: lit.slice(offset, offset + filter.pageSize) };
	},

	async queueOptions(db: Db, actor: Actor): Promise<QueueOptions> {
		const township = townshipOf(actor);
		const catalog = await catalogService.latest(db);
		const villages = await backofficeRepository.villageNames(db, township);
		return {
			townshipName: (await backofficeRepository.orgName(db, township)) ?? township,
			villages,
			items: catalog.items.map((i) => ({ code: i.code, name: i.subName ? `${i.mainName}（${i.subName}）` : i.mainName, departmentCode: i.departmentCode })),
			departments: catalog.departments
		};
	},

	/** Cases past their promised date (red), by department of the overdue item; the statutory limit is flagged. */
	async overdue(db: Db, actor: Actor, now: Date): Promise<OverdueList> {
		const township = townshipOf(actor);
		const today = chinaToday(now);
		const catalog = await catalogService.latest(db);
		const rows = await backofficeRepository.clockRunning(db, township, MAX_SCAN);
		const byDept = new Map<string, OverdueList['byDepartment'][number]['entries']>();
		for (const row of rows) {
			const state = row.workflow;
			if (!state || deadlineLight(state.clock, today) !== 'red') continue;
			const deadline = computeDeadline(state.clock, today);
			if (!deadline) continue;
			// Each undecided branch is one department's overdue work (a bundle may be late in several).
			const open = state.branches.filter((b) => b.status === 'in_review');
			for (const branch of open.length > 0 ? open : state.branches.slice(0, 1)) {
				const item = catalog.items.find((i) => i.code === branch.itemCode);
				const statutory = item ? computeDeadline({ ...state.clock, limitDays: item.statutoryLimitDays }, today) : null;
				const entries = byDept.get(branch.departmentCode) ?? [];
				entries.push({
					caseId: row.id,
					caseNumber: row.caseNumber,
					villageCode: row.villageCode,
					itemCode: branch.itemCode,
					departmentCode: branch.departmentCode,
					status: row.status,
					dueDate: deadline.dueDate,
					daysOver: Math.max(0, -deadline.remainingDays),
					pastStatutory: statutory !== null && today > statutory.dueDate,
					fastTrack: state.fastTrack?.on ?? false
				});
				byDept.set(branch.departmentCode, entries);
			}
		}
		const deptName = (code: string) => catalog.departments.find((d) => d.code === code)?.name ?? code;
		return {
			today,
			byDepartment: [...byDept.entries()]
				.sort(([a], [b]) => a.localeCompare(b))
				.map(([code, entries]) => ({
					departmentCode: code,
					departmentName: deptName(code),
					entries: entries.sort((a, b) => b.daysOver - a.daysOver || a.caseNumber.localeCompare(b.caseNumber))
				}))
		};
	},

	async dashboard(db: Db, actor: Actor, period: DashboardPeriod): Promise<Dashboard> {
		const township = townshipOf(actor);
		const catalog = await catalogService.latest(db);
		const sqlRows = await backofficeRepository.dashboardRows(
			db,
			township,
			chinaDayStart(period.from),
			chinaDayStart(addChinaDays(period.to, 1)),
			MAX_DASHBOARD_CASES + 1
		);
		if (sqlRows.length > MAX_DASHBOARD_CASES) {
			throw new DomainError('VALIDATION', `the period holds more than ${MAX_DASHBOARD_CASES} cases; choose a shorter period`);
		}
		const deptOf = (code: string) => catalog.items.find((i) => i.code === code)?.departmentCode ?? '?';
		const rows: DashboardCaseRow[] = sqlRows.map((r) => {
			const clock = caseClockSchema.safeParse(r.clock);
			const rating = ratingLevelSchema.safeParse(r.rating);
			return {
				caseId: r.id,
				villageCode: r.villageCode,
				villageName: r.villageName,
				itemCodes: r.itemCodes,
				departmentCodes: r.itemCodes.map(deptOf),
				receivedOn: cstDate(r.receivedAt.toISOString()),
				status: r.status,
				clock: clock.success ? clock.data : null,
				trips: r.trips ?? 0,
				staffId: r.staffId,
				staffName: r.staffName,
				rating: rating.success ? (rating.data as RatingLevel) : null
			};
		});
		const itemName = (code: string) => catalog.items.find((i) => i.code === code)?.mainName;
		const deptName = (code: string) => catalog.departments.find((d) => d.code === code)?.name;
		return computeDashboard(rows, period, { item: itemName, department: deptName });
	},

	async auditTrail(db: Db, actor: Actor, caseId: string): Promise<{ caseId: string; caseNumber: string; entries: AuditEntry[] }> {
		const row = await caseRepository.findById(db, caseId);
		if (!row || !canSeeCaseOf(actor, row.villageCode, [])) throw new DomainError('NOT_FOUND', `case ${caseId} not found`);
		const trail = await backofficeRepository.auditTrail(db, caseId);
		return {
			caseId,
			caseNumber: row.caseNumber,
			entries: trail.map((t) => ({
				type: t.event.type,
				fromStatus: t.event.fromStatus,
				toStatus: t.event.toStatus,
				actorId: t.event.actorId,
				actorName: t.actorName,
				actorUsername: t.actorUsername,
				deviceId: t.event.deviceId,
				deviceName: t.deviceName,
				note: t.event.note,
				data: t.event.data ?? null,
				at: t.event.at.toISOString()
			}))
		};
	},

	/** Display names of the actors of a case's timeline. */
	async actorNames(db: Db, ids: string[]): Promise<Record<string, string>> {
		return Object.fromEntries(await backofficeRepository.userNames(db, [...new Set(ids)]));
	},

	/** Bad ratings and "couldn't get it done" reports, one list; open ones first, newest first. */
	async followUps(db: Db, actor: Actor, input: { statuses: ProblemStatus[] }): Promise<FollowUp[]> {
		const township = townshipOf(actor);
		const ratings = await backofficeRepository.badRatings(db, township, 500);
		const ratingItems: FollowUp[] = ratings.map((r) => {
			const f = r.followUp;
			const status: ProblemStatus = f === null ? 'open' : f.closedAt ? 'closed' : 'answered';
			return {
				kind: 'rating',
				id: r.caseId,
				caseNumber: r.caseNumber,
				villageCode: r.villageCode,
				villageName: r.villageName,
				ratingLevel: r.rating.level === 'very_dissatisfied' ? 'very_dissatisfied' : 'dissatisfied',
				category: null,
				note: r.rating.comment,
				raisedAt: new Date(r.rating.at).toISOString(),
				status,
				response: f?.response ?? null,
				responderName: r.responderName,
				respondedAt: f?.respondedAt.toISOString() ?? null,
				closedAt: f?.closedAt?.toISOString() ?? null
			};
		});
		const problems = await problemService.list(db, actor, { statuses: input.statuses, limit: 200, offset: 0 });
		const problemItems: FollowUp[] = problems.reports.map((p) => ({
			kind: 'problem',
			id: p.id,
			caseNumber: p.caseNumber,
			villageCode: p.villageCode,
			villageName: p.villageName,
			ratingLevel: null,
			category: p.category,
			note: p.note,
			raisedAt: p.createdAt,
			status: p.status,
			response: p.response,
			responderName: p.responderName,
			respondedAt: p.respondedAt,
			closedAt: p.closedAt
		}));
		const order: Record<ProblemStatus, number> = { open: 0, answered: 1, closed: 2 };
		return [...ratingItems.filter((r) => input.statuses.includes(r.status)), ...problemItems].sort(
			(a, b) => order[a.status] - order[b.status] || b.raisedAt.localeCompare(a.raisedAt)
		);
	},

	/** Answer (回访) or close a follow-up; a problem report goes through its own service. */
	async respondToFollowUp(
		db: Db,
		actor: Actor,
		input: { kind: 'rating' | 'problem'; id: string; response?: string | undefined; close: boolean },
		now: Date
	): Promise<void> {
		if (!hasRole(actor, 'supervisor')) throw new DomainError('FORBIDDEN', 'only the centre head may answer or close a follow-up');
		if (input.kind === 'problem') {
			if (input.close) await problemService.close(db, actor, { id: input.id, response: input.response }, now);
			else await problemService.answer(db, actor, { id: input.id, response: input.response ?? '' }, now);
			return;
		}
		await db.transaction(async (tx) => {
			// Lock order as everywhere: the change clock, then the case row, then its follow-up.
			await syncRepository.nextChangeSeq(tx);
			const row = await caseRepository.findByIdForUpdate(tx, input.id);
			if (!row || !canSeeCaseOf(actor, row.villageCode, [])) throw new DomainError('NOT_FOUND', `case ${input.id} not found`);
			const level = row.workflow?.rating?.level;
			if (level !== 'dissatisfied' && level !== 'very_dissatisfied') {
				throw new DomainError('VALIDATION', `case ${row.caseNumber} has no bad rating to follow up`);
			}
			const existing = await backofficeRepository.findRatingFollowUpForUpdate(tx, input.id);
			if (existing?.closedAt) throw new DomainError('ILLEGAL_TRANSITION', `the follow-up of case ${row.caseNumber} is already closed`);
			const response = input.response ?? existing?.response;
			if (!response) throw new DomainError('VALIDATION', 'response: answer the follow-up before closing it');
			await backofficeRepository.upsertRatingFollowUp(tx, {
				caseId: input.id,
				response,
				responderId: input.response !== undefined || !existing ? actor.id : existing.responderId,
				respondedAt: input.response !== undefined || !existing ? now : existing.respondedAt,
				closedBy: input.close ? actor.id : null,
				closedAt: input.close ? now : null
			});
		});
	}
};
