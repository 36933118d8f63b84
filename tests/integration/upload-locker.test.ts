import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { ERRORS } from '@tus/server';
import { advisoryKey, PgUploadLocker } from '../../server/src/storage/pg-upload-locker';
import { startInstanceOn, startTestServer, type HttpServer } from '../fixtures/http-server';
import { SESSION_COOKIE } from '../fixtures/sync-sim';

/**
 * Several server instances on one PostgreSQL: a tus upload is locked in the database
 * (pg_try_advisory_lock on the upload id), so two instances never write one partial file at once.
 */
const pgUrl = process.env.DAIBAN_TEST_PG_URL;

describe.skipIf(!pgUrl)('tus uploads locked in PostgreSQL across instances', () => {
	let a: HttpServer & { databaseUrl?: string };
	let b: HttpServer;
	const pools: pg.Pool[] = [];

	beforeAll(async () => {
		a = await startTestServer();
		if (!a.databaseUrl) throw new Error('no database url');
		// Instance B waits at most 800 ms for a lock, then answers 500 (the device retries later).
		b = await startInstanceOn(a.databaseUrl, a.attachmentsDir, { acquireTimeoutMs: 800, pollMs: 50 });
	});
	afterAll(async () => {
		for (const p of pools) await p.end();
		await b?.close();
		await a?.close();
	});

	function pool(): pg.Pool {
		const p = new pg.Pool({ connectionString: a.databaseUrl, max: 3 });
		// The test database is dropped (WITH FORCE) at the end; a connection still closing must not throw.
		p.on('error', () => {});
		pools.push(p);
		return p;
	}

	it('lets only one instance hold an upload: the other waits, times out, and gets it once released', async () => {
		const first = new PgUploadLocker(pool(), { acquireTimeoutMs: 500, pollMs: 25 });
		const second = new PgUploadLocker(pool(), { acquireTimeoutMs: 500, pollMs: 25 });
		const id = `${'ab'.repeat(32)}-0190aaaa-0000-7000-8000-000000000001`;
		const held = first.newLock(id);
		await held.lock(new AbortController().signal, () => {});
		const waiting = second.newLock(id);
		await expect(waiting.lock(new AbortController().signal, () => {})).rejects.toBe(ERRORS.ERR_LOCK_TIMEOUT);
		// Another upload is not held up.
		const other = second.newLock(`${'cd'.repeat(32)}-0190aaaa-0000-7000-8000-000000000001`);
		await other.lock(new AbortController().signal, () => {});
		await other.unlock();
		await held.unlock();
		await waiting.lock(new AbortController().signal, () => {});
		await waiting.unlock();
	});

	it('gives up waiting when the request goes away', async () => {
		const first = new PgUploadLocker(pool(), { acquireTimeoutMs: 5_000, pollMs: 25 });
		const second = new PgUploadLocker(pool(), { acquireTimeoutMs: 5_000, pollMs: 25 });
		const id = `${'ef'.repeat(32)}-0190aaaa-0000-7000-8000-000000000001`;
		const held = first.newLock(id);
		await held.lock(new AbortController().signal, () => {});
		const gone = new AbortController();
		const waiting = second.newLock(id).lock(gone.signal, () => {});
		gone.abort();
		await expect(waiting).rejects.toBeDefined();
		await held.unlock();
	});

	it('an instance does not write a chunk while another holds the upload, and does once it is free', async () => {
		const cookie = await login(b.url);
		const bytes = randomBytes(4096);
		bytes.set([0xff, 0xd8, 0xff, 0xe0], 0);
		const hash = createHash('sha256').update(bytes).digest('hex');
		const created = await fetch(`${a.url}/uploads/`, {
			method: 'POST',
			headers: {
				cookie: await login(a.url),
				'tus-resumable': '1.0.0',
				'upload-length': String(bytes.length),
				'upload-metadata': `sha256 ${Buffer.from(hash).toString('base64')}`
			},
			signal: AbortSignal.timeout(30_000)
		});
		expect(created.status).toBe(201);
		const location = created.headers.get('location') ?? '';
		const uploadId = location.split('/').pop() ?? '';
		expect(uploadId).toMatch(new RegExp(`^${hash}-`));

		// Instance A is busy with this upload (here: its lock, taken by hand with the same key).
		const holder = await pool().connect();
		holder.on('error', () => {});
		await holder.query('SELECT pg_advisory_lock($1, $2)', [0x74757355, advisoryKey(uploadId)]);
		const patch = () =>
			fetch(`${b.url}/uploads/${uploadId}`, {
				method: 'PATCH',
				headers: { cookie, 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
				body: bytes,
				signal: AbortSignal.timeout(30_000)
			});
		const refused = await patch();
		expect(refused.status).toBe(500);
		expect(await refused.text()).toMatch(/lock/);
		const head = await fetch(`${b.url}/uploads/${uploadId}`, {
			method: 'HEAD',
			headers: { cookie, 'tus-resumable': '1.0.0' },
			signal: AbortSignal.timeout(30_000)
		}).catch(() => null);
		// HEAD takes the lock too: it waits and fails the same way, rather than report an offset in flux.
		expect(head?.status).toBe(500);

		await holder.query('SELECT pg_advisory_unlock($1, $2)', [0x74757355, advisoryKey(uploadId)]);
		holder.release();
		const written = await patch();
		expect(written.status).toBe(204);
		expect(written.headers.get('upload-offset')).toBe(String(bytes.length));
	});
});

async function login(origin: string): Promise<string> {
	const res = await fetch(`${origin}/trpc/auth.login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username: 'agent.chenghu', password: 'daiban-agent-1', deviceName: 'locker test' }),
		signal: AbortSignal.timeout(30_000)
	});
	const cookie = res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0] ?? '')
		.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
	if (!cookie) throw new Error(`login failed: HTTP ${res.status}`);
	return cookie;
}
