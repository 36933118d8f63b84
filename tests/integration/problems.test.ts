import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { createTestApp, type TestApp } from '../fixtures/test-app';
import { makeIntake } from '../fixtures/cases';
import { testDbKind } from '../fixtures/test-db';
import { PROTOCOL_VERSION } from '../../src/lib/domain/sync/protocol';
import type { ProblemReportArgs } from '../../src/lib/domain/problems/problem.schema';

describe(`"couldn't get it done" reports (办不成事反映) (${testDbKind})`, () => {
	let app: TestApp;
	const devices = new Map<string, { clientId: string; next: number; cursor: number }>();

	function device(username: string) {
		let d = devices.get(username);
		if (!d) devices.set(username, (d = { clientId: uuidv7(), next: 1, cursor: 0 }));
		return d;
	}

	async function report(username: string, args: Partial<ProblemReportArgs> = {}) {
		const full: ProblemReportArgs = {
			id: uuidv7(),
			villageCode: '360121100201',
			category: 'beyond_village_authority',
			note: '宅基地审批需到县里，村里办不了',
			createdAt: new Date().toISOString(),
			...args
		};
		const d = device(username);
		const res = await (await app.callerFor(username)).sync.push({
			protocolVersion: PROTOCOL_VERSION,
			clientId: d.clientId,
			mutations: [{ id: d.next++, name: 'problem.report', args: full, createdAt: full.createdAt }]
		});
		return { args: full, result: res.results[0]! };
	}

	/** Pulls from the device's cursor until caught up, as the sync engine does. */
	async function pullAll(username: string) {
		const d = device(username);
		const caller = await app.callerFor(username);
		const problems = [];
		for (;;) {
			const res = await caller.sync.pull({ protocolVersion: PROTOCOL_VERSION, clientId: d.clientId, cursor: d.cursor, limit: 2, catalogVersion: 1 });
			problems.push(...res.problems);
			d.cursor = res.cursor;
			if (!res.hasMore) return problems;
		}
	}

	beforeAll(async () => {
		app = await createTestApp();
	});
	afterAll(async () => {
		await app.close();
	});

	it('agent reports offline → supervisor answers → the agent pulls the answer; closing reaches the device too', async () => {
		const caseNumber = makeIntake().caseNumber;
		const { args, result } = await report('agent.chenghu', { caseNumber, category: 'passed_between_departments', note: '民政和残联互相推诿' });
		expect(result.status).toBe('applied');
		// Some cases in between, so the report and its answer fall inside paged pulls.
		for (let i = 0; i < 3; i++) {
			const intake = makeIntake();
			const d = device('agent.chenghu');
			await (await app.callerFor('agent.chenghu')).sync.push({
				protocolVersion: PROTOCOL_VERSION,
				clientId: d.clientId,
				mutations: [{ id: d.next++, name: 'case.submit', args: intake, createdAt: intake.createdAt }]
			});
		}

		const first = await pullAll('agent.chenghu');
		expect(first.filter((p) => p.id === args.id)).toEqual([
			expect.objectContaining({ status: 'open', category: 'passed_between_departments', caseNumber, response: null, note: '民政和残联互相推诿' })
		]);

		const supervisor = await app.callerFor('supervisor');
		const list = await supervisor.problems.list({ statuses: ['open'] });
		const listed = list.reports.find((r) => r.id === args.id);
		expect(listed).toMatchObject({ reporterName: expect.any(String), villageName: expect.any(String), status: 'open' });

		const answered = await supervisor.problems.answer({ id: args.id, response: '已协调民政办牵头办理，请通知申请人周三到中心' });
		expect(answered).toMatchObject({ status: 'answered', responderName: expect.any(String), closedAt: null });

		// The next sync brings the answer, and only what changed.
		const second = await pullAll('agent.chenghu');
		expect(second).toEqual([expect.objectContaining({ id: args.id, status: 'answered', response: '已协调民政办牵头办理，请通知申请人周三到中心' })]);

		await supervisor.problems.close({ id: args.id });
		const third = await pullAll('agent.chenghu');
		expect(third).toEqual([expect.objectContaining({ id: args.id, status: 'closed', closedAt: expect.any(String) })]);
		await expect(supervisor.problems.answer({ id: args.id, response: '再答一次' })).rejects.toMatchObject({ code: 'CONFLICT' });

		// Another village's agent never sees it.
		expect((await pullAll('agent.lianxi')).map((p) => p.id)).not.toContain(args.id);
	});

	it('only the centre head answers or closes; the front desk may read the list; agents may not', async () => {
		const { args } = await report('agent.chenghu');
		const desk = await app.callerFor('intake');
		expect((await desk.problems.list({})).reports.map((r) => r.id)).toContain(args.id);
		await expect(desk.problems.answer({ id: args.id, response: '我来答' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(desk.problems.close({ id: args.id, response: '我来关' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		const agent = await app.callerFor('agent.chenghu');
		await expect(agent.problems.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(agent.problems.answer({ id: args.id, response: '自问自答' })).rejects.toMatchObject({ code: 'FORBIDDEN' });

		const supervisor = await app.callerFor('supervisor');
		// Closing one never answered needs a response.
		await expect(supervisor.problems.close({ id: args.id })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		await expect(supervisor.problems.answer({ id: args.id, response: '   ' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		await expect(supervisor.problems.answer({ id: uuidv7(), response: '没有这条' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		const closed = await supervisor.problems.close({ id: args.id, response: '属县级事权，已转县政务服务中心' });
		expect(closed).toMatchObject({ status: 'closed', response: '属县级事权，已转县政务服务中心' });
		expect((await supervisor.problems.list({ statuses: ['closed'] })).reports.map((r) => r.id)).toContain(args.id);
	});

	it('refuses reports for a village outside the agent’s area, bad categories and empty notes, each on its own', async () => {
		const outside = await report('agent.chenghu', { villageCode: '360121100202' });
		expect(outside.result).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
		const badCategory = await report('agent.chenghu', { category: 'gossip' as never });
		expect(badCategory.result).toMatchObject({ status: 'rejected', code: 'VALIDATION' });
		const empty = await report('agent.chenghu', { note: '  ' });
		expect(empty.result).toMatchObject({ status: 'rejected', code: 'VALIDATION' });
		const badNumber = await report('agent.chenghu', { caseNumber: 'not-a-case-number' });
		expect(badNumber.result).toMatchObject({ status: 'rejected', code: 'VALIDATION' });
		const fine = await report('agent.chenghu');
		expect(fine.result.status).toBe('applied');
		// A report id is unique: the same report from a second device of hers is refused, not stored twice.
		const secondDevice = await (await app.callerFor('agent.chenghu')).sync.push({
			protocolVersion: PROTOCOL_VERSION,
			clientId: uuidv7(),
			mutations: [{ id: 1, name: 'problem.report', args: fine.args, createdAt: fine.args.createdAt }]
		});
		expect(secondDevice.results[0]).toMatchObject({ status: 'rejected', code: 'CONFLICT' });
		// Only village agents report (a grid worker syncs too, but has no station).
		const grid = await report('grid.chenghu');
		expect(grid.result).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
	});
});
