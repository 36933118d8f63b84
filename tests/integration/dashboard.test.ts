import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../fixtures/test-app';
import { testDbKind } from '../fixtures/test-db';
import { intakeFor, townshipDriver, type VillageKey } from '../fixtures/township-cases';
import type { RatingLevel } from '../../src/lib/domain/case/events';

// Two items: 高龄津贴 (MZ, result none, 10 working days: complete straight after approval) and
// 老年人优待证 (WJ, certificate, 3 working days: the clock stops at the certificate).
const G = 'MZ-GLJT-001';
const L = 'WJ-LNYD-001';

/** 10:00 China time on a day of November 2026 (no public holidays; the 2nd is a Monday). */
const at = (date: string) => new Date(`${date}T10:00:00+08:00`);

describe(`dashboard figures against a hand-counted township (${testDbKind})`, () => {
	let app: TestApp;
	let now = at('2026-10-30');

	beforeAll(async () => {
		app = await createTestApp({ now: () => now });
		const drive = townshipDriver(app);

		type Step = [date: string, run: (id: string) => Promise<unknown>];
		const approve = (item: string, who: string) => async (id: string) => {
			await drive.act(who, id, { type: 'approve_step', itemCode: item, stepId: 'first_review' });
			await drive.act(who, id, { type: 'approve_step', itemCode: item, stepId: 'final_review' });
		};
		const mz = 'approver.minzheng';
		const wj = 'approver.renshe';
		const accept = (id: string) => drive.act('intake', id, { type: 'accept' }).then(() => drive.act('intake', id, { type: 'start_review' }));
		const complete = (id: string) => drive.act('issuer', id, { type: 'complete' });
		const rate = (village: VillageKey, level: RatingLevel) => (id: string) => drive.asAgent(village, id, { type: 'rate', level, comment: `评价${level}` });

		async function fileCase(item: string, village: VillageKey, trips: number, received: string, steps: Step[]) {
			now = at(received);
			const intake = intakeFor(item, village, { trips });
			await drive.submit(intake, village);
			for (const [date, run] of steps) {
				now = at(date);
				await run(intake.id);
			}
		}

		// C0, received before the period: must count nowhere.
		await fileCase(G, 'chenghu', 0, '2026-10-30', [['2026-10-30', accept], ['2026-11-02', approve(G, mz)], ['2026-11-02', complete], ['2026-11-02', rate('chenghu', 'very_satisfied')]]);
		// C1 chenghu G, 0 trips: accepted 2nd, approved 4th (2 working days), completed, 非常满意.
		await fileCase(G, 'chenghu', 0, '2026-11-02', [['2026-11-02', accept], ['2026-11-04', approve(G, mz)], ['2026-11-04', complete], ['2026-11-04', rate('chenghu', 'very_satisfied')]]);
		// C2 chenghu G, 1 trip: accepted 2nd, approved 5th (3 days), completed, 满意.
		await fileCase(G, 'chenghu', 1, '2026-11-02', [['2026-11-02', accept], ['2026-11-05', approve(G, mz)], ['2026-11-05', complete], ['2026-11-05', rate('chenghu', 'satisfied')]]);
		// C3 chenghu L, 1 trip: accepted 2nd, approved 3rd, certificate on Mon 9th: 3,4,5,6,9 = 5 days, due 5th → late.
		await fileCase(L, 'chenghu', 1, '2026-11-02', [
			['2026-11-02', accept],
			['2026-11-03', approve(L, wj)],
			['2026-11-09', (id) => drive.issue(id)]
		]);
		// C4 chenghu L, 0 trips: accepted 3rd, refused 4th (1 day, due 6th → on time), 不满意.
		await fileCase(L, 'chenghu', 0, '2026-11-03', [
			['2026-11-03', accept],
			['2026-11-04', (id) => drive.act(wj, id, { type: 'approve_step', itemCode: L, stepId: 'first_review' })],
			['2026-11-04', (id) => drive.act(wj, id, { type: 'refuse_step', itemCode: L, stepId: 'final_review', reason: '年龄不符', legalBasis: '《老年人权益保障法》' })],
			['2026-11-04', rate('chenghu', 'dissatisfied')]
		]);
		// C5 lianxi L, 2 trips: not accepted 3rd, 非常不满意.
		await fileCase(L, 'lianxi', 2, '2026-11-03', [
			['2026-11-03', (id) => drive.act('intake', id, { type: 'not_accept', reason: '不属于本乡镇' })],
			['2026-11-03', rate('lianxi', 'very_dissatisfied')]
		]);
		// C6 lianxi G, 1 trip: accepted 3rd, still under review.
		await fileCase(G, 'lianxi', 1, '2026-11-03', [['2026-11-03', accept]]);
		// C7 lianxi G, 0 trips: correction requested before acceptance (never accepted).
		await fileCase(G, 'lianxi', 0, '2026-11-04', [
			['2026-11-04', (id) => drive.act('intake', id, { type: 'request_correction', deficiencies: [{ itemCode: G, problem: '申请表未签字' }] })]
		]);
		// C8 lianxi L, 1 trip: waiting at the front desk, nobody decided.
		await fileCase(L, 'lianxi', 1, '2026-11-04', []);
		// C9 chenghu G, 1 trip: accepted and approved on the 5th (0 days), completed, 基本满意.
		await fileCase(G, 'chenghu', 1, '2026-11-05', [['2026-11-05', accept], ['2026-11-05', approve(G, mz)], ['2026-11-05', complete], ['2026-11-05', rate('chenghu', 'basically_satisfied')]]);
		// C10 chenghu L, 1 trip: accepted 6th, under review.
		await fileCase(L, 'chenghu', 1, '2026-11-06', [['2026-11-06', accept]]);
		// C11 lianxi G, 0 trips: accepted 5th, approved 6th (1 day), completed, 满意.
		await fileCase(G, 'lianxi', 0, '2026-11-05', [['2026-11-05', accept], ['2026-11-06', approve(G, mz)], ['2026-11-06', complete], ['2026-11-06', rate('lianxi', 'satisfied')]]);
		// C12 chenghu L, 1 trip: accepted 6th, then withdrawn by the applicant (accepted, no 办结).
		await fileCase(L, 'chenghu', 1, '2026-11-06', [['2026-11-06', accept], ['2026-11-06', (id) => drive.asAgent('chenghu', id, { type: 'withdraw', reason: '不办了' })]]);
		now = at('2026-11-10');
	}, 120_000);

	afterAll(async () => {
		await app.close();
	});

	it('matches the hand count for the period 2026-11-02 … 2026-11-06', async () => {
		const supervisor = await app.callerFor('supervisor');
		const d = await supervisor.backoffice.dashboard({ from: '2026-11-02', to: '2026-11-06' });
		expect(d.overall).toEqual({
			received: 12, // C1–C12 (C0 was received before the period)
			accepted: 9, // C1 C2 C3 C4 C6 C9 C10 C11 C12
			completed: 6, // C1 C2 C3 C4 C9 C11 (C12 withdrawn, C6 C10 under review)
			completionRate: 6 / 9,
			onTime: 5, // all but C3 (due 5th, certificate 9th)
			onTimeRate: 5 / 6,
			averageWorkingDays: 12 / 6, // C1 2 + C2 3 + C3 5 + C4 1 + C9 0 + C11 1
			ratings: 6, // C1 C2 C4 C5 C9 C11
			satisfied: 3, // C1 非常满意, C2 满意, C11 满意
			satisfactionRate: 3 / 6,
			zeroTrip: 4, // C1 C4 C7 C11
			oneTrip: 7, // C2 C3 C6 C8 C9 C10 C12
			zeroTripShare: 4 / 12,
			oneTripShare: 7 / 12
		});

		const village = Object.fromEntries(d.groups.village.map((g) => [g.key, g.figures]));
		// 澄湖: C1 C2 C3 C4 C9 C10 C12, all accepted; completed C1 C2 C3 C4 C9; C3 late; rated C1 C2 C4 C9.
		expect(village['360121100201']).toMatchObject({ received: 7, accepted: 7, completed: 5, onTime: 4, ratings: 4, satisfied: 2 });
		// 莲溪: C5 C6 C7 C8 C11; accepted C6 C11; completed C11; rated C5 C11.
		expect(village['360121100202']).toMatchObject({ received: 5, accepted: 2, completed: 1, onTime: 1, ratings: 2, satisfied: 1 });

		const dept = Object.fromEntries(d.groups.department.map((g) => [g.key, g]));
		// MZ: C1 C2 C6 C7 C9 C11; WJ: C3 C4 C5 C8 C10 C12.
		expect(dept.MZ?.figures).toMatchObject({ received: 6, accepted: 5, completed: 4, onTime: 4, averageWorkingDays: (2 + 3 + 0 + 1) / 4 });
		expect(dept.WJ?.figures).toMatchObject({ received: 6, accepted: 4, completed: 2, onTime: 1, averageWorkingDays: (5 + 1) / 2 });
		expect(dept.MZ?.label).not.toBe('MZ'); // the department's name, from the catalog

		const item = Object.fromEntries(d.groups.item.map((g) => [g.key, g.figures.received]));
		expect(item).toEqual({ [G]: 6, [L]: 6 });

		const staff = d.groups.staff.map((g) => [g.label, g.figures.received]);
		expect(staff).toEqual([
			[expect.any(String), 11], // the front desk decided every case but C8
			['-', 1]
		]);
	});

	it('takes only the cases received in the chosen period', async () => {
		const supervisor = await app.callerFor('supervisor');
		const d = await supervisor.backoffice.dashboard({ from: '2026-10-30', to: '2026-10-30' });
		expect(d.overall).toMatchObject({ received: 1, accepted: 1, completed: 1, ratings: 1, satisfied: 1, zeroTrip: 1 });
		await expect(supervisor.backoffice.dashboard({ from: '2026-11-06', to: '2026-11-02' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
	});

	it('is for the supervisor only', async () => {
		const desk = await app.callerFor('intake');
		await expect(desk.backoffice.dashboard({ from: '2026-11-02', to: '2026-11-06' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
	});
});
