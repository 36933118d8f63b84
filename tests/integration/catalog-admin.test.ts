import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import Papa from 'papaparse';
import { TRPCError } from '@trpc/server';
import { uuidv7 } from 'uuidv7';
import { createTestApp, type TestApp } from '../fixtures/test-app';
import { testDbKind } from '../fixtures/test-db';
import { buildApp, SESSION_COOKIE } from '../../server/src/http';
import { authService } from '../../server/src/services/auth.service';
import { demoUsers } from '../../server/src/seed/demo-county';
import { PROTOCOL_VERSION } from '../../src/lib/domain/sync/protocol';
import { findItem } from '../../src/lib/domain/catalog/catalog';
import type { ServiceItem } from '../../src/lib/domain/catalog/item.schema';

const SENIOR_CARD = 'WJ-LNYD-001';

/** The error a caller threw, with the per-field problems the router attaches (its cause, a ZodError). */
async function refusal(call: Promise<unknown>): Promise<{ code: string; paths: string[]; messages: string[] }> {
	try {
		await call;
	} catch (e) {
		if (!(e instanceof TRPCError)) throw e;
		const issues = (e.cause as { issues?: { path: PropertyKey[]; message: string }[] } | undefined)?.issues ?? [];
		return { code: e.code, paths: issues.map((i) => String(i.path[0])), messages: issues.map((i) => i.message) };
	}
	throw new Error('the call succeeded but should have been refused');
}

describe(`the supervisor's catalog work (${testDbKind})`, () => {
	let app: TestApp;
	let http: FastifyInstance;
	let baseUrl: string;
	const cookies = new Map<string, string>();

	async function cookieFor(username: string): Promise<string> {
		const known = cookies.get(username);
		if (known) return known;
		const user = demoUsers.find((u) => u.username === username);
		if (!user) throw new Error(`no demo user ${username}`);
		const { token } = await authService.login(app.db, { username, password: user.password, deviceName: 'catalog test' }, new Date(), 30);
		const cookie = `${SESSION_COOKIE}=${token}`;
		cookies.set(username, cookie);
		return cookie;
	}
	async function request(path: string, init: RequestInit & { as?: string } = {}): Promise<Response> {
		const headers = new Headers(init.headers);
		if (init.as) headers.set('cookie', await cookieFor(init.as));
		return fetch(`${baseUrl}${path}`, { ...init, headers });
	}
	async function latestVersion(): Promise<number> {
		const supervisor = await app.callerFor('supervisor');
		return (await supervisor.catalog.latest()).version;
	}
	async function seniorCard(): Promise<ServiceItem> {
		const supervisor = await app.callerFor('supervisor');
		const item = findItem(await supervisor.catalog.latest(), SENIOR_CARD);
		if (!item) throw new Error('the seed has no senior card item');
		return item;
	}

	beforeAll(async () => {
		app = await createTestApp();
		http = await buildApp({ services: app.services, logLevel: 'silent' });
		await http.listen({ host: '127.0.0.1', port: 0 });
		const address = http.server.address();
		if (!address || typeof address === 'string') throw new Error('no TCP address');
		baseUrl = `http://127.0.0.1:${address.port}`;
	});
	afterAll(async () => {
		await http?.close();
		await app?.close();
	});

	it('saves an item as a new version; the old version stays retrievable and listed', async () => {
		const supervisor = await app.callerFor('supervisor');
		const before = await supervisor.catalog.latest();
		const item = await seniorCard();
		const saved = await supervisor.catalog.saveItem({ mode: 'update', baseVersion: before.version, item: { ...item, promisedLimitDays: 5 } });
		expect(saved).toMatchObject({ version: before.version + 1, code: SENIOR_CARD, unchanged: false });

		const after = await supervisor.catalog.latest();
		expect(after.version).toBe(before.version + 1);
		expect(findItem(after, SENIOR_CARD)?.promisedLimitDays).toBe(5);
		expect(after.items.map((i) => i.code)).toEqual(before.items.map((i) => i.code));

		// Cases started under the old version are still reviewed against it.
		const agent = await app.callerFor('agent.chenghu');
		const old = await agent.catalog.byVersion({ version: before.version });
		expect(findItem(old, SENIOR_CARD)?.promisedLimitDays).toBe(item.promisedLimitDays);

		const versions = await supervisor.catalog.versions();
		expect(versions.map((v) => v.version).slice(0, 2)).toEqual([after.version, before.version]);
		expect(versions[0]).toMatchObject({ itemCount: after.items.length, bundleCount: after.bundles.length });
		expect(Date.parse(versions[0]!.publishedAt)).not.toBeNaN();

		// The same content again publishes nothing.
		const again = await supervisor.catalog.saveItem({ mode: 'update', baseVersion: after.version, item: findItem(after, SENIOR_CARD)! });
		expect(again).toMatchObject({ version: after.version, unchanged: true });
		expect(await latestVersion()).toBe(after.version);
	});

	it('creates a new item and refuses a second item with the same code', async () => {
		const supervisor = await app.callerFor('supervisor');
		const base = await supervisor.catalog.latest();
		const item = { ...(await seniorCard()), code: 'WJ-TEST-NEW-01', mainName: '测试新事项' };
		const created = await supervisor.catalog.saveItem({ mode: 'create', baseVersion: base.version, item });
		expect(created.version).toBe(base.version + 1);
		const dup = await refusal(supervisor.catalog.saveItem({ mode: 'create', baseVersion: created.version, item }));
		expect(dup.code).toBe('BAD_REQUEST');
		expect(dup.paths).toEqual(['item.code']);

		const removed = await supervisor.catalog.removeItem({ code: item.code });
		expect(removed.version).toBe(created.version + 1);
		expect(findItem(await supervisor.catalog.latest(), item.code)).toBeUndefined();
	});

	it('refuses an invalid item with every problem and its path, and publishes nothing', async () => {
		const supervisor = await app.callerFor('supervisor');
		const before = await latestVersion();
		const item = await seniorCard();
		const [first] = item.materials;
		const bad: ServiceItem = {
			...item,
			statutoryLimitDays: 10,
			promisedLimitDays: 15,
			departmentCode: 'NOPE',
			materials: [...item.materials, { ...first!, name: '重复编号的材料' }]
		};
		const refused = await refusal(supervisor.catalog.saveItem({ mode: 'update', baseVersion: before, item: bad }));
		expect(refused.code).toBe('BAD_REQUEST');
		expect(refused.paths).toEqual(
			expect.arrayContaining(['item.promisedLimitDays', `item.materials[${item.materials.length}].id`, 'item.departmentCode'])
		);
		expect(await latestVersion()).toBe(before);

		// Over HTTP the client gets the same paths as fieldErrors, next to a 400.
		const res = await request('/trpc/catalog.saveItem', {
			method: 'POST',
			as: 'supervisor',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ mode: 'update', baseVersion: before, item: bad })
		});
		expect(res.status).toBe(400);
		const body = (await res.json()) as { error: { data: { fieldErrors: Record<string, string[]> } } };
		expect(Object.keys(body.error.data.fieldErrors)).toEqual(
			expect.arrayContaining(['item.promisedLimitDays', `item.materials[${item.materials.length}].id`, 'item.departmentCode'])
		);
		expect(body.error.data.fieldErrors['item.promisedLimitDays']?.[0]).toMatch(/statutory/);

		// A shape error (an empty name) comes back with its full path too.
		const shape = await refusal(supervisor.catalog.saveItem({ mode: 'update', baseVersion: before, item: { ...item, mainName: '' } }));
		expect(shape.paths).toEqual(['item.mainName']);
		expect(await latestVersion()).toBe(before);
	});

	it('refuses to remove an item a bundle lists, naming the bundle', async () => {
		const supervisor = await app.callerFor('supervisor');
		const catalog = await supervisor.catalog.latest();
		const listed = catalog.bundles[0]?.itemCodes[0];
		expect(listed).toBeDefined();
		const refused = await refusal(supervisor.catalog.removeItem({ code: listed! }));
		expect(refused.code).toBe('BAD_REQUEST');
		expect(refused.paths[0]).toMatch(/^catalog\.bundles\[0\]\.itemCodes\[0\]$/);
		expect(await latestVersion()).toBe(catalog.version);
	});

	it('refuses a save built on a version in which someone else has since changed the item', async () => {
		const supervisor = await app.callerFor('supervisor');
		const base = await latestVersion();
		const item = await seniorCard();
		await supervisor.catalog.saveItem({ mode: 'update', baseVersion: base, item: { ...item, consultation: '其他人的修改' } });
		const stale = await refusal(supervisor.catalog.saveItem({ mode: 'update', baseVersion: base, item: { ...item, fee: { amountYuan: 1 } } }));
		expect(stale.code).toBe('CONFLICT');
	});

	it('refuses every write, the version list and the files to anyone but a supervisor', async () => {
		const item = await seniorCard();
		const base = await latestVersion();
		for (const username of ['agent.chenghu', 'intake', 'approver']) {
			if (!demoUsers.some((u) => u.username === username)) continue;
			const caller = await app.callerFor(username);
			expect((await refusal(caller.catalog.saveItem({ mode: 'update', baseVersion: base, item }))).code).toBe('FORBIDDEN');
			expect((await refusal(caller.catalog.removeItem({ code: SENIOR_CARD }))).code).toBe('FORBIDDEN');
			expect((await refusal(caller.catalog.versions())).code).toBe('FORBIDDEN');
			expect((await request('/api/catalog/export.xlsx', { as: username })).status).toBe(403);
			expect((await request('/api/catalog/export.csv', { as: username })).status).toBe(403);
			const upload = await request('/api/catalog/import?format=csv', {
				method: 'POST',
				as: username,
				headers: { 'content-type': 'text/csv' },
				body: '事项编码\n'
			});
			expect(upload.status).toBe(403);
		}
		expect((await refusal(app.caller(null).catalog.saveItem({ mode: 'update', baseVersion: base, item }))).code).toBe('UNAUTHORIZED');
		expect((await request('/api/catalog/export.xlsx')).status).toBe(401);
		expect((await request('/api/catalog/import?format=csv', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'x' })).status).toBe(401);
		expect(await latestVersion()).toBe(base);
	});

	it('exports XLSX and imports the same bytes as a new version', async () => {
		const before = await latestVersion();
		const res = await request('/api/catalog/export.xlsx', { as: 'supervisor' });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="daiban-catalog-v${before}\\.xlsx"`));
		const bytes = Buffer.from(await res.arrayBuffer());
		expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');

		const imported = await request('/api/catalog/import?format=xlsx', {
			method: 'POST',
			as: 'supervisor',
			headers: { 'content-type': 'application/octet-stream' },
			body: bytes
		});
		expect(imported.status).toBe(200);
		const supervisor = await app.callerFor('supervisor');
		const old = await supervisor.catalog.byVersion({ version: before });
		expect(await imported.json()).toEqual({ version: before + 1, itemCount: old.items.length });
		const now = await supervisor.catalog.latest();
		expect(now.items).toEqual(old.items);
		expect(now.bundles).toEqual(old.bundles);
	});

	it('refuses a CSV with two bad rows, listing both with row and column, and imports nothing', async () => {
		const before = await latestVersion();
		const res = await request('/api/catalog/export.csv', { as: 'supervisor' });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-disposition')).toContain(`daiban-catalog-v${before}.csv`);
		const rows = Papa.parse<string[]>((await res.text()).replace(/^\uFEFF/, '')).data.filter((r) => r.length > 1);
		const header = rows[0]!;
		const col = (name: string) => header.indexOf(name);
		// Spreadsheet rows: the header is row 1, so rows[2] is row 3 and rows[5] is row 6.
		rows[2]![col('承诺时限')] = '400';
		rows[5]![col('主管部门')] = '县不存在局';
		const upload = await request('/api/catalog/import?format=csv', {
			method: 'POST',
			as: 'supervisor',
			headers: { 'content-type': 'text/csv; charset=utf-8' },
			body: Papa.unparse(rows)
		});
		expect(upload.status).toBe(400);
		const body = (await upload.json()) as { error: string; errors: { row: number; column: string; message: string }[] };
		expect(body.error).toBe('invalid_file');
		expect(body.errors).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ row: 3, column: '承诺时限' }),
				expect.objectContaining({ row: 6, column: '主管部门' })
			])
		);
		expect(new Set(body.errors.map((e) => e.row))).toEqual(new Set([3, 6]));
		expect(await latestVersion()).toBe(before);
	});

	it('refuses an import that would leave a bundle without one of its items', async () => {
		const before = await latestVersion();
		const supervisor = await app.callerFor('supervisor');
		const listed = (await supervisor.catalog.latest()).bundles[0]!.itemCodes[0]!;
		const csv = (await (await request('/api/catalog/export.csv', { as: 'supervisor' })).text()).replace(/^\uFEFF/, '');
		const rows = Papa.parse<string[]>(csv).data.filter((r) => r.length > 1);
		const code = rows[0]!.indexOf('事项编码');
		const upload = await request('/api/catalog/import?format=csv', {
			method: 'POST',
			as: 'supervisor',
			headers: { 'content-type': 'text/csv' },
			body: Papa.unparse(rows.filter((r) => r[code] !== listed))
		});
		expect(upload.status).toBe(400);
		const body = (await upload.json()) as { errors: { row: number; message: string }[] };
		expect(body.errors.some((e) => e.message.includes(listed))).toBe(true);
		expect(await latestVersion()).toBe(before);
	});

	it('sends the new catalog to a field device that pulls with the old version', async () => {
		const agent = await app.callerFor('agent.chenghu');
		const supervisor = await app.callerFor('supervisor');
		const clientId = uuidv7();
		const first = await agent.sync.pull({ protocolVersion: PROTOCOL_VERSION, clientId, cursor: 0, limit: 500, catalogVersion: 0 });
		const old = first.catalog!.version;
		expect((await agent.sync.pull({ protocolVersion: PROTOCOL_VERSION, clientId, cursor: first.cursor, limit: 500, catalogVersion: old })).catalog).toBeNull();

		const item = await seniorCard();
		const saved = await supervisor.catalog.saveItem({ mode: 'update', baseVersion: old, item: { ...item, promisedLimitDays: 2 } });
		const pulled = await agent.sync.pull({ protocolVersion: PROTOCOL_VERSION, clientId, cursor: first.cursor, limit: 500, catalogVersion: old });
		expect(pulled.catalog?.version).toBe(saved.version);
		expect(findItem(pulled.catalog!, SENIOR_CARD)?.promisedLimitDays).toBe(2);
		// Published through the change clock: the device's cursor moves past it.
		expect(pulled.cursor).toBeGreaterThan(first.cursor);
	});

	it('serialises two saves made at once: both land, in consecutive versions', async () => {
		const supervisor = await app.callerFor('supervisor');
		const base = await supervisor.catalog.latest();
		const [a, b] = base.items;
		const [x, y] = await Promise.all([
			supervisor.catalog.saveItem({ mode: 'update', baseVersion: base.version, item: { ...a!, consultation: '并发修改一' } }),
			supervisor.catalog.saveItem({ mode: 'update', baseVersion: base.version, item: { ...b!, consultation: '并发修改二' } })
		]);
		expect([x.version, y.version].sort()).toEqual([base.version + 1, base.version + 2]);
		const latest = await supervisor.catalog.latest();
		expect(findItem(latest, a!.code)?.consultation).toBe('并发修改一');
		expect(findItem(latest, b!.code)?.consultation).toBe('并发修改二');
	});
});
