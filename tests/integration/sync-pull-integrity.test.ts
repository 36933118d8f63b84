import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { startTestServer, villageCases, type HttpServer } from '../fixtures/http-server';
import { createSimDevice, type SimDevice } from '../fixtures/sync-sim';
import { testDbKind } from '../fixtures/test-db';
import { formatCaseNumber } from '../../src/lib/domain/case/case-number';
import { scopeDigest } from '../../src/lib/domain/sync/scope-digest';
import { PROTOCOL_VERSION } from '../../src/lib/domain/sync/protocol';
import { createDraft } from '../../src/lib/client/cases/intake';

/**
 * Pull integrity: the last page of a pull carries the count and checksum of the agent's cases; a
 * device whose copies drifted (a record lost, a stray one) notices and downloads the scope again.
 */
describe(`pull integrity digests (${testDbKind})`, () => {
	let server: HttpServer;
	let device: SimDevice;

	beforeAll(async () => {
		server = await startTestServer();
		device = await createSimDevice({ origins: server.url, username: 'agent.chenghu', password: 'daiban-agent-1', name: 'digest', pullLimit: 3 });
		for (let i = 0; i < 7; i++) await device.takeCase();
		const res = await device.syncOnce();
		if (!res.ok) throw res.error;
	});
	afterAll(async () => {
		await device?.close();
		await server?.close();
	});

	const localIds = async () => (await device.cases()).map((c) => c.id).sort();
	const serverIds = async () => (await villageCases(server.db, device.villageCode)).map((c) => c.id);

	it('sends the digest of the whole scope on the last page only, and a device in step agrees', async () => {
		const res = await device.syncOnce();
		expect(res.ok && res.result.resynced).toEqual([]);
		// Read the pages directly: only the last one carries a digest, and it matches the server's rows.
		const raw = await fetchPull(0, 3);
		expect(raw.first.hasMore).toBe(true);
		expect(raw.first.digests).toEqual([]);
		const ids = await serverIds();
		expect(raw.last.digests).toEqual([{ scope: 'cases', ...scopeDigest(ids), atCursor: raw.last.cursor }]);
		expect(raw.last.digests[0]?.count).toBe(7);
	});

	it('downloads the scope again when a server copy went missing on the device', async () => {
		const [lost] = await localIds();
		await device.db.cases.delete(lost ?? '');
		expect(await localIds()).toHaveLength(6);
		const res = await device.syncOnce();
		expect(res.ok && res.result.resynced).toEqual(['cases']);
		expect(await localIds()).toEqual(await serverIds());
		// In step again: the next round does not re-download.
		const again = await device.syncOnce();
		expect(again.ok && again.result.resynced).toEqual([]);
	});

	it('drops a copy the server does not have, but keeps drafts', async () => {
		const [model] = await device.cases();
		if (!model) throw new Error('no case');
		const strayId = uuidv7();
		const strayNumber = formatCaseNumber({ villageCode: device.villageCode, date: '2026-01-01', deviceTag: device.deviceTag, sequence: 9999 });
		// A copy of a stored (sealed) record under another id: only its id matters to the digest.
		const stored = await device.db.cases.get(model.id);
		if (!stored) throw new Error('no stored case');
		await device.db.cases.put({ ...stored, id: strayId, caseNumber: strayNumber });
		// A draft the agent is still typing: on the device only, never sent, never dropped.
		const latest = await device.db.catalogs.orderBy('version').last();
		const item = latest?.catalog.items.find((i) => i.proxyEligible);
		if (!latest || !item) throw new Error('no catalog');
		const { id: draft } = await createDraft(
			device.db,
			{ itemCodes: [item.code], catalogVersion: latest.version, villageCode: device.villageCode, deviceTag: device.deviceTag, materials: [] },
			new Date()
		);
		const res = await device.syncOnce();
		expect(res.ok && res.result.resynced).toEqual(['cases']);
		const after = await localIds();
		expect(after).not.toContain(strayId);
		expect(after).toContain(draft);
		expect(after.filter((id) => id !== draft)).toEqual(await serverIds());
	});

	async function fetchPull(cursor: number, limit: number) {
		const cookieRes = await fetch(`${server.url}/trpc/auth.login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username: 'agent.chenghu', password: 'daiban-agent-1', deviceName: 'digest-raw' }),
			signal: AbortSignal.timeout(30_000)
		});
		const cookie = (cookieRes.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
		type Page = { cursor: number; hasMore: boolean; digests: { scope: string; count: number; checksum: string; atCursor: number }[] };
		const pages: Page[] = [];
		for (let c = cursor, n = 0; n < 100; n++) {
			const input = { protocolVersion: PROTOCOL_VERSION, clientId: device.clientId, cursor: c, limit, catalogVersion: 999 };
			const r = await fetch(`${server.url}/trpc/sync.pull?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { cookie }, signal: AbortSignal.timeout(30_000) });
			const page = ((await r.json()) as { result: { data: Page } }).result.data;
			pages.push(page);
			c = page.cursor;
			if (!page.hasMore) break;
		}
		const first = pages[0];
		const last = pages.at(-1);
		if (!first || !last) throw new Error('no pages');
		return { first, last };
	}
});
