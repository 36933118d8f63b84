import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	serverView,
	startInstanceOn,
	startTestServer,
	villageCases,
	type HttpServer
} from '../fixtures/http-server';
import { createSimDevice, type SimDevice } from '../fixtures/sync-sim';
import { hostileLink } from '../fixtures/fault-fetch';

/**
 * Two instances of the server behind one PostgreSQL database (a load balancer without sticky
 * sessions). Two devices send each request to the other instance than the one before, over
 * the hostile link of sync-faults: a duplicated or raced request then reaches both instances,
 * and a retry lands on the other instance than the lost original. Exactly-once must not
 * depend on which process handles a request, only on the database.
 */

const pgUrl = process.env.DAIBAN_TEST_PG_URL;
const CASES_PER_DEVICE = 30;

describe.skipIf(!pgUrl)('two server instances on one PostgreSQL database', () => {
	let first: HttpServer & { databaseUrl?: string };
	let second: HttpServer;
	const devices: SimDevice[] = [];

	beforeAll(async () => {
		first = await startTestServer();
		if (!first.databaseUrl) throw new Error('the first instance is not on PostgreSQL');
		second = await startInstanceOn(first.databaseUrl, first.attachmentsDir);
		const origins = [first.url, second.url];
		for (const agent of [
			{ username: 'agent.chenghu', password: 'daiban-agent-1' },
			{ username: 'agent.lianxi', password: 'daiban-agent-2' }
		]) {
			devices.push(
				await createSimDevice({ origins, ...agent, name: agent.username, requestTimeoutMs: 500, pushBatchSize: 5, pullLimit: 7 })
			);
		}
	});
	afterAll(async () => {
		for (const device of devices) await device.close();
		await second?.close();
		await first?.close();
	});

	it('applies every case exactly once while requests alternate between the instances', async () => {
		for (const device of devices) {
			for (let i = 0; i < CASES_PER_DEVICE; i++) await device.takeCase();
			device.faults.setPlan(hostileLink());
		}
		// Both devices at once: their pushes interleave on both instances.
		const drained = await Promise.all(devices.map((d) => d.syncUntilOutboxEmpty(120)));
		for (const device of devices) {
			await device.faults.idle();
			for (const fault of ['drop', 'duplicate', 'race', 'delay', 'late'] as const) {
				expect(device.faults.count(fault, 'push'), `${device.name}: push fault ${fault}`).toBeGreaterThan(0);
			}
		}

		const view = await serverView(
			first.db,
			devices.flatMap((d) => d.submitted),
			devices.map((d) => d.clientId)
		);
		expect(view.cases).toHaveLength(2 * CASES_PER_DEVICE);
		expect(new Set(view.cases.map((c) => c.id)).size).toBe(2 * CASES_PER_DEVICE);
		expect(new Set(view.cases.map((c) => c.caseNumber)).size).toBe(2 * CASES_PER_DEVICE);
		expect([...view.eventsPerCase.values()]).toEqual(Array<number>(2 * CASES_PER_DEVICE).fill(2));
		expect(view.applied).toBe(2 * CASES_PER_DEVICE);
		expect(view.rejections).toBe(0);

		for (const device of devices) {
			expect(view.lastMutationId.get(device.clientId)).toBe(CASES_PER_DEVICE);
			expect(await device.outbox()).toEqual([]);
			device.faults.setPlan(() => 'pass');
			device.setRequestTimeout(30_000);
			const clean = await device.syncOnce();
			expect(clean.ok).toBe(true);
			const local = await device.cases();
			expect(local.every((c) => c.syncState === 'received')).toBe(true);
			const mine = local.map((c) => ({ id: c.id, status: c.status })).sort((a, b) => a.id.localeCompare(b.id));
			// Read through the second instance's pool: both see the same committed state.
			expect(mine).toEqual(await villageCases(second.db, device.villageCode));
		}
		console.info(
			`[sync-two-instances] rounds per device: ${drained.map((d) => `${d.rounds} (${d.failures} failed)`).join(', ')}; ` +
				`requests: ${devices.map((d) => d.faults.log.length).join(', ')}`
		);
	});
});
