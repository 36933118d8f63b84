import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, type DatabaseTarget } from '../../server/src/db/open-database';
import { authService } from '../../server/src/services/auth.service';
import { createEmptyPgDatabase, tempDir } from '../fixtures/http-server';
import { testDbKind } from '../fixtures/test-db';

/**
 * `npm run admin` and `npm run audit:verify` as the operator runs them: real child processes on
 * the server's database selection (a PGlite DATA_DIR, or DATABASE_URL on the PostgreSQL pass).
 */
interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

// Every command is a fresh Node process that opens (and on PGlite migrates) the database: slow, so generous limits.
describe(`admin and audit:verify command lines (${testDbKind})`, { timeout: 300_000 }, () => {
	let env: Record<string, string>;
	let target: DatabaseTarget;
	let cleanup: () => Promise<void>;

	function run(script: 'admin' | 'audit-verify', args: string[] = []): Promise<Run> {
		return new Promise((resolve) => {
			execFile(
				process.execPath,
				['--import', 'tsx', `server/src/cli/${script}.ts`, ...args],
				{ env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 },
				(error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
			);
		});
	}
	const admin = (...args: string[]) => run('admin', args);

	/** In-process access between two command runs (PGlite allows one opener at a time). */
	async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
		const database = await openDatabase(target);
		try {
			return await fn(database.db);
		} finally {
			await database.close();
		}
	}

	beforeAll(async () => {
		const adminUrl = process.env.DAIBAN_TEST_PG_URL;
		if (adminUrl) {
			const pgDb = await createEmptyPgDatabase(adminUrl);
			env = { DATABASE_URL: pgDb.url };
			target = { kind: 'postgres', url: pgDb.url, poolSize: 2 };
			cleanup = () => pgDb.drop();
		} else {
			const dir = tempDir('admin-cli');
			env = { DATA_DIR: dir.path };
			target = { kind: 'pglite', dataDir: dir.path };
			cleanup = async () => dir.remove();
		}
	});
	afterAll(async () => cleanup?.());

	it('creates, lists, re-roles, resets and disables users, with clear errors for bad input', async () => {
		const created = await admin('create-user', '--username', 'zhang.wei', '--name', '张伟', '--password', 'first-secret-1', '--roles', 'village_agent', '--township', '360121100', '--villages', '360121100201');
		expect(created.stderr).toBe('');
		expect(created.code).toBe(0);
		expect(created.stdout).toMatch(/created user zhang\.wei/);

		const taken = await admin('create-user', '--username', 'zhang.wei', '--name', 'x', '--password', 'first-secret-1', '--roles', 'village_agent', '--township', '360121100');
		expect(taken.code).toBe(1);
		expect(taken.stderr).toMatch(/username zhang\.wei is taken/);

		const badRole = await admin('set-roles', '--username', 'zhang.wei', '--roles', 'wizard');
		expect(badRole.code).toBe(2);
		expect(badRole.stderr).toMatch(/--roles\.0: .*village_agent/);

		const short = await admin('reset-password', '--username', 'zhang.wei', '--password', 'short');
		expect(short.code).toBe(2);
		expect(short.stderr).toMatch(/at least 10 characters/);

		expect((await admin('frobnicate')).stderr).toMatch(/unknown command "frobnicate"/);
		expect((await admin('reset-password', '--username', 'nobody.here', '--password', 'long-enough-1')).stderr).toMatch(/no user named nobody\.here/);

		// A session from before the reset must end with it.
		const token = await withDb(async (db) => (await authService.login(db, { username: 'zhang.wei', password: 'first-secret-1', deviceName: 'tablet' }, new Date(), 30)).token);
		const reset = await admin('reset-password', '--username', 'zhang.wei', '--password', 'second-secret-2');
		expect(reset.code, reset.stderr).toBe(0);
		expect(reset.stdout).toMatch(/1 session\(s\) ended/);
		expect(await withDb((db) => authService.resolveSession(db, token, new Date()))).toBeNull();

		expect((await admin('set-roles', '--username', 'zhang.wei', '--roles', 'village_agent,grid_worker')).stdout).toMatch(/village_agent, grid_worker/);
		expect((await admin('disable-user', '--username', 'zhang.wei')).stdout).toMatch(/disabled/);
		const listed = await admin('list-users');
		expect(listed.stdout).toMatch(/zhang\.wei\s+DISABLED village_agent,grid_worker/);
		await expect(withDb((db) => authService.login(db, { username: 'zhang.wei', password: 'second-secret-2', deviceName: 'tablet' }, new Date(), 30))).rejects.toThrow(/wrong username or password/);
		expect((await admin('enable-user', '--username', 'zhang.wei')).stdout).toMatch(/enabled/);
	});

	it('lists and revokes devices; a revoked device’s session stops working', async () => {
		const { token, deviceId } = await withDb(async (db) => {
			const res = await authService.login(db, { username: 'zhang.wei', password: 'second-secret-2', deviceName: '澄湖村平板' }, new Date(), 30);
			return { token: res.token, deviceId: res.device.id };
		});
		expect((await admin('list-devices')).stdout).toContain(deviceId);
		expect((await admin('revoke-device', '--device', 'not-a-uuid')).stderr).toMatch(/--device: --device must be a device id/);
		const revoked = await admin('revoke-device', '--device', deviceId, '--reason', 'lost');
		expect(revoked.code, revoked.stderr).toBe(0);
		expect(revoked.stdout).toMatch(/澄湖村平板 .* revoked/);
		expect((await admin('list-devices')).stdout).toMatch(/REVOKED/);
		const auth = await withDb((db) => authService.authenticate(db, token, new Date()));
		expect(auth).toEqual({ problem: 'DEVICE_REVOKED' });
	});

	it('audit:verify passes on the intact log and names the seq of a row changed in SQL', async () => {
		const ok = await run('audit-verify');
		expect(ok.code, ok.stderr).toBe(0);
		expect(ok.stdout).toMatch(/audit chain intact: \d+ event\(s\) checked/);
		const seq = await withDb(async (db) => {
			const [row] = ((await db.execute(sql`select seq from audit_events where action = 'user.set_roles' limit 1`)) as unknown as { rows: [{ seq: number }] }).rows;
			await db.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
			await db.execute(sql`update audit_events set details = jsonb_set(details, '{to}', '["it_admin"]') where seq = ${row.seq}`);
			await db.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
			return Number(row.seq);
		});
		const broken = await run('audit-verify');
		expect(broken.code).toBe(1);
		expect(broken.stderr).toMatch(new RegExp(`audit chain BROKEN at seq ${seq}: hash does not match its content`));
	});
});
