import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { serverView, startTestServer, type HttpServer } from '../fixtures/http-server';
import { createSimDevice, type SimDevice } from '../fixtures/sync-sim';
import { testDbKind } from '../fixtures/test-db';
import { makeIntake } from '../fixtures/cases';
import { PushTooLargeError } from '../../src/lib/client/sync/engine';

/**
 * A server (or the proxy in front of it) that takes smaller requests than the device would send:
 * the device halves its push batch on each real 413 and gets everything through, exactly once.
 */
describe(`push batches adapt to a 413 (${testDbKind})`, () => {
	const closing: (() => Promise<void>)[] = [];
	afterEach(async () => {
		for (const close of closing.splice(0).reverse()) await close();
	});

	async function setUp(bodyLimit: number, batch: number): Promise<{ server: HttpServer; device: SimDevice }> {
		const server = await startTestServer({ trpcBodyLimit: bodyLimit });
		closing.push(() => server.close());
		const device = await createSimDevice({
			origins: server.url,
			username: 'agent.chenghu',
			password: 'daiban-agent-1',
			name: `adaptive-${bodyLimit}`,
			pushBatchSize: batch
		});
		closing.push(() => device.close());
		return { server, device };
	}

	it('splits a refused push into smaller batches until each fits, and every case arrives once', async () => {
		const CASES = 24;
		// About one case on the wire (the same shape the device sends), then allow about five per request.
		const oneCase = JSON.stringify({ id: 1, name: 'case.submit', args: makeIntake(), createdAt: new Date().toISOString() }).length;
		const { server, device } = await setUp(oneCase * 5, CASES);
		for (let i = 0; i < CASES; i++) await device.takeCase();

		const res = await device.syncOnce();
		expect(res.ok, String(!res.ok && res.error)).toBe(true);
		const pushes = device.faults.log.filter((l) => l.kind === 'push');
		const refused = pushes.filter((l) => l.outcome === 413);
		// The first push (24 cases) and at least the halved one (12) were too large for the server.
		expect(refused.length).toBeGreaterThanOrEqual(2);
		expect(pushes.filter((l) => l.outcome === 200).length).toBeGreaterThanOrEqual(CASES / 5);
		expect(await device.outbox()).toEqual([]);

		const view = await serverView(server.db, device.submitted, [device.clientId]);
		expect(view.cases.map((c) => c.id).sort()).toEqual([...device.submitted].sort());
		expect([...view.eventsPerCase.values()]).toEqual(Array<number>(CASES).fill(2));
		expect(view.lastMutationId.get(device.clientId)).toBe(CASES);
	});

	it('stops with a clear reason when one change alone is over the limit, and loses nothing', async () => {
		const { server, device } = await setUp(600, 10);
		for (let i = 0; i < 3; i++) await device.takeCase();
		const res = await device.syncOnce();
		expect(res.ok).toBe(false);
		expect(!res.ok && res.error).toBeInstanceOf(PushTooLargeError);
		expect(!res.ok && (res.error as Error).message).toMatch(/change 1 is larger than the server accepts/);
		expect(await device.outbox()).toHaveLength(3);
		const view = await serverView(server.db, device.submitted, [device.clientId]);
		expect(view.cases).toEqual([]);
	});
});
