import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';
import { buildApp, SESSION_COOKIE } from '../../server/src/http';
import {
	appliedMutationAudit,
	caseEvents,
	cases,
	devices,
	sessions,
	syncClients,
	syncRejections,
	users
} from '../../server/src/db/schema';
import { MAX_PUSH_BATCH, PROTOCOL_VERSION } from '../../src/lib/domain/sync/protocol';
import { createTestApp, type TestApp } from '../fixtures/test-app';
import { makeIntake } from '../fixtures/cases';
import { testDbKind } from '../fixtures/test-db';

/**
 * The "bad input" promises over real HTTP: every malformed request gets a 4xx JSON answer
 * that names the offending field, never a 500, and writes nothing. A field device retries
 * what fails with a 5xx, so a 500 on bad input would block its outbox for ever.
 */

const MB = 1024 * 1024;

interface Answer {
	status: number;
	contentType: string;
	text: string;
	body: unknown;
}

interface TrpcErrorBody {
	error: { message: string; code: number; data: { code: string; httpStatus: number; path?: string; stack?: unknown } };
}

function isTrpcError(body: unknown): body is TrpcErrorBody {
	const error = (body as { error?: { message?: unknown; data?: { code?: unknown; httpStatus?: unknown } } } | null)?.error;
	return typeof error?.message === 'string' && typeof error.data?.code === 'string' && typeof error.data.httpStatus === 'number';
}

/** Asserts a tRPC error answer: status, tRPC code, a message naming the field, no internals. */
function expectTrpcError(answer: Answer, status: number, code: string, message?: RegExp): TrpcErrorBody {
	const { body } = answer;
	if (!isTrpcError(body)) throw new Error(`expected a tRPC error (${status} ${code}), got ${answer.status}: ${answer.text.slice(0, 500)}`);
	expect({ status: answer.status, code: body.error.data.code }, answer.text.slice(0, 500)).toEqual({ status, code });
	expect(body.error.data.httpStatus).toBe(status);
	if (message) expect(body.error.message).toMatch(message);
	// Neither stack traces nor SQL reach a client.
	expect(body.error.data.stack).toBeUndefined();
	expect(answer.text).not.toMatch(/Failed query|\bat .+\.ts:\d+/);
	return body;
}

describe(`bad input over HTTP (${testDbKind})`, () => {
	let t: TestApp;
	let app: FastifyInstance;
	let base = '';
	const cookies = { agent: '', intake: '' };

	async function send(path: string, init: RequestInit = {}): Promise<Answer> {
		const res = await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(20_000) });
		const text = await res.text();
		let body: unknown;
		try {
			body = JSON.parse(text);
		} catch {
			body = undefined;
		}
		return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, body };
	}

	/** A raw string body is sent as is (invalid JSON, hand-made nesting); anything else as JSON. */
	function post(path: string, body: unknown, cookie = ''): Promise<Answer> {
		return send(`/trpc/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
			body: typeof body === 'string' ? body : JSON.stringify(body)
		});
	}

	function query(path: string, input: unknown, cookie = ''): Promise<Answer> {
		const encoded = typeof input === 'string' ? input : encodeURIComponent(JSON.stringify(input));
		return send(`/trpc/${path}?input=${encoded}`, { headers: cookie ? { cookie } : {} });
	}

	async function login(username: string, password: string): Promise<string> {
		const answer = await fetch(`${base}/trpc/auth.login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username, password, deviceName: 'bad-input test' })
		});
		expect(answer.status).toBe(200);
		const cookie = answer.headers
			.getSetCookie()
			.map((c) => c.split(';')[0] ?? '')
			.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
		if (!cookie) throw new Error(`no session cookie for ${username}`);
		return cookie;
	}

	/** Row counts of every table a request could write to. */
	async function counts(): Promise<Record<string, number>> {
		const tables: Record<string, PgTable> = {
			cases,
			caseEvents,
			syncClients,
			syncRejections,
			appliedMutationAudit,
			sessions,
			devices,
			users
		};
		const entries = await Promise.all(
			Object.entries(tables).map(async ([name, table]) => {
				const [row] = await t.db.select({ n: sql<number>`count(*)::int` }).from(table);
				return [name, Number(row?.n ?? 0)] as const;
			})
		);
		return Object.fromEntries(entries);
	}

	/** The township front desk's queue as the intake user sees it over HTTP. */
	async function queueTotal(): Promise<number> {
		const answer = await query('case.queue', { statuses: ['received'], limit: 1 }, cookies.intake);
		expect(answer.status).toBe(200);
		return (answer.body as { result: { data: { total: number } } }).result.data.total;
	}

	function envelope(id: number, args: unknown, name = 'case.submit') {
		return { id, name, args, createdAt: new Date().toISOString() };
	}
	function pushBody(mutations: unknown, extra: Record<string, unknown> = {}) {
		return { protocolVersion: PROTOCOL_VERSION, clientId: uuidv7(), mutations, ...extra };
	}

	beforeAll(async () => {
		t = await createTestApp();
		app = await buildApp({ services: t.services, logLevel: 'silent' });
		await app.listen({ port: 0, host: '127.0.0.1' });
		const address = app.server.address();
		if (!address || typeof address !== 'object') throw new Error('server has no port');
		base = `http://127.0.0.1:${address.port}`;
		cookies.agent = await login('agent.chenghu', 'daiban-agent-1');
		cookies.intake = await login('intake', 'daiban-intake');
	});
	afterAll(async () => {
		await app?.close();
		await t?.close();
	});

	it('refuses malformed logins with the field named, and writes no session or device', async () => {
		const before = await counts();
		const cases: [label: string, body: unknown, status: number, code: string, message: RegExp][] = [
			['missing fields', {}, 400, 'BAD_REQUEST', /username: .*password: .*deviceName: /],
			['wrong types', { username: 42, password: true, deviceName: ['x'] }, 400, 'BAD_REQUEST', /username: .*expected string.*password: .*deviceName: /],
			['1 MB username', { username: 'u'.repeat(MB), password: 'x', deviceName: 'x' }, 400, 'BAD_REQUEST', /^username: Too big/],
			['1 MB password', { username: 'intake', password: 'p'.repeat(MB), deviceName: 'x' }, 400, 'BAD_REQUEST', /^password: Too big/],
			['blank username', { username: '   ', password: 'x', deviceName: 'x' }, 400, 'BAD_REQUEST', /username: username is required/],
			['device id not a UUID', { username: 'intake', password: 'daiban-intake', deviceName: 'x', deviceId: 'device-1' }, 400, 'BAD_REQUEST', /^deviceId: /],
			['input is null', 'null', 400, 'BAD_REQUEST', /\(input\): .*expected object/],
			['input is an array', '[1,2]', 400, 'BAD_REQUEST', /\(input\): .*expected object/],
			['100 000 levels of nesting', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, 400, 'BAD_REQUEST', /\(input\): /],
			['invalid JSON', '{"username": "intake", ', 400, 'BAD_REQUEST', /JSON/],
			['wrong password', { username: 'intake', password: 'nope', deviceName: 'x' }, 401, 'UNAUTHORIZED', /wrong username or password/],
			['unknown user', { username: 'nobody', password: 'nope', deviceName: 'x' }, 401, 'UNAUTHORIZED', /wrong username or password/]
		];
		for (const [label, body, status, code, message] of cases) {
			const answer = await post('auth.login', body);
			expectTrpcError(answer, status, code, message);
			// The answer never echoes a huge input back.
			expect(answer.text.length, label).toBeLessThan(4096);
		}
		expect(await counts()).toEqual(before);
	});

	it('refuses a bad queue filter with the field named', async () => {
		const cases: [input: unknown, message: RegExp][] = [
			[{ statuses: ['bogus'] }, /^statuses\.0: /],
			[{ statuses: [] }, /^statuses: Too small/],
			[{ statuses: 'received' }, /^statuses: .*expected array/],
			[{ statuses: Array(21).fill('received') }, /^statuses: Too big/],
			[{ limit: -1 }, /^limit: /],
			[{ limit: 0 }, /^limit: /],
			[{ limit: 201 }, /^limit: /],
			[{ limit: 1.5 }, /^limit: .*expected int/],
			[{ limit: 'ten' }, /^limit: .*expected number/],
			[{ limit: 1e300 }, /^limit: /],
			[{ offset: -1 }, /^offset: /],
			[{ offset: 1_000_001 }, /^offset: /],
			[{ offset: 2 ** 53 }, /^offset: /]
		];
		for (const [input, message] of cases) {
			expectTrpcError(await query('case.queue', input, cookies.intake), 400, 'BAD_REQUEST', message);
		}
		expectTrpcError(await query('case.queue', encodeURIComponent('{"statuses": ['), cookies.intake), 400, 'BAD_REQUEST', /JSON/);
		// Roles are checked before input: a stranger learns nothing about the input rules.
		expectTrpcError(await query('case.queue', { limit: -1 }), 401, 'UNAUTHORIZED', /please log in/);
		expectTrpcError(await query('case.queue', { limit: -1 }, cookies.agent), 403, 'FORBIDDEN', /needs one of the roles/);
		expectTrpcError(await query('case.queue', {}, `${SESSION_COOKIE}=${'x'.repeat(4000)}`), 401, 'UNAUTHORIZED');

		// The largest offset allowed is an empty page, not a database error.
		const far = await query('case.queue', { statuses: ['received'], offset: 1_000_000 }, cookies.intake);
		expect(far.status).toBe(200);
		expect((far.body as { result: { data: { cases: unknown[] } } }).result.data.cases).toEqual([]);

		// A 1 MB query string is over Node's header limit: refused before any code of ours runs.
		const huge = await query('case.queue', { statuses: ['x'.repeat(MB)] }, cookies.intake);
		expect(huge.status).toBe(431);
	});

	it('refuses a malformed push as a whole, naming the field, and writes nothing', async () => {
		const before = await counts();
		const queued = await queueTotal();
		const good = makeIntake();
		const cases: [label: string, body: unknown, message: RegExp][] = [
			['no client id', { protocolVersion: PROTOCOL_VERSION, mutations: [envelope(1, good)] }, /^clientId: /],
			['client id not a UUID', pushBody([envelope(1, good)], { clientId: 'phone-1' }), /^clientId: /],
			['protocol version a string', pushBody([envelope(1, good)], { protocolVersion: '1' }), /^protocolVersion: .*expected number/],
			['no mutations', pushBody([]), /^mutations: Too small/],
			['mutations not a list', pushBody({ 0: envelope(1, good) }), /^mutations: .*expected array/],
			['one mutation too many', pushBody(Array.from({ length: MAX_PUSH_BATCH + 1 }, (_, i) => envelope(i + 1, {}))), /^mutations: Too big/],
			['negative mutation id', pushBody([envelope(-1, good)]), /^mutations\.0\.id: /],
			['zero mutation id', pushBody([envelope(0, good)]), /^mutations\.0\.id: /],
			['fractional mutation id', pushBody([envelope(1.5, good)]), /^mutations\.0\.id: .*expected int/],
			['huge mutation id', pushBody([envelope(1e300, good)]), /^mutations\.0\.id: /],
			['mutation id a string', pushBody([envelope(1, good), { ...envelope(2, good), id: 'two' }]), /^mutations\.1\.id: /],
			['createdAt not a timestamp', pushBody([{ ...envelope(1, good), createdAt: 'yesterday' }]), /^mutations\.0\.createdAt: /],
			['1 MB mutation name', pushBody([envelope(1, good, 'n'.repeat(MB))]), /^mutations\.0\.name: Too big/],
			['mutation name a number', pushBody([envelope(1, good, 7 as unknown as string)]), /^mutations\.0\.name: /],
			['100 000 levels of nesting', `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`, /^protocolVersion: .*clientId: .*mutations: /],
			['invalid JSON', '{"protocolVersion": 1, "mutations": [', /JSON/]
		];
		for (const [label, body, message] of cases) {
			const answer = await post('sync.push', body, cookies.agent);
			expectTrpcError(answer, 400, 'BAD_REQUEST', message);
			expect(answer.text.length, label).toBeLessThan(16_384);
		}

		// Over the 2 MB body limit: Fastify refuses it before tRPC reads it.
		const tooBig = await post('sync.push', pushBody([envelope(1, { ...good, form: { note: 'x'.repeat(3 * MB) } })]), cookies.agent);
		// …and still answers in tRPC's error shape, so the app can say why.
		expectTrpcError(tooBig, 413, 'PAYLOAD_TOO_LARGE', /too large/i);

		// Well-formed but refused as a whole: ids out of order, an old app, the wrong role, no session.
		expectTrpcError(await post('sync.push', pushBody([envelope(2, good)]), cookies.agent), 409, 'CONFLICT', /mutation 2 arrived before mutation 1/);
		expectTrpcError(await post('sync.push', pushBody([envelope(1, good)], { protocolVersion: 0 }), cookies.agent), 409, 'CONFLICT', /update the app/);
		expectTrpcError(await post('sync.push', pushBody([envelope(1, good)], { protocolVersion: -1e9 }), cookies.agent), 409, 'CONFLICT', /update the app/);
		expectTrpcError(await post('sync.push', pushBody([envelope(1, good)]), cookies.intake), 403, 'FORBIDDEN');
		expectTrpcError(await post('sync.push', pushBody([envelope(1, good)])), 401, 'UNAUTHORIZED');

		expect(await counts()).toEqual(before);
		expect(await queueTotal()).toBe(queued);
	});

	it('rejects individually bad mutations with the field named, records why, and creates no case', async () => {
		const before = await counts();
		const queued = await queueTotal();
		const first = makeIntake();
		// Spliced in as text: JSON.stringify recurses and would overflow on the client side first.
		const DEEP = '__deeply_nested__';
		const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
		const bad: [args: unknown, reason: RegExp, name?: string][] = [
			[{ ...first, applicant: { ...first.applicant, idNumber: `${first.applicant.idNumber.slice(0, 17)}${first.applicant.idNumber.endsWith('0') ? '1' : '0'}` } }, /applicant\.idNumber: /],
			[{}, /invalid case: id: .*caseNumber: .*applicant: /],
			[null, /expected object/],
			[{ ...makeIntake(), applicant: { ...first.applicant, name: '张'.repeat(MB / 4) } }, /applicant\.name: Too big/],
			[{ ...makeIntake(), trips: -1 }, /trips: /],
			[{ ...makeIntake(), trips: 1e9 }, /trips: /],
			[{ ...makeIntake(), catalogVersion: 1.5 }, /catalogVersion: /],
			[{ ...makeIntake(), createdAt: '2026-13-45' }, /createdAt: /],
			[{ ...makeIntake(), form: { nested: DEEP } }, /form\.nested: /],
			[{ ...makeIntake(), villageCode: '36012110020X' }, /villageCode: /],
			[makeIntake(), /unknown mutation case\.delete/, 'case.delete'],
			[makeIntake(), /unknown mutation /, ''],
			// Well-formed, refused by the service: a catalog version that does not exist, another village.
			[{ ...makeIntake(), catalogVersion: 999 }, /catalog version 999 does not exist/],
			[makeIntake({}, '360121100202'), /not in your service area/]
		];
		const clientId = uuidv7();
		const body = JSON.stringify({ protocolVersion: PROTOCOL_VERSION, clientId, mutations: bad.map(([args, , name], i) => envelope(i + 1, args, name)) });
		const answer = await post('sync.push', body.replace(JSON.stringify(DEEP), deep), cookies.agent);
		expect(answer.status, answer.text.slice(0, 500)).toBe(200);
		const { results, lastMutationId } = (answer.body as { result: { data: { lastMutationId: number; results: { id: number; status: string; code?: string; reason?: string }[] } } }).result.data;
		expect(lastMutationId).toBe(bad.length);
		expect(results.map((r) => r.status)).toEqual(bad.map(() => 'rejected'));
		results.forEach((r, i) => expect(r.reason, `mutation ${r.id}`).toMatch(bad[i]![1]));
		expect(results.at(-2)?.code).toBe('NOT_FOUND');
		expect(results.at(-1)?.code).toBe('FORBIDDEN');
		// A rejection names the field; it never stores or echoes the megabyte it was sent.
		expect(answer.text.length).toBeLessThan(16_384);

		const after = await counts();
		expect(after).toEqual({ ...before, syncClients: before.syncClients! + 1, syncRejections: before.syncRejections! + bad.length });
		expect(await queueTotal()).toBe(queued);

		// The device is told about every refusal on its next pull, so none is silently lost.
		const pulled = await query(
			'sync.pull',
			{ protocolVersion: PROTOCOL_VERSION, clientId, cursor: 0, limit: 10, catalogVersion: 1, oldestPendingMutationId: 1 },
			cookies.agent
		);
		expect(pulled.status).toBe(200);
		const data = (pulled.body as { result: { data: { lastMutationId: number; rejections: { mutationId: number }[] } } }).result.data;
		expect(data.lastMutationId).toBe(bad.length);
		expect(data.rejections.map((r) => r.mutationId)).toEqual(bad.map((_, i) => i + 1));
	});

	it('refuses a bad pull with the field named; the largest cursor is an empty page', async () => {
		const pull = (extra: Record<string, unknown>) => ({ protocolVersion: PROTOCOL_VERSION, clientId: uuidv7(), cursor: 0, ...extra });
		const cases: [input: unknown, message: RegExp][] = [
			[pull({ cursor: -1 }), /^cursor: /],
			[pull({ cursor: 'abc' }), /^cursor: .*expected number/],
			[pull({ cursor: 1.5 }), /^cursor: .*expected int/],
			[pull({ cursor: 2 ** 53 }), /^cursor: /],
			[pull({ limit: 0 }), /^limit: /],
			[pull({ limit: 501 }), /^limit: /],
			[pull({ catalogVersion: -1 }), /^catalogVersion: /],
			[pull({ oldestPendingMutationId: 0 }), /^oldestPendingMutationId: /],
			[pull({ clientId: 'not-a-uuid' }), /^clientId: /],
			[{ cursor: 0, clientId: uuidv7() }, /^protocolVersion: /]
		];
		for (const [input, message] of cases) {
			expectTrpcError(await query('sync.pull', input, cookies.agent), 400, 'BAD_REQUEST', message);
		}
		const top = Number.MAX_SAFE_INTEGER;
		const answer = await query('sync.pull', pull({ cursor: top, catalogVersion: top, oldestPendingMutationId: top, limit: 500 }), cookies.agent);
		expect(answer.status, answer.text.slice(0, 500)).toBe(200);
		expect((answer.body as { result: { data: { cases: unknown[]; hasMore: boolean } } }).result.data).toMatchObject({ cases: [], hasMore: false });
	});

	it('answers unknown procedures, wrong methods and unknown paths with a 4xx JSON error', async () => {
		expectTrpcError(await send('/trpc/unknown.proc'), 404, 'NOT_FOUND', /No procedure found on path "unknown\.proc"/);
		expectTrpcError(await post('case.delete', {}, cookies.intake), 404, 'NOT_FOUND', /case\.delete/);
		expectTrpcError(await post('sync', {}, cookies.agent), 404, 'NOT_FOUND');
		expectTrpcError(await post('sync.push.now', {}, cookies.agent), 404, 'NOT_FOUND');
		// A mutation is never run by a GET (a link or an <img> must not change data), nor a query by POST.
		expectTrpcError(await send('/trpc/auth.login'), 405, 'METHOD_NOT_SUPPORTED');
		expectTrpcError(await post('case.queue', {}, cookies.intake), 405, 'METHOD_NOT_SUPPORTED');
		expectTrpcError(await send('/trpc/auth.login', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' }), 405, 'METHOD_NOT_SUPPORTED');

		expectTrpcError(await send('/trpc/'), 404, 'NOT_FOUND');
		for (const path of ['/no/such/page', '/trpc', '/healthz/x']) {
			const answer = await send(path, { headers: { accept: 'application/json' } });
			expect(answer.status, path).toBe(404);
			expect(answer.contentType).toMatch(/application\/json/);
			expect(answer.body).toEqual({ error: 'not found', path });
		}
		// The query string is not echoed (it may carry a token).
		const withQuery = await send('/no/such/page?token=abc', { headers: { accept: 'application/json' } });
		expect(withQuery.body).toEqual({ error: 'not found', path: '/no/such/page' });
		// Without a built SPA even a browser navigation is a 404, not a 500 on a missing index.html.
		expect((await send('/cases/1', { headers: { accept: 'text/html' } })).status).toBe(404);
	});

	/*
	 * Known defects outside the files this suite may change (reported to the lead). `it.fails`
	 * keeps the suite green while they stand and turns red once one is fixed: then make it `it`.
	 */
	describe('known defects', () => {
		it('a NUL character in a login is a 400, not a 500 that shows the SQL', async () => {
			// PostgreSQL text cannot hold U+0000; input schemas do not refuse it, so the query fails.
			const answer = await post('auth.login', { username: 'in\u0000take', password: 'x', deviceName: 'x' });
			expectTrpcError(answer, 400, 'BAD_REQUEST', /username: /);
		});

		it('a NUL character in a pushed case is a rejected mutation, not a 500', async () => {
			const intake = makeIntake();
			const answer = await post(
				'sync.push',
				pushBody([envelope(1, { ...intake, applicant: { ...intake.applicant, name: '张\u0000三' } })]),
				cookies.agent
			);
			expect(answer.status, answer.text.slice(0, 300)).toBe(200);
		});

		it('a mutation named after an Object.prototype member is rejected, not "applied"', async () => {
			// `m.name in mutationArgsSchemas` was true for inherited keys such as "toString" (now Object.hasOwn).
			const answer = await post('sync.push', pushBody([envelope(1, {}, 'toString')]), cookies.agent);
			const data = (answer.body as { result: { data: { results: { status: string }[] } } }).result.data;
			expect(data.results[0]?.status).toBe('rejected');
		});

		it('a catalog version beyond the integer column is a rejected mutation, not a 500', async () => {
			const answer = await post('sync.push', pushBody([envelope(1, { ...makeIntake(), catalogVersion: 2 ** 31 })]), cookies.agent);
			expect(answer.status, answer.text.slice(0, 300)).toBe(200);
		});
	});
});
