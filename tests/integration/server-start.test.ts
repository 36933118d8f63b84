import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { expectStartFailure, killAllServers, startReadyServer, type ServerProcess } from '../fixtures/spawn-server';
import { testDbKind } from '../fixtures/test-db';
import { readEnv } from '../../server/src/env';
import { DatabaseStartError, openDatabase, redactUrl } from '../../server/src/db/open-database';

/**
 * The start-up promises of the real server process: it comes up, refuses a DATA_DIR another
 * server holds, takes over a crashed server's lock, and stops with a clear message (and exit
 * code 1) on a bad environment, an unreachable PostgreSQL or a failed migration.
 */

const tempDirs: string[] = [];
function tempDir(prefix: string): string {
	const dir = mkdtempSync(join(tmpdir(), `daiban-${prefix}-`));
	tempDirs.push(dir);
	return dir;
}

// Never a build/ with index.html: these tests are about the API server, not the SPA shell.
const staticDir = tempDir('static');
function pgliteEnv(dataDir: string): Record<string, string> {
	return { DATA_DIR: dataDir, DAIBAN_SEED: 'demo', DAIBAN_STATIC_DIR: staticDir };
}

async function healthz(url: string): Promise<unknown> {
	const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(10_000) });
	expect(res.status).toBe(200);
	return res.json();
}

async function loginStatus(url: string): Promise<number> {
	const res = await fetch(`${url}/trpc/auth.login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username: 'intake', password: 'daiban-intake', deviceName: 'start test' }),
		signal: AbortSignal.timeout(10_000)
	});
	return res.status;
}

function lockHolder(dataDir: string): string {
	return readFileSync(join(dataDir, 'daiban.lock'), 'utf8').trim();
}

afterAll(async () => {
	await killAllServers();
	for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('server start on the embedded database', () => {
	const dataDir = tempDir('data');
	let first: ServerProcess & { url: string };

	// The steps share one DATA_DIR and its first server; afterAll above kills whatever is left.
	it('starts, seeds the demo county and answers /healthz', async () => {
		first = await startReadyServer(pgliteEnv(dataDir));
		expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		// PORT=0: the printed URL must carry the port the OS chose, not 0.
		expect(first.url).not.toMatch(/:0$/);
		expect(first.stdout()).toContain('Seeded the demo county');
		expect(first.stdout()).toContain('(database: pglite)');
		await expect(healthz(first.url)).resolves.toMatchObject({ ok: true });
		expect(lockHolder(dataDir)).toBe(String(first.pid));
	});

	it('refuses a second server on the same DATA_DIR and leaves the first one running', async () => {
		const started = Date.now();
		const { exit, output } = await expectStartFailure(pgliteEnv(dataDir));
		expect(exit.code).not.toBe(0);
		expect(exit.code).not.toBeNull();
		expect(Date.now() - started).toBeLessThan(30_000);
		expect(output).toContain(dataDir);
		expect(output).toContain('in use');
		expect(output).toContain(`pid ${first.pid}`);
		// The refused server must not have touched the holder's lock or database.
		expect(lockHolder(dataDir)).toBe(String(first.pid));
		await expect(healthz(first.url)).resolves.toMatchObject({ ok: true });
		expect(await loginStatus(first.url)).toBe(200);
	});

	it('takes over the stale lock of a server killed with SIGKILL, keeping its data', async () => {
		const exit = await first.kill('SIGKILL');
		expect(exit.signal).toBe('SIGKILL');
		// SIGKILL runs no clean-up: the lock file still names the dead process.
		expect(lockHolder(dataDir)).toBe(String(first.pid));

		const second = await startReadyServer(pgliteEnv(dataDir));
		expect(lockHolder(dataDir)).toBe(String(second.pid));
		// The database survived the crash: no second seeding, and the seeded users log in.
		expect(second.stdout()).not.toContain('Seeded');
		await expect(healthz(second.url)).resolves.toMatchObject({ ok: true });
		expect(await loginStatus(second.url)).toBe(200);

		// A graceful stop exits 0 and releases the lock, so nothing stale is left behind.
		const stopped = await second.kill('SIGTERM');
		expect(stopped.code).toBe(0);
		expect(existsSync(join(dataDir, 'daiban.lock'))).toBe(false);
	});

	it('stops when its port is taken, and releases the DATA_DIR lock it had taken', async () => {
		// The DATA_DIR of the steps above (free again, already migrated), so this costs no initdb.
		const blocker: Server = createServer();
		await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
		try {
			const address = blocker.address();
			if (!address || typeof address !== 'object') throw new Error('no port');
			const { exit, output } = await expectStartFailure({ ...pgliteEnv(dataDir), PORT: String(address.port) });
			expect(exit.code).toBe(1);
			expect(output).toMatch(/EADDRINUSE|address already in use/);
			expect(existsSync(join(dataDir, 'daiban.lock'))).toBe(false);
		} finally {
			await new Promise<void>((resolve) => blocker.close(() => resolve()));
		}
	});
});

describe('server start refusals', () => {
	afterEach(async () => {
		await killAllServers();
	});

	it('says it cannot reach PostgreSQL, without printing the password', async () => {
		const [plain, withPassword] = await Promise.all([
			expectStartFailure({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nope' }),
			expectStartFailure({ DATABASE_URL: 'postgres://u:secret@127.0.0.1:1/x' })
		]);
		for (const { exit, output } of [plain, withPassword]) {
			expect(exit.code).toBe(1);
			expect(output).toContain('cannot reach PostgreSQL');
		}
		expect(plain.output).toContain('postgres://nobody@127.0.0.1:1/nope');
		expect(withPassword.output).toContain('postgres://u:***@127.0.0.1:1/x');
		expect(withPassword.output).not.toContain('secret');
	});

	it('hides the password of URLs that only node-postgres understands', async () => {
		// In-process (same openDatabase as main.ts): WHATWG URL rejects a socket URL with no host,
		// and node-postgres also reads ?password=; neither may reach the message.
		for (const url of [
			'postgresql://u:secret@/x?host=/nonexistent-daiban-socket',
			'postgres://127.0.0.1:1/x?password=secret',
			'postgres://u:se/cr@et@127.0.0.1:1/x'
		]) {
			const error = await openDatabase({ kind: 'postgres', url }).then(
				() => new Error('connected?'),
				(e: unknown) => e as Error
			);
			expect(error).toBeInstanceOf(DatabaseStartError);
			expect(error.message).toContain('cannot reach PostgreSQL');
			expect(error.message).not.toMatch(/secret|cr@et/);
		}
		expect(redactUrl('postgres://u:p%40ss@h:5432/db')).toBe('postgres://u:***@h:5432/db');
	});

	it('names the variable of an invalid environment', async () => {
		// Two spawns prove the process exits on a bad env; other variables are checked in-process below.
		const cases: { env: Record<string, string>; variable: string }[] = [
			{ env: { PORT: 'abc' }, variable: 'PORT' },
			{ env: { DATABASE_URL: 'mysql://x' }, variable: 'DATABASE_URL' }
		];
		const results = await Promise.all(
			cases.map((c) => expectStartFailure({ ...pgliteEnv(tempDir('env')), ...c.env }))
		);
		results.forEach(({ exit, output }, i) => {
			expect(exit.code).toBe(1);
			expect(output).toContain('invalid environment');
			expect(output).toMatch(new RegExp(`^\\s*${cases[i]?.variable}: `, 'm'));
		});
	});

	it('reads the environment strictly: an empty or odd PORT never becomes a random port', () => {
		// In-process: the same readEnv main.ts calls, for values a shell or compose file produces.
		expect(readEnv({}).PORT).toBe(3000);
		expect(readEnv({ PORT: '0' }).PORT).toBe(0);
		expect(readEnv({ PORT: '8080', SESSION_DAYS: '7' })).toMatchObject({ PORT: 8080, SESSION_DAYS: 7 });
		for (const PORT of ['', ' ', '1e3', '0x10', '-1', '3000.5', '65536']) {
			expect(() => readEnv({ PORT }), `PORT=${JSON.stringify(PORT)}`).toThrow(/PORT: /);
		}
		expect(() => readEnv({ DATA_DIR: '' })).toThrow(/DATA_DIR: /);
		expect(() => readEnv({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL: /);
		expect(() => readEnv({ SESSION_DAYS: '0' })).toThrow(/SESSION_DAYS: /);
		expect(() => readEnv({ DAIBAN_SEED: 'yes' })).toThrow(/DAIBAN_SEED: /);
		expect(() => readEnv({ DATABASE_URL: '' })).toThrow(/DATABASE_URL: /);
	});
});

describe.skipIf(testDbKind !== 'postgres')('server start on PostgreSQL', () => {
	const adminUrl = process.env.DAIBAN_TEST_PG_URL ?? '';
	const databases: string[] = [];

	/** A fresh database on the test cluster (as tests/fixtures/test-db.ts makes them), optionally prepared. */
	async function freshDatabase(prepare?: string): Promise<string> {
		const name = `daiban_start_${randomBytes(6).toString('hex')}`;
		const admin = new pg.Client({ connectionString: adminUrl });
		await admin.connect();
		try {
			await admin.query(`CREATE DATABASE ${name}`);
		} finally {
			await admin.end();
		}
		databases.push(name);
		const url = new URL(adminUrl);
		url.pathname = `/${name}`;
		if (prepare) {
			const client = new pg.Client({ connectionString: url.toString() });
			await client.connect();
			try {
				await client.query(prepare);
			} finally {
				await client.end();
			}
		}
		return url.toString();
	}

	afterEach(async () => {
		await killAllServers();
	});
	afterAll(async () => {
		const admin = new pg.Client({ connectionString: adminUrl });
		await admin.connect();
		try {
			for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
		} finally {
			await admin.end();
		}
	});

	it('says the migration failed when the database holds a conflicting table', async () => {
		const url = await freshDatabase('CREATE TABLE users (x int)');
		const { exit, output } = await expectStartFailure({ DATABASE_URL: url, DAIBAN_SEED: 'demo', DAIBAN_STATIC_DIR: staticDir });
		expect(exit.code).toBe(1);
		expect(output).toContain('migration failed');
		// The reason itself, not only drizzle's "Failed query: …" wrapper.
		expect(output).toMatch(/relation "users" already exists/);
	});

	it('serialises concurrent migrations of one fresh database (two replicas starting together)', async () => {
		// In-process, through the openDatabase main.ts calls: spawned servers reach the migration
		// at different moments, while three concurrent opens race every time without the lock.
		const url = await freshDatabase();
		const opened = await Promise.allSettled([0, 1, 2].map(() => openDatabase({ kind: 'postgres', url })));
		for (const o of opened) if (o.status === 'fulfilled') await o.value.close();
		expect(opened.map((o) => (o.status === 'rejected' ? String(o.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok']);
	});

	it('starts on PostgreSQL and answers /healthz', async () => {
		const url = await freshDatabase();
		const server = await startReadyServer({ DATABASE_URL: url, DAIBAN_SEED: 'demo', DAIBAN_STATIC_DIR: staticDir });
		expect(server.stdout()).toContain('(database: postgres)');
		await expect(healthz(server.url)).resolves.toMatchObject({ ok: true });
		expect(await loginStatus(server.url)).toBe(200);
	});
});
