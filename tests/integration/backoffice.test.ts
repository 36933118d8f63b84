import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { createTestApp, type TestApp } from '../fixtures/test-app';
import { testDbKind } from '../fixtures/test-db';
import { intakeFor, townshipDriver } from '../fixtures/township-cases';
import { maskResidentId } from '../../src/lib/domain/ids';
import { PROTOCOL_VERSION } from '../../src/lib/domain/sync/protocol';

const L = 'WJ-LNYD-001'; // 老年人优待证: WJ, first_review → final_review, 3 working days
const G = 'MZ-GLJT-001'; // 高龄津贴: MZ
const at = (iso: string) => new Date(iso);

describe(`township back office (${testDbKind})`, () => {
	let app: TestApp;
	let now = at('2026-11-02T10:00:00+08:00');
	let drive: ReturnType<typeof townshipDriver>;

	beforeAll(async () => {
		app = await createTestApp({ now: () => now });
		drive = townshipDriver(app);
	});
	afterAll(async () => {
		await app.close();
	});

	describe('decisions and their guards', () => {
		it('lets only the step’s department decide it, once; sends a step back; refuses with reason and basis', async () => {
			const intake = intakeFor(L);
			await drive.submit(intake);
			await drive.act('intake', intake.id, { type: 'accept' });
			await drive.act('intake', intake.id, { type: 'start_review' });
			const first = { type: 'approve_step' as const, itemCode: L, stepId: 'first_review' };
			// 民政's approver may not decide 卫健's step.
			await expect(drive.act('approver.minzheng', intake.id, first)).rejects.toMatchObject({ code: 'FORBIDDEN', message: /department WJ/ });
			// Nor may the front desk or the supervisor.
			await expect(drive.act('intake', intake.id, first)).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await drive.act('approver.renshe', intake.id, first);
			// Decided once: deciding it again is an illegal transition.
			await expect(drive.act('approver.renshe', intake.id, first)).rejects.toMatchObject({ code: 'CONFLICT', message: /already approved/ });
			// Send back: the final step returns to first review, which is undecided again.
			await expect(
				drive.act('approver.minzheng', intake.id, { type: 'return_step', itemCode: L, stepId: 'final_review', reason: '核对年龄' })
			).rejects.toMatchObject({ code: 'FORBIDDEN' });
			const returned = await drive.act('approver.renshe', intake.id, { type: 'return_step', itemCode: L, stepId: 'final_review', reason: '核对年龄' });
			expect(returned.workflow?.branches[0]?.steps[0]?.decision).toBeNull();
			expect(returned.workflow?.branches[0]?.returns).toEqual([expect.objectContaining({ fromStepId: 'final_review', toStepId: 'first_review', reason: '核对年龄' })]);
			await drive.act('approver.renshe', intake.id, first);
			// A refusal needs its legal basis.
			await expect(
				drive.act('approver.renshe', intake.id, { type: 'refuse_step', itemCode: L, stepId: 'final_review', reason: '年龄不符', legalBasis: ' ' })
			).rejects.toMatchObject({ code: 'BAD_REQUEST' });
			const refused = await drive.act('approver.renshe', intake.id, {
				type: 'refuse_step',
				itemCode: L,
				stepId: 'final_review',
				reason: '年龄不符',
				legalBasis: '《老年人权益保障法》'
			});
			expect(refused.case.status).toBe('refused');
			await expect(
				drive.act('approver.renshe', intake.id, { type: 'approve_step', itemCode: L, stepId: 'final_review' })
			).rejects.toMatchObject({ code: 'CONFLICT' });
		});

		it('accepts, requests a correction listing every deficiency, and refuses to accept, each by the front desk only', async () => {
			const a = intakeFor(L);
			const b = intakeFor(L);
			await drive.submit(a);
			await drive.submit(b);
			await expect(drive.act('approver.renshe', a.id, { type: 'accept' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			const corrected = await drive.act('intake', a.id, {
				type: 'request_correction',
				deficiencies: [
					{ itemCode: L, materialId: a.materials[0]!.materialId, problem: '复印件不清晰' },
					{ itemCode: L, problem: '申请表未签字' }
				]
			});
			expect(corrected.workflow?.corrections.at(-1)?.deficiencies).toHaveLength(2);
			await expect(drive.act('intake', b.id, { type: 'request_correction', deficiencies: [] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
			const notAccepted = await drive.act('intake', b.id, { type: 'not_accept', reason: '不属于本乡镇受理范围' });
			expect(notAccepted.workflow?.notAccepted?.reason).toBe('不属于本乡镇受理范围');
			await expect(drive.act('intake', b.id, { type: 'accept' })).rejects.toMatchObject({ code: 'CONFLICT' });
		});
	});

	describe('queue', () => {
		const cases: Record<string, { id: string; caseNumber: string; name: string; idNumber: string }> = {};

		beforeAll(async () => {
			const file = async (key: string, item: string, village: 'chenghu' | 'lianxi', received: string, name: string) => {
				now = at(received);
				const intake = intakeFor(item, village, {});
				intake.applicant = { ...intake.applicant, name };
				await drive.submit(intake, village);
				cases[key] = { id: intake.id, caseNumber: intake.caseNumber, name, idNumber: intake.applicant.idNumber };
			};
			await file('old', L, 'chenghu', '2026-11-03T09:00:00+08:00', '王老汉');
			await file('mid', G, 'lianxi', '2026-11-09T09:00:00+08:00', '李大娘');
			await file('new', G, 'chenghu', '2026-11-12T09:00:00+08:00', '赵小明');
			now = at('2026-11-12T15:00:00+08:00');
		});

		const keysOf = (entries: { case: { id: string } }[]) =>
			entries.map((e) => Object.entries(cases).find(([, c]) => c.id === e.case.id)?.[0]).filter(Boolean);

		it('lists oldest first, and a fast-tracked case first in every queue', async () => {
			const desk = await app.callerFor('intake');
			expect(keysOf((await desk.backoffice.queue({})).entries)).toEqual(['old', 'mid', 'new']);
			// Only the supervisor sets 绿色通道, with a reason.
			await expect(drive.act('intake', cases.new!.id, { type: 'set_fast_track', fastTrack: true, reason: '危重病人' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(drive.act('supervisor', cases.new!.id, { type: 'set_fast_track', fastTrack: true, reason: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
			await drive.act('supervisor', cases.new!.id, { type: 'set_fast_track', fastTrack: true, reason: '危重病人' });
			for (const who of ['intake', 'supervisor', 'issuer']) {
				const caller = await app.callerFor(who);
				const page = await caller.backoffice.queue({});
				expect(keysOf(page.entries)[0], who).toBe('new');
				expect(page.entries[0]?.fastTrack).toBe(true);
			}
			// In the back room too, once accepted.
			for (const key of ['old', 'new']) await drive.act('intake', cases[key]!.id, { type: 'accept' });
			const backRoom = await (await app.callerFor('supervisor')).backoffice.queue({ statuses: ['accepted'] });
			expect(keysOf(backRoom.entries)).toEqual(['new', 'old']);
		});

		it('filters by village, item, department, waiting time and light, on the server', async () => {
			const desk = await app.callerFor('supervisor');
			const all = ['received', 'accepted'] as const;
			expect(keysOf((await desk.backoffice.queue({ statuses: [...all], villageCode: '360121100202' })).entries)).toEqual(['mid']);
			expect(keysOf((await desk.backoffice.queue({ statuses: [...all], itemCode: L })).entries)).toEqual(['old']);
			expect(keysOf((await desk.backoffice.queue({ statuses: [...all], departmentCode: 'MZ' })).entries)).toEqual(['new', 'mid']);
			expect(keysOf((await desk.backoffice.queue({ statuses: [...all], departmentCode: 'GA' })).entries)).toEqual([]);
			// Now is the 12th: 'new' came today, 'mid' 3 days ago, 'old' 9 days ago.
			expect(keysOf((await desk.backoffice.queue({ statuses: [...all], waiting: 'today' })).entries)).toEqual(['new']);
			expect(keysOf((await desk.backoffice.queue({ statuses: [...all], waiting: 'd1_3' })).entries)).toEqual(['mid']);
			expect(keysOf((await desk.backoffice.queue({ statuses: [...all], waiting: 'over_7' })).entries)).toEqual(['old']);
			// 'old' (3 days) was accepted on the 12th: due the 17th, on time; 'new' (10 days) too; 'mid' has no clock.
			const lights = await desk.backoffice.queue({ statuses: [...all], light: 'not_started' });
			expect(keysOf(lights.entries)).toEqual(['mid']);
			expect(lights.total).toBe(1);
			// The menus offer the township's villages, the catalog's items and departments.
			const options = await desk.backoffice.queueOptions();
			expect(options.villages.map((v) => v.code)).toEqual(expect.arrayContaining(['360121100201', '360121100202']));
			expect(options.villages.every((v) => v.code.startsWith('360121100'))).toBe(true);
			expect(options.items.find((i) => i.code === L)?.departmentCode).toBe('WJ');
			expect(options.townshipName).not.toBe('360121100');
			// An approver sees only his departments' items.
			const mz = await app.callerFor('approver.minzheng');
			expect(keysOf((await mz.backoffice.queue({ statuses: [...all] })).entries)).toEqual(['new', 'mid']);
		});

		it('searches by case number, name, masked ID and last 4, and pages', async () => {
			const desk = await app.callerFor('supervisor');
			const q = (search: string) => desk.backoffice.queue({ statuses: ['received', 'accepted'], search }).then((p) => keysOf(p.entries));
			expect(await q(cases.mid!.caseNumber)).toEqual(['mid']);
			expect(await q('李大')).toEqual(['mid']);
			expect(await q(maskResidentId(cases.old!.idNumber))).toEqual(['old']);
			expect(await q(cases.old!.idNumber.slice(-4))).toContain('old');
			expect(await q('不存在的人')).toEqual([]);
			// LIKE wildcards in the box are taken literally.
			expect(await q('%')).toEqual([]);
			const page2 = await desk.backoffice.queue({ statuses: ['received', 'accepted'], pageSize: 2, page: 2 });
			expect(page2.total).toBe(3);
			expect(keysOf(page2.entries)).toEqual(['mid']);
		});
	});

	describe('supervision', () => {
		let late: string;
		beforeAll(async () => {
			// Accepted Mon 2 Nov, 3 working days: due Thu 5th; on Wed 11th it is red.
			now = at('2026-11-02T10:00:00+08:00');
			const intake = intakeFor(L);
			await drive.submit(intake);
			await drive.act('intake', intake.id, { type: 'accept' });
			late = intake.id;
			now = at('2026-11-11T10:00:00+08:00');
		});

		it('lists overdue cases by department, with days past the promised date', async () => {
			const sup = await app.callerFor('supervisor');
			const list = await sup.backoffice.overdue();
			const wj = list.byDepartment.find((d) => d.departmentCode === 'WJ');
			const entry = wj?.entries.find((e) => e.caseId === late);
			// Counted days 3,4,5 → due 5th; 6,9,10,11 are 4 working days past it; statutory (20 days) not yet.
			expect(entry).toMatchObject({ dueDate: '2026-11-05', daysOver: 4, pastStatutory: false, itemCode: L });
			expect(list.byDepartment.every((d) => d.entries.every((e) => e.dueDate < list.today))).toBe(true);
			await expect((await app.callerFor('intake')).backoffice.overdue()).rejects.toMatchObject({ code: 'FORBIDDEN' });
		});

		it('shows every event of a case with actor, device, note and data', async () => {
			const sup = await app.callerFor('supervisor');
			const trail = await sup.backoffice.audit({ caseId: late });
			expect(trail.entries.map((e) => e.type)).toEqual(['submit', 'receive', 'accept']);
			const submit = trail.entries[0]!;
			expect(submit.actorUsername).toBe('agent.chenghu');
			expect(submit.deviceName).toBe('test');
			expect(trail.entries[2]).toMatchObject({ actorUsername: 'intake', data: { type: 'accept' } });
			await expect(sup.backoffice.audit({ caseId: uuidv7() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
			await expect((await app.callerFor('approver.renshe')).backoffice.audit({ caseId: late })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		});

		it('puts bad ratings and problem reports on one follow-up list, answered then closed', async () => {
			// A refused case rated 非常不满意.
			now = at('2026-11-11T11:00:00+08:00');
			const intake = intakeFor(L);
			await drive.submit(intake);
			await drive.act('intake', intake.id, { type: 'not_accept', reason: '材料虚假' });
			await drive.asAgent('chenghu', intake.id, { type: 'rate', level: 'very_dissatisfied', comment: '跑了两趟' });
			// A "couldn't get it done" report from the station.
			const agent = await app.callerFor('agent.chenghu');
			const problemId = uuidv7();
			const res = await agent.sync.push({
				protocolVersion: PROTOCOL_VERSION,
				clientId: uuidv7(),
				mutations: [
					{ id: 1, name: 'problem.report', args: { id: problemId, villageCode: '360121100201', category: 'other', note: '系统办不了', createdAt: now.toISOString() }, createdAt: now.toISOString() }
				]
			});
			expect(res.results[0]?.status).toBe('applied');

			const sup = await app.callerFor('supervisor');
			const open = await sup.backoffice.followUps({ statuses: ['open'] });
			expect(open.map((f) => [f.kind, f.id])).toEqual(expect.arrayContaining([['rating', intake.id], ['problem', problemId]]));
			expect(open.find((f) => f.id === intake.id)).toMatchObject({ ratingLevel: 'very_dissatisfied', note: '跑了两趟', status: 'open' });

			// Closing needs an answer first; a case without a bad rating has no follow-up.
			await expect(sup.backoffice.closeFollowUp({ kind: 'rating', id: intake.id })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
			await expect(sup.backoffice.answerFollowUp({ kind: 'rating', id: late, response: '...' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
			await sup.backoffice.answerFollowUp({ kind: 'rating', id: intake.id, response: '已电话回访，解释不予受理原因' });
			await sup.backoffice.answerFollowUp({ kind: 'problem', id: problemId, response: '已协调县局' });
			const answered = await sup.backoffice.followUps({ statuses: ['answered'] });
			expect(answered.find((f) => f.id === intake.id)).toMatchObject({ status: 'answered', response: '已电话回访，解释不予受理原因', responderName: expect.any(String) });
			await sup.backoffice.closeFollowUp({ kind: 'rating', id: intake.id });
			await sup.backoffice.closeFollowUp({ kind: 'problem', id: problemId });
			const closed = await sup.backoffice.followUps({ statuses: ['closed'] });
			expect(closed.map((f) => f.id)).toEqual(expect.arrayContaining([intake.id, problemId]));
			await expect(sup.backoffice.answerFollowUp({ kind: 'rating', id: intake.id, response: '再答' })).rejects.toMatchObject({ code: 'CONFLICT' });
			expect((await sup.backoffice.followUps({ statuses: ['open'] })).some((f) => f.id === intake.id)).toBe(false);
			await expect((await app.callerFor('intake')).backoffice.answerFollowUp({ kind: 'rating', id: intake.id, response: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		});
	});
});
