import { describe, expect, it } from 'vitest';
import { computeDashboard, computeFigures, dashboardTableRows, groupFigures, UNDECIDED_STAFF, type DashboardCaseRow } from './dashboard';

// November 2026 has no public holidays; 2026-11-02 is a Monday.
function row(over: Partial<DashboardCaseRow> & { caseId: string }): DashboardCaseRow {
	return {
		villageCode: '360121100201',
		villageName: '澄湖村',
		itemCodes: ['WJ-LNYD-001'],
		departmentCodes: ['WJ'],
		receivedOn: '2026-11-02',
		status: 'received',
		clock: { startedOn: null, limitDays: 3, pauses: [], stoppedOn: null },
		trips: 1,
		staffId: null,
		staffName: null,
		rating: null,
		...over
	};
}
const started = (stoppedOn: string | null, pauses: { from: string; to: string | null }[] = []) => ({
	startedOn: '2026-11-02',
	limitDays: 3,
	pauses,
	stoppedOn
});

describe('computeFigures', () => {
	it('counts each figure by its definition', () => {
		const rows = [
			// Accepted Mon 2, decided Wed 4: 2 working days (3rd, 4th), due Thu 5 → on time.
			row({ caseId: 'a', status: 'completed', clock: started('2026-11-04'), trips: 0, staffId: 'u1', rating: 'very_satisfied' }),
			// Decided Mon 9: 3,4,5,6,9 = 5 working days, due 5th → late.
			row({ caseId: 'b', status: 'refused', clock: started('2026-11-09'), trips: 1, staffId: 'u1', rating: 'dissatisfied' }),
			// A correction paused it 3rd–5th (3rd and 4th do not count): 5,6 = 2 days, due 9th → on time.
			row({ caseId: 'c', status: 'approved', clock: started('2026-11-06', [{ from: '2026-11-03', to: '2026-11-05' }]), trips: 2, staffId: 'u2', rating: 'satisfied' }),
			// Accepted, still under review.
			row({ caseId: 'd', status: 'under_review', clock: started(null), trips: 1, staffId: 'u2' }),
			// Withdrawn after acceptance: the clock stopped but this is no 办结.
			row({ caseId: 'e', status: 'withdrawn', clock: started('2026-11-03'), trips: 0, staffId: 'u2' }),
			// Not accepted: received, never accepted; rated 基本满意.
			row({ caseId: 'f', status: 'not_accepted', trips: 1, staffId: 'u1', rating: 'basically_satisfied' }),
			// Waiting at the front desk.
			row({ caseId: 'g', trips: 0 })
		];
		const f = computeFigures(rows);
		expect(f).toEqual({
			received: 7,
			accepted: 5, // a b c d e
			completed: 3, // a b c
			completionRate: 3 / 5,
			onTime: 2, // a c
			onTimeRate: 2 / 3,
			averageWorkingDays: (2 + 5 + 2) / 3,
			ratings: 4, // a b c f
			satisfied: 2, // a (非常满意) c (满意)
			satisfactionRate: 2 / 4,
			zeroTrip: 3, // a e g
			oneTrip: 3, // b d f
			zeroTripShare: 3 / 7,
			oneTripShare: 3 / 7
		});
	});

	it('gives null rates, not zero or NaN, when there is nothing to divide by', () => {
		const f = computeFigures([]);
		expect(f.completionRate).toBeNull();
		expect(f.onTimeRate).toBeNull();
		expect(f.averageWorkingDays).toBeNull();
		expect(f.satisfactionRate).toBeNull();
		expect(f.zeroTripShare).toBeNull();
	});
});

describe('groups and period', () => {
	const rows = [
		row({ caseId: 'a', villageCode: '360121100201', staffId: 'u1', staffName: '前台甲' }),
		row({ caseId: 'b', villageCode: '360121100202', villageName: '莲溪村', itemCodes: ['MZ-GLJT-001', 'WJ-LNYD-001'], departmentCodes: ['MZ', 'WJ'] }),
		row({ caseId: 'c', villageCode: '360121100202', villageName: '莲溪村', itemCodes: ['MZ-GLJT-001'], departmentCodes: ['MZ'], receivedOn: '2026-12-01' })
	];
	it('counts a bundle once in each of its items and departments', () => {
		const byDept = groupFigures(rows, 'department');
		expect(byDept.map((g) => [g.key, g.figures.received])).toEqual([
			['MZ', 2],
			['WJ', 2]
		]);
		const byStaff = groupFigures(rows, 'staff');
		expect(byStaff.map((g) => [g.key, g.label, g.figures.received])).toEqual([
			[UNDECIDED_STAFF, UNDECIDED_STAFF, 2],
			['u1', '前台甲', 1]
		]);
	});
	it('takes only cases received in the period, and labels from the caller', () => {
		const d = computeDashboard(rows, { from: '2026-11-01', to: '2026-11-30' }, { department: (k) => (k === 'MZ' ? '民政' : undefined) });
		expect(d.overall.received).toBe(2);
		expect(d.groups.village.map((g) => [g.label, g.figures.received])).toEqual([
			['澄湖村', 1],
			['莲溪村', 1]
		]);
		expect(d.groups.department.find((g) => g.key === 'MZ')?.label).toBe('民政');
		const table = dashboardTableRows(d, '合计');
		expect(table[0]?.slice(0, 4)).toEqual(['overall', '', '合计', 2]);
		expect(table).toHaveLength(1 + 2 + 2 + 2 + 2);
	});
});
