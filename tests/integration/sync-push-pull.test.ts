import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { createTestApp, type TestApp } from '../fixtures/test-app';
import { makeIntake } from '../fixtures/cases';
import { PROTOCOL_VERSION } from '../../src/lib/domain/sync/protocol';
import { testDbKind } from '../fixtures/test-db';

describe(`sync push and pull (${testDbKind})`, () => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp();
	});
	afterAll(async () => {
		await app.close();
	});

	it('applies a mutation exactly once however often it is sent', async () => {
		const agent = await app.callerFor('agent.chenghu');
		const clientId = uuidv7();
		const intake = makeIntake();
		const push = { protocolVersion: PROTOCOL_VERSION, clientId, mutations: [{ id: 1, name: 'case.submit', args: intake, createdAt: intake.createdAt }] };
		const first = await agent.sync.push(push);
		expect(first.results).toEqual([{ id: 1, status: 'applied' }]);
		// The same request again (a lost reply, a retry), and the two raced concurrently.
		const [again, raced] = await Promise.all([agent.sync.push(push), agent.sync.push(push)]);
		expect(again.results[0]?.status).toBe('duplicate');
		expect(raced.results[0]?.status).toBe('duplicate');

		const intakeDesk = await app.callerFor('intake');
		const queue = await intakeDesk.case.queue({ statuses: ['received'] });
		expect(queue.cases.filter((c) => c.id === intake.id)).toHaveLength(1);
		expect(queue.cases.find((c) => c.id === intake.id)?.caseNumber).toBe(intake.caseNumber);
	});

	it('rejects a bad mutation with its reason, acknowledges it, and goes on with the next', async () => {
		const agent = await app.callerFor('agent.chenghu');
		const clientId = uuidv7();
		const good = makeIntake();
		const otherVillage = makeIntake({}, '360121100202');
		const res = await agent.sync.push({
			protocolVersion: PROTOCOL_VERSION,
			clientId,
			mutations: [
				{ id: 1, name: 'case.submit', args: { ...good, applicant: { ...good.applicant, phone: 'not a phone' } }, createdAt: good.createdAt },
				{ id: 2, name: 'case.submit', args: otherVillage, createdAt: good.createdAt },
				{ id: 3, name: 'case.submit', args: good, createdAt: good.createdAt }
			]
		});
		expect(res.results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'applied']);
		expect(res.results[0]?.reason).toMatch(/applicant\.phone/);
		expect(res.results[1]?.code).toBe('FORBIDDEN');
		expect(res.lastMutationId).toBe(3);

		const pull = await agent.sync.pull({ protocolVersion: PROTOCOL_VERSION, clientId, cursor: 0, limit: 500, catalogVersion: 0, oldestPendingMutationId: 1 });
		expect(pull.rejections.map((r) => r.mutationId)).toEqual([1, 2]);
		expect(pull.lastMutationId).toBe(3);
		expect(pull.catalog?.version).toBe(1);
		expect(pull.cases.map((c) => c.id)).toContain(good.id);
		// Nothing of the refused case was written.
		expect(pull.cases.map((c) => c.id)).not.toContain(otherVillage.id);
	});

	it('refuses a mutation that skips ids, so an outbox is never applied out of order', async () => {
		const agent = await app.callerFor('agent.chenghu');
		const intake = makeIntake();
		await expect(
			agent.sync.push({ protocolVersion: PROTOCOL_VERSION, clientId: uuidv7(), mutations: [{ id: 5, name: 'case.submit', args: intake, createdAt: intake.createdAt }] })
		).rejects.toThrow(/mutation 5 arrived before mutation 1/);
	});

	it('pulls only the agent’s own village, in bounded pages, and tells an old app to update', async () => {
		const chenghu = await app.callerFor('agent.chenghu');
		const lianxi = await app.callerFor('agent.lianxi');
		const clientId = uuidv7();
		const mutations = Array.from({ length: 7 }, (_, i) => {
			const intake = makeIntake({}, '360121100202');
			return { id: i + 1, name: 'case.submit', args: intake, createdAt: intake.createdAt };
		});
		const pushed = await lianxi.sync.push({ protocolVersion: PROTOCOL_VERSION, clientId, mutations });
		expect(pushed.results.every((r) => r.status === 'applied')).toBe(true);

		const seen: string[] = [];
		let cursor = 0;
		for (let page = 0; page < 10; page++) {
			const res = await lianxi.sync.pull({ protocolVersion: PROTOCOL_VERSION, clientId, cursor, limit: 3, catalogVersion: 1 });
			expect(res.cases.length).toBeLessThanOrEqual(3);
			seen.push(...res.cases.map((c) => c.id));
			expect(res.cases.every((c) => c.villageCode === '360121100202')).toBe(true);
			cursor = res.cursor;
			if (!res.hasMore) break;
		}
		expect(new Set(seen).size).toBe(7);

		const other = await chenghu.sync.pull({ protocolVersion: PROTOCOL_VERSION, clientId: uuidv7(), cursor: 0, limit: 500, catalogVersion: 1 });
		expect(other.cases.some((c) => c.villageCode === '360121100202')).toBe(false);

		await expect(
			chenghu.sync.pull({ protocolVersion: PROTOCOL_VERSION - 1, clientId: uuidv7(), cursor: 0, limit: 10, catalogVersion: 0 })
		).rejects.toThrow(/update the app/);
	});

	it('keeps one client’s mutations to its own user', async () => {
		const chenghu = await app.callerFor('agent.chenghu');
		const lianxi = await app.callerFor('agent.lianxi');
		const clientId = uuidv7();
		const intake = makeIntake();
		await chenghu.sync.push({ protocolVersion: PROTOCOL_VERSION, clientId, mutations: [{ id: 1, name: 'case.submit', args: intake, createdAt: intake.createdAt }] });
		const theirs = makeIntake({}, '360121100202');
		await expect(
			lianxi.sync.push({ protocolVersion: PROTOCOL_VERSION, clientId, mutations: [{ id: 2, name: 'case.submit', args: theirs, createdAt: theirs.createdAt }] })
		).rejects.toThrow(/another user/);
	});

	it('admits only field roles to sync and only township roles to the queue', async () => {
		const intakeDesk = await app.callerFor('intake');
		await expect(
			intakeDesk.sync.pull({ protocolVersion: PROTOCOL_VERSION, clientId: uuidv7(), cursor: 0, limit: 1, catalogVersion: 0 })
		).rejects.toMatchObject({ code: 'FORBIDDEN' });
		const agent = await app.callerFor('agent.chenghu');
		await expect(agent.case.queue({ statuses: ['received'] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(app.caller(null).case.queue({ statuses: ['received'] })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
	});
});
