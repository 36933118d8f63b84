import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverView, startTestServer, villageCases, type HttpServer } from '../fixtures/http-server';
import { createSimDevice, type SimDevice } from '../fixtures/sync-sim';
import { FAULTS, hostileLink } from '../fixtures/fault-fetch';
import { testDbKind } from '../fixtures/test-db';

/**
 * One device, 30 cases taken offline, and a link that fails in every way we know: every 3rd
 * request never leaves, pushes are applied but their answer is lost, requests arrive twice
 * (one after the other, and at once), answers come after the device gave up, and requests
 * arrive after the device's retry. The device just keeps syncing; the server must end up with
 * each case exactly once and the device with nothing left to send.
 */

const CASES = 30;
const TIMEOUT_MS = 500;
const MAX_ROUNDS = 120;

describe(`sync under injected faults (${testDbKind})`, () => {
	let server: HttpServer;
	let device: SimDevice;

	beforeAll(async () => {
		server = await startTestServer();
		device = await createSimDevice({
			origins: server.url,
			username: 'agent.chenghu',
			password: 'daiban-agent-1',
			name: 'faults',
			requestTimeoutMs: TIMEOUT_MS,
			pushBatchSize: 5,
			pullLimit: 7
		});
	});
	afterAll(async () => {
		await device?.close();
		await server?.close();
	});

	it('applies each of 30 cases exactly once through aborts, lost answers, duplicates and timeouts', async () => {
		for (let i = 0; i < CASES; i++) await device.takeCase();
		expect(await device.outbox()).toHaveLength(CASES);

		device.faults.setPlan(hostileLink());
		const { rounds, failures } = await device.syncUntilOutboxEmpty(MAX_ROUNDS);
		await device.faults.idle();

		// Every fault really happened, on pushes (where exactly-once is at stake) and on pulls.
		for (const fault of FAULTS) expect(device.faults.count(fault), `fault ${fault}`).toBeGreaterThan(0);
		for (const fault of ['abort', 'drop', 'duplicate', 'race', 'delay', 'late'] as const) {
			expect(device.faults.count(fault, 'push'), `push fault ${fault}`).toBeGreaterThan(0);
		}
		expect(failures).toBeGreaterThan(0);

		const local = await device.cases();
		expect(local).toHaveLength(CASES);
		expect(local.every((c) => c.syncState === 'received')).toBe(true);
		expect(await device.outbox()).toEqual([]);

		const view = await serverView(server.db, device.submitted, [device.clientId]);
		// Held once by id, and once by case number.
		expect(view.cases.map((c) => c.id).sort()).toEqual([...device.submitted].sort());
		expect(new Set(view.cases.map((c) => c.caseNumber)).size).toBe(CASES);
		expect(view.cases.map((c) => c.caseNumber).sort()).toEqual(local.map((c) => c.caseNumber).sort());
		// Received once: exactly one submit and one receive event each.
		expect([...view.eventsPerCase.values()]).toEqual(Array<number>(CASES).fill(2));
		expect(view.applied).toBe(CASES);
		expect(view.rejections).toBe(0);
		expect(view.lastMutationId.get(device.clientId)).toBe(CASES);

		// Once the link is good again, the device's copies match the township's.
		device.faults.setPlan(() => 'pass');
		device.setRequestTimeout(30_000);
		const clean = await device.syncOnce();
		expect(clean.ok).toBe(true);
		const mine = (await device.cases()).map((c) => ({ id: c.id, status: c.status })).sort((a, b) => a.id.localeCompare(b.id));
		expect(mine).toEqual(await villageCases(server.db, device.villageCode));
		expect(mine.every((c) => c.status === 'received')).toBe(true);
		console.info(
			`[sync-faults ${testDbKind}] ${rounds} rounds (${failures} failed), ${device.faults.log.length} requests:`,
			Object.fromEntries(FAULTS.map((f) => [f, device.faults.count(f)]))
		);
	});

	it('keeps a refused mutation refused when the answer that said so was lost', async () => {
		const agent = await createSimDevice({
			origins: server.url,
			username: 'agent.chenghu',
			password: 'daiban-agent-1',
			name: 'refused',
			requestTimeoutMs: TIMEOUT_MS
		});
		try {
			await agent.takeCase();
			// Another village's case: the server refuses it (not in this agent's service area).
			const bad = await agent.takeCase({ villageCode: '360121100202' });
			await agent.takeCase();
			// The push is applied (and the refusal recorded), but its answer never arrives; the
			// retry then meets mutations the server already has.
			let pushes = 0;
			agent.faults.setPlan(({ kind }) => (kind === 'push' && ++pushes === 1 ? 'drop' : 'pass'));
			await agent.syncUntilDone(5);

			expect(agent.faults.count('drop', 'push')).toBe(1);
			const local = await agent.db.cases.get(bad.id);
			expect(local?.syncState).toBe('rejected');
			expect(local?.rejection?.code).toBe('FORBIDDEN');
			const outbox = await agent.outbox();
			expect(outbox.map((e) => ({ id: e.id, quarantined: !!e.quarantined }))).toEqual([{ id: 2, quarantined: true }]);
			const view = await serverView(server.db, [...agent.submitted, bad.id], [agent.clientId]);
			expect(view.cases.map((c) => c.id).sort()).toEqual([...agent.submitted].sort());
			expect(view.rejections).toBe(1);
			expect(view.lastMutationId.get(agent.clientId)).toBe(3);
		} finally {
			await agent.close();
		}
	});
});
