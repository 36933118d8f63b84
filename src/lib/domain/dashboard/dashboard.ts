import { z } from 'zod';
import { computeDeadline } from '../calendar/deadline';
import { isIsoDate } from '../calendar/iso-date';
import { caseClockSchema } from '../case/clock.schema';
import { ratingLevelSchema, type RatingLevel } from '../case/events';
import { caseStatusSchema } from '../case/status';

/**
 * The supervisor's figures (docs/DASHBOARD.md defines each one). Computed here, from plain
 * rows, so every figure is unit-tested; the repository only gathers one row per case.
 */

export const dashboardPeriodSchema = z
	.object({
		from: z.string().refine(isIsoDate, 'from: a date YYYY-MM-DD'),
		to: z.string().refine(isIsoDate, 'to: a date YYYY-MM-DD')
	})
	.refine((p) => p.from <= p.to, { message: 'the period ends before it starts', path: ['to'] });
export type DashboardPeriod = z.infer<typeof dashboardPeriodSchema>;

/** One case as the dashboard sees it. */
export const dashboardCaseRowSchema = z.object({
	caseId: z.string(),
	villageCode: z.string(),
	villageName: z.string().nullable(),
	itemCodes: z.array(z.string()).min(1),
	/** Department of each item, same order as itemCodes. */
	departmentCodes: z.array(z.string()).min(1),
	/** China date the case reached the township. */
	receivedOn: z.string(),
	status: caseStatusSchema,
	/** Absent when the case has no workflow (never happens for received cases). */
	clock: caseClockSchema.nullable(),
	trips: z.number().int().min(0),
	/** The front-desk officer who took the first decision (accept, correction or not accept). */
	staffId: z.string().nullable(),
	staffName: z.string().nullable(),
	rating: ratingLevelSchema.nullable()
});
export type DashboardCaseRow = z.infer<typeof dashboardCaseRowSchema>;

export const dashboardFiguresSchema = z.object({
	received: z.number().int(),
	accepted: z.number().int(),
	completed: z.number().int(),
	/** completed / accepted; null when nothing was accepted. */
	completionRate: z.number().nullable(),
	onTime: z.number().int(),
	/** onTime / completed. */
	onTimeRate: z.number().nullable(),
	/** Mean working days on the clock over completed cases. */
	averageWorkingDays: z.number().nullable(),
	ratings: z.number().int(),
	satisfied: z.number().int(),
	/** (非常满意 + 满意) / all ratings. */
	satisfactionRate: z.number().nullable(),
	zeroTrip: z.number().int(),
	oneTrip: z.number().int(),
	/** zeroTrip / received, oneTrip / received. */
	zeroTripShare: z.number().nullable(),
	oneTripShare: z.number().nullable()
});
export type DashboardFigures = z.infer<typeof dashboardFiguresSchema>;

export const dashboardDimensionSchema = z.enum(['village', 'department', 'item', 'staff']);
export type DashboardDimension = z.infer<typeof dashboardDimensionSchema>;
export const DASHBOARD_DIMENSIONS = dashboardDimensionSchema.options;

export const dashboardGroupSchema = z.object({ key: z.string(), label: z.string(), figures: dashboardFiguresSchema });
export type DashboardGroup = z.infer<typeof dashboardGroupSchema>;

export const dashboardSchema = z.object({
	period: z.object({ from: z.string(), to: z.string() }),
	overall: dashboardFiguresSchema,
	groups: z.record(dashboardDimensionSchema, z.array(dashboardGroupSchema))
});
export type Dashboard = z.infer<typeof dashboardSchema>;

const SATISFIED: readonly RatingLevel[] = ['very_satisfied', 'satisfied'];
/** Key of the staff group for cases nobody at the front desk has decided yet. */
export const UNDECIDED_STAFF = '-';

function ratio(part: number, whole: number): number | null {
	return whole === 0 ? null : part / whole;
}

/** Accepted: the clock started (受理). */
function isAccepted(row: DashboardCaseRow): boolean {
	return row.clock?.startedOn != null;
}

/** Completed (办结): the result exists, so the clock stopped; a withdrawal stops it too but is no 办结. */
function isCompleted(row: DashboardCaseRow): boolean {
	return isAccepted(row) && row.clock?.stoppedOn != null && row.status !== 'withdrawn';
}

export function computeFigures(rows: readonly DashboardCaseRow[]): DashboardFigures {
	let accepted = 0;
	let completed = 0;
	let onTime = 0;
	let workingDays = 0;
	let ratings = 0;
	let satisfied = 0;
	let zeroTrip = 0;
	let oneTrip = 0;
	for (const row of rows) {
		if (row.trips === 0) zeroTrip++;
		if (row.trips === 1) oneTrip++;
		if (row.rating !== null) {
			ratings++;
			if (SATISFIED.includes(row.rating)) satisfied++;
		}
		if (!isAccepted(row)) continue;
		accepted++;
		if (!isCompleted(row) || row.clock === null || row.clock.stoppedOn === null) continue;
		completed++;
		// Counted as of the stop date: the days the case really took, and its due date then.
		const deadline = computeDeadline(row.clock, row.clock.stoppedOn);
		if (deadline === null) continue;
		workingDays += deadline.usedDays;
		if (row.clock.stoppedOn <= deadline.dueDate) onTime++;
	}
	const received = rows.length;
	return {
		received,
		accepted,
		completed,
		completionRate: ratio(completed, accepted),
		onTime,
		onTimeRate: ratio(onTime, completed),
		averageWorkingDays: completed === 0 ? null : workingDays / completed,
		ratings,
		satisfied,
		satisfactionRate: ratio(satisfied, ratings),
		zeroTrip,
		oneTrip,
		zeroTripShare: ratio(zeroTrip, received),
		oneTripShare: ratio(oneTrip, received)
	};
}

/** The groups a case belongs to in one dimension: a bundle counts once in each of its items and departments. */
function keysOf(row: DashboardCaseRow, dimension: DashboardDimension): { key: string; label: string | null }[] {
	switch (dimension) {
		case 'village':
			return [{ key: row.villageCode, label: row.villageName }];
		case 'department':
			return [...new Set(row.departmentCodes)].map((key) => ({ key, label: null }));
		case 'item':
			return [...new Set(row.itemCodes)].map((key) => ({ key, label: null }));
		case 'staff':
			return [{ key: row.staffId ?? UNDECIDED_STAFF, label: row.staffName }];
	}
}

export function groupFigures(
	rows: readonly DashboardCaseRow[],
	dimension: DashboardDimension,
	labelOf: (key: string) => string | undefined = () => undefined
): DashboardGroup[] {
	const members = new Map<string, { label: string | null; rows: DashboardCaseRow[] }>();
	for (const row of rows) {
		for (const { key, label } of keysOf(row, dimension)) {
			const group = members.get(key) ?? { label, rows: [] };
			group.rows.push(row);
			members.set(key, group);
		}
	}
	return [...members.entries()]
		.map(([key, g]) => ({ key, label: labelOf(key) ?? g.label ?? key, figures: computeFigures(g.rows) }))
		.sort((a, b) => b.figures.received - a.figures.received || a.key.localeCompare(b.key));
}

/** Cases received in the period (inclusive China dates). */
export function inPeriod(row: DashboardCaseRow, period: DashboardPeriod): boolean {
	return row.receivedOn >= period.from && row.receivedOn <= period.to;
}

export function computeDashboard(
	rows: readonly DashboardCaseRow[],
	period: DashboardPeriod,
	labels: Partial<Record<DashboardDimension, (key: string) => string | undefined>> = {}
): Dashboard {
	const cohort = rows.filter((r) => inPeriod(r, period));
	const groups = Object.fromEntries(DASHBOARD_DIMENSIONS.map((d) => [d, groupFigures(cohort, d, labels[d])])) as Record<
		DashboardDimension,
		DashboardGroup[]
	>;
	return { period, overall: computeFigures(cohort), groups };
}

/** Flat rows for the CSV export: one per group, overall first; rates as fractions rounded to 4 places. */
export function dashboardTableRows(dashboard: Dashboard, overallLabel: string): (string | number)[][] {
	const round = (v: number | null) => (v === null ? '' : Math.round(v * 10_000) / 10_000);
	const line = (dimension: string, key: string, label: string, f: DashboardFigures) => [
		dimension,
		key,
		label,
		f.received,
		f.accepted,
		f.completed,
		round(f.completionRate),
		f.onTime,
		round(f.onTimeRate),
		round(f.averageWorkingDays),
		f.ratings,
		round(f.satisfactionRate),
		f.zeroTrip,
		round(f.zeroTripShare),
		f.oneTrip,
		round(f.oneTripShare)
	];
	return [
		line('overall', '', overallLabel, dashboard.overall),
		...DASHBOARD_DIMENSIONS.flatMap((d) => dashboard.groups[d].map((g) => line(d, g.key, g.label, g.figures)))
	];
}

export const DASHBOARD_CSV_COLUMNS = [
	'dimension',
	'key',
	'label',
	'received',
	'accepted',
	'completed',
	'completionRate',
	'onTime',
	'onTimeRate',
	'averageWorkingDays',
	'ratings',
	'satisfactionRate',
	'zeroTrip',
	'zeroTripShare',
	'oneTrip',
	'oneTripShare'
] as const;
