import type { Db } from '../db/database';
import type { Actor } from '../context';
import { DomainError } from '../../../src/lib/domain/errors';
import { hasRole } from '../../../src/lib/domain/roles';
import { computeDeadline, deadlineLight } from '../../../src/lib/domain/calendar';
import { chinaToday } from '../../../src/lib/domain/calendar/iso-date';
import {
	parseSearchTerm,
	waitingDays,
	WAITING_BUCKET_DAYS,
	type QueueFilter
} from '../../../src/lib/domain/backoffice/queue-filter';
import type { AuditEntry, OverdueList, QueueEntry, QueueOptions, QueuePage } from '../../../src/lib/domain/backoffice/backoffice.schema';
import type { Catalog } from '../../../src/lib/domain/catalog/item.schema';
import { backofficeRepository } from '../repositories/backoffice.repository';
import { caseRepository, type CaseRow } from '../repositories/case.repository';
import { catalogService } from './catalog.service';
import { canSeeCaseOf } from './case-access';
import { toCaseRecord } from './case.service';

/**
 * The township back office: the filtered queue, the overdue list and the audit trail (the
 * dashboard and follow-ups have their own services). Row-level rules live here: township staff see their township; an
 * approver who is nothing else sees the cases of his departments' items.
 */

/** Light filtering and the overdue list read clock-running cases whole; a township has far fewer. */
const MAX_SCAN = 5_000;
const CST_MS = 8 * 3_600_000;

export function townshipOf(actor: Actor): string {
	if (actor.scope.townshipCode.length === 0) throw new DomainError('FORBIDDEN', 'your account has no township');
	return actor.scope.townshipCode;
}

/** The UTC instant a China date begins. */
export function chinaDayStart(date: string): Date {
	return new Date(Date.parse(`${date}T00:00:00Z`) - CST_MS);
}

export function addChinaDays(date: string, n: number): string {
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
	}
};
