import type { Db } from '../db/database';
import type { Actor } from '../context';
import { DomainError } from '../../../src/lib/domain/errors';
import { caseClockSchema } from '../../../src/lib/domain/case/clock.schema';
import { ratingLevelSchema } from '../../../src/lib/domain/case/events';
import { cstDate } from '../../../src/lib/domain/case/workflow';
import { computeDashboard, type Dashboard, type DashboardCaseRow, type DashboardPeriod } from '../../../src/lib/domain/dashboard/dashboard';
import { backofficeRepository } from '../repositories/backoffice.repository';
import { catalogService } from './catalog.service';
import { addChinaDays, chinaDayStart, townshipOf } from './backoffice.service';

/** A dashboard period is bounded so one request cannot read the whole history. */
const MAX_DASHBOARD_CASES = 50_000;

/** The supervisor's figures: rows from SQL, figures from the pure module (docs/DASHBOARD.md). */
export const dashboardService = {
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
				rating: rating.success ? rating.data : null
			};
		});
		const itemName = (code: string) => catalog.items.find((i) => i.code === code)?.mainName;
		const deptName = (code: string) => catalog.departments.find((d) => d.code === code)?.name;
		return computeDashboard(rows, period, { item: itemName, department: deptName });
	}
};
