import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { appRouter } from '../../server/src/routers/app.router';
import type { ProcedureMeta } from '../../server/src/trpc';
import { adminService } from '../../server/src/services/admin.service';
import { authService } from '../../server/src/services/auth.service';
import { demoUsers } from '../../server/src/seed/demo-county';
import { PROTOCOL_VERSION } from '../../src/lib/domain/sync/protocol';
import { startTestServer, type HttpServer } from '../fixtures/http-server';
import { makeIntake } from '../fixtures/cases';
import { testDbKind } from '../fixtures/test-db';
import { SAMPLE_INPUTS, seniorCard, type Fixture } from '../fixtures/procedure-samples';
import { errorOf, loginHttp, trpcHttp, type TrpcAnswer } from '../fixtures/trpc-http';

/**
 * Hostile input against every procedure over real HTTP, as a user the procedure admits (so the
 * input reaches its parser and service): never a 5xx, always a 4xx with a message (or a 200 when
 * the input happens to be valid), and a refused call writes nothing. Bounded: a few hand-written
 * cases, the sample input with each leaf replaced, and a small number of fast-check runs per
 * procedure, all inside a time budget.
 */

const HUGE = 'x'.repeat(3 * 1024 * 1024);
const NASTY_STRINGS = [
	'',
	' ',
	'\u0000',
	'a\u0000b',
	'\u202eevil\u202c',
	'\ud800',
	'\udfff\ud800',
	'𝕏😀👨‍👩‍👧',
	'\u200b\ufeff',
	'e\u0301\u0301\u0301',
	"' OR 1=1 --",
	"'; DROP TABLE users; --",
	'<script>alert(1)</script>',
	'<img src=x onerror=alert(1)>',
	'../../etc/passwd',
	'%00%27',
	'{"__proto__":{"admin":true}}',
	'x'.repeat(5000)
];
const NASTY_NUMBERS = [-1, 0, -0, 0.5, 2 ** 53, -(2 ** 63), 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2];

function deep(depth: number): unknown {
	let v: unknown = 'bottom';
	for (let i = 0; i < depth; i++) v = { a: v };
	return v;
}
function deepArray(depth: number): unknown {
	let v: unknown = [];
	for (let i = 0; i < depth; i++) v = [v];
	return v;
}

const HAND_WRITTEN: unknown[] = [
	undefined,
	null,
	0,
	-1,
	true,
	'string',
	[],
	{},
	[1, 2, 3],
	{ __proto__: { isAdmin: true } },
	JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}'),
	deep(3000),
	deepArray(3000),
	...NASTY_STRINGS.map((s) => ({ id: s, caseId: s, username: s, code: s })),
	...NASTY_NUMBERS.map((n) => ({ version: n, limit: n, offset: n, cursor: n, protocolVersion: n }))
];

/** Every leaf of a valid input replaced in turn by a nasty value of another or the same type. */
function leafMutations(input: unknown, replacements: unknown[]): unknown[] {
	const out: unknown[] = [];
	const walk = (node: unknown, set: (v: unknown) => unknown) => {
		if (Array.isArray(node)) node.forEach((child, i) => walk(child, (v) => set(node.map((c, j) => (i === j ? v : c)))));
		else if (node && typeof node === 'object') for (const [k, child] of Object.entries(node)) walk(child, (v) => set({ ...node, [k]: v }));
		else for (const r of replacements) out.push(set(r));
	};
	walk(input, (v) => v);
	return out;
}

type Proc = { _def: { type: 'query' | 'mutation'; meta?: ProcedureMeta } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, Proc>);
/** Calls that end the caller's own session or spend the address's login budget run last. */
const LAST = ['auth.logout', 'auth.logoutEverywhere', 'auth.login'];
const ordered = [...procedures.filter(([p]) => !LAST.includes(p)), ...LAST.map((p) => procedures.find(([q]) => q === p)!).filter(Boolean)];

describe(`fuzzing every procedure over HTTP (${testDbKind})`, { timeout: 600_000 }, () => {
	let server: HttpServer;
	let fixture: Fixture;
	const cookies = new Map<string, string>();
	let tables: string[] = [];

	async function rowCounts(): Promise<Record<string, number>> {
		const union = tables.map((t) => `select '${t}' as t, count(*)::int as n from "${t}"`).join(' union all ');
		const rows = ((await server.db.execute(sql.raw(union))) as unknown as { rows: { t: string; n: number }[] }).rows;
		return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
	}

	/** A user the procedure admits: the input then reaches its parser and service. */
	function userFor(meta: ProcedureMeta['access']): string | null {
		if (meta === 'public') return null;
		if (meta === 'authenticated') return 'supervisor';
		const role = meta.roles[0];
		if (role === 'it_admin') return 'admin';
		return demoUsers.find((u) => u.roles.includes(role!))!.username;
	}

	beforeAll(async () => {
		server = await startTestServer();
		const names = ((await server.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`)) as unknown as { rows: { table_name: string }[] }).rows;
		// Failed logins are recorded on purpose (throttling, audit); every other table must not move on a refusal.
		tables = names.map((r) => r.table_name).filter((t) => !['audit_events', 'login_failures', '__drizzle_migrations'].includes(t));
		for (const u of demoUsers) cookies.set(u.username, (await loginHttp(server.url, u.username, u.password)).cookie);
		const agentCookie = cookies.get('agent.chenghu')!;
		const clientId = uuidv7();
		const intake = makeIntake({ itemCodes: [seniorCard.code], form: {}, materials: [] });
		const problemId = uuidv7();
		const push = await trpcHttp(server.url, 'sync.push', {
			protocolVersion: PROTOCOL_VERSION,
			clientId,
			mutations: [
				{ id: 1, name: 'case.submit', args: intake, createdAt: intake.createdAt },
				{ id: 2, name: 'problem.report', args: { id: problemId, villageCode: intake.villageCode, category: 'other', note: 'fuzz', createdAt: intake.createdAt }, createdAt: intake.createdAt }
			]
		}, { type: 'mutation', cookie: agentCookie });
		expect(push.status, push.text).toBe(200);
		const target = await adminService.createUser(server.db, { kind: 'cli' }, { username: 'fuzz.target', displayName: 'Target', password: 'target-password-1', roles: ['village_agent'], scope: { townshipCode: '360121100', villageCodes: ['360121100203'], gridCodes: [], departmentCodes: [] } }, new Date());
		const login = await authService.login(server.db, { username: 'fuzz.target', password: 'target-password-1', deviceName: 'target' }, new Date(), 30);
		fixture = { caseId: intake.id, problemId, targetUserId: target.id, targetDeviceId: login.device.id, clientIdOf: () => clientId };
	});
	afterAll(async () => server?.close());

	it('has a sample input for every procedure', () => {
		expect(procedures.map(([p]) => p).filter((p) => !(p in SAMPLE_INPUTS))).toEqual([]);
	});

	it('an unstorable character in one pushed mutation rejects that mutation only, never the batch', async () => {
		const cookie = cookies.get('agent.chenghu')!;
		const clientId = uuidv7();
		const bad = makeIntake({ itemCodes: [seniorCard.code], form: {}, materials: [] });
		const worse = makeIntake({ itemCodes: [seniorCard.code], form: {}, materials: [] });
		const good = makeIntake({ itemCodes: [seniorCard.code], form: {}, materials: [] });
		const answer = await trpcHttp(server.url, 'sync.push', {
			protocolVersion: PROTOCOL_VERSION,
			clientId,
			mutations: [
				{ id: 1, name: 'case.submit', args: { ...bad, applicant: { ...bad.applicant, name: '张\ud800' } }, createdAt: bad.createdAt },
				{ id: 2, name: 'case.submit', args: { ...worse, applicant: { ...worse.applicant, address: 'a\u0000b' } }, createdAt: worse.createdAt },
				{ id: 3, name: 'case.submit', args: good, createdAt: good.createdAt }
			]
		}, { type: 'mutation', cookie });
		expect(answer.status, answer.text).toBe(200);
		const results = (answer.body as { result: { data: { results: { status: string; reason?: string }[] } } }).result.data.results;
		expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'applied']);
		expect(results[0]?.reason).toMatch(/unpaired surrogate/);
		expect(results[1]?.reason).toMatch(/NUL/);
	});

	for (const [path, proc] of ordered) {
		it(`${path}: hostile input gets a 4xx with a message, never a 5xx, and a refusal writes nothing`, async () => {
			const deadline = Date.now() + 30_000;
			const access = proc._def.meta!.access;
			const type = proc._def.type;
			const sample = SAMPLE_INPUTS[path]!(fixture, 'fuzz');
			const user = userFor(access);
			// The session-ending procedures get a fresh session per call, so each call is authenticated.
			const freshSession = path === 'auth.logout' || path === 'auth.logoutEverywhere';

			async function attempt(input: unknown, label: string): Promise<void> {
				let cookie = user ? cookies.get(user) : undefined;
				if (freshSession && user) cookie = (await loginHttp(server.url, user, demoUsers.find((u) => u.username === user)!.password)).cookie;
				// A GET's input travels in the URL: Node refuses over-long request lines itself (431, no body).
				const fits = type === 'mutation' || encodeURIComponent(JSON.stringify(input ?? null)).length < 8000;
				if (!fits) return;
				const before = await rowCounts();
				let answer: TrpcAnswer;
				try {
					answer = await trpcHttp(server.url, path, input, { type, cookie });
				} catch (e) {
					throw new Error(`${path} ${label}: no answer (${String(e)})`, { cause: e });
				}
				const what = `${path} ${label} → ${answer.status} ${answer.text.slice(0, 300)}`;
				expect(answer.status, what).toBeLessThan(500);
				if (answer.status >= 400) {
					expect(errorOf(answer)?.message, what).toMatch(/\S/);
					expect(answer.text, what).not.toMatch(/Failed query|\bat .+\.ts:\d+|internal server error/);
					if (path !== 'auth.login' && !freshSession) expect(await rowCounts(), `${what}: a refused call changed rows`).toEqual(before);
				} else {
					expect(answer.status, what).toBe(200);
				}
			}

			const cases: [unknown, string][] = [
				...HAND_WRITTEN.map((v, i): [unknown, string] => [v, `hand-written #${i}`]),
				...leafMutations(sample, [...NASTY_STRINGS, ...NASTY_NUMBERS, null, true, [], {}]).map((v, i): [unknown, string] => [v, `leaf mutation #${i}`])
			];
			if (type === 'mutation') cases.push([{ blob: HUGE }, 'a 3 MB body']);
			for (const [input, label] of cases) {
				if (Date.now() > deadline) break;
				await attempt(input, label);
			}
			await fc.assert(
				fc.asyncProperty(fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.object({ maxDepth: 3 })), async (input) => {
					if (Date.now() > deadline) return;
					await attempt(input, `fast-check ${JSON.stringify(input).slice(0, 80)}`);
				}),
				{ numRuns: 8, interruptAfterTimeLimit: 10_000 }
			);
		});
	}
});
