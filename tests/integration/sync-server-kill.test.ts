import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseTarget } from '../../server/src/db/open-database';
import { createApiClient } from '../../src/lib/client/trpc';
import {
	createEmptyPgDatabase,
	freePort,
	serverView,
	spawnServerProcess,
	tempDir,
	type ServerProcessTarget
} from '../fixtures/http-server';
import { killAllServers, type ExitInfo, type ServerProcess } from '../fixtures/spawn-server';
import { createSimDevice, SESSION_COOKIE } from '../fixtures/sync-sim';
import type { RequestInfo } from '../fixtures/fault-fetch';

/**
 * The real server process is killed (SIGKILL: no shutdown, no flush, a stale DATA_DIR lock) while
 * a push is in flight, twice: once a moment after the request left, once at the very moment it
 * left. Restarted on the same data, it must have kept every mutation it acknowledged and
 * nothing half-applied: the device finishes its sync and the township sees each of the 50 cases
 * exactly once.
 */

const CASES = 50;
/** Push requests (counted from 1) during which the server is killed, and how long after they left. */
const KILLS = new Map<number, number>([
	[2, 40],
	[5, 0]
]);

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
	await killAllServers();
	for (const cleanup of cleanups.reverse()) await cleanup();
});

/** The township front desk's queue over HTTP: every received case it sees, by id. */
async function townshipQueue(origin: string): Promise<string[]> {
	const login = await fetch(`${origin}/trpc/auth.login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username: 'intake', password: 'daiban-intake', deviceName: 'kill test desk' }),
		signal: AbortSignal.timeout(10_000)
	});
	expect(login.status).toBe(200);
	const cookie = login.headers
		.getSetCookie()
		.map((c) => c.split(';')[0] ?? '')
		.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
	if (!cookie) throw new Error('the desk got no session cookie');
	const api = createApiClient({
		baseUrl: origin,
		fetch: (input, init) => {
			const headers = new Headers(init?.headers);
			headers.set('cookie', cookie);
			return fetch(input, { ...init, headers });
		}
	});
	const ids: string[] = [];
	for (let offset = 0; ; offset += 200) {
		const page = await api.case.queue.query({ statuses: ['received'], limit: 200, offset });
		ids.push(...page.cases.map((c) => c.id));
		if (ids.length >= page.total || page.cases.length === 0) return ids;
	}
}

async function killMidPush(target: Omit<ServerProcessTarget, 'port'>, database: DatabaseTarget, label: string) {
	const started = Date.now();
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	let server: ServerProcess = await spawnServerProcess({ ...target, port });
	const kills: Promise<ExitInfo>[] = [];
	let pushes = 0;
	const onSend = (req: RequestInfo) => {
		if (req.kind !== 'push') return;
		const delay = KILLS.get(++pushes);
		if (delay === undefined) return;
		const victim = server;
		kills.push(new Promise((resolve) => setTimeout(resolve, delay)).then(() => victim.kill('SIGKILL')));
	};
	const device = await createSimDevice({
		origins: origin,
		username: 'agent.chenghu',
		password: 'daiban-agent-1',
		name: `kill-${label}`,
		pushBatchSize: 10,
		requestTimeoutMs: 15_000,
		onSend
	});
	cleanups.push(() => device.close());
	for (let i = 0; i < CASES; i++) await device.takeCase();

	const appliedBeforeKill: number[] = [];
	for (let round = 1; (await device.db.outbox.count()) > 0; round++) {
		if (round > 10) throw new Error(`${label}: outbox not empty after 10 rounds`);
		const killsBefore = kills.length;
		const res = await device.syncOnce();
		if (kills.length > killsBefore) {
			// This round's push was in flight when the server died.
			const exit = await kills[kills.length - 1];
			expect(exit?.signal).toBe('SIGKILL');
			expect(res.ok).toBe(false);
			server = await spawnServerProcess({ ...target, port });
			// What the killed server had committed: at least what it acknowledged before.
			const pull = await device.engine.pull().then(
				() => true,
				() => false
			);
			expect(pull).toBe(true);
			appliedBeforeKill.push(CASES - (await device.db.outbox.count()));
		}
	}
	expect(kills).toHaveLength(KILLS.size);
	expect(await device.outbox()).toEqual([]);
	expect((await device.cases()).every((c) => c.syncState === 'received')).toBe(true);

	const queued = await townshipQueue(origin);
	const mine = queued.filter((id) => device.submitted.includes(id));
	expect(mine).toHaveLength(CASES);
	expect(new Set(mine).size).toBe(CASES);

	// Stop gracefully (releases the DATA_DIR lock), then look into the database itself.
	expect((await server.kill('SIGTERM')).code).toBe(0);
	const opened = await openDatabase(database);
	try {
		const view = await serverView(opened.db, device.submitted, [device.clientId]);
		expect(view.cases).toHaveLength(CASES);
		expect(new Set(view.cases.map((c) => c.caseNumber)).size).toBe(CASES);
		expect([...view.eventsPerCase.values()]).toEqual(Array<number>(CASES).fill(2));
		expect(view.applied).toBe(CASES);
		expect(view.lastMutationId.get(device.clientId)).toBe(CASES);
	} finally {
		await opened.close();
	}
	console.info(
		`[sync-server-kill ${label}] confirmed after each restart: ${appliedBeforeKill.join(', ')} of ${CASES}; ` +
			`${((Date.now() - started) / 1000).toFixed(1)}s`
	);
}

describe('sync across a server killed mid-push', () => {
	it('PGlite: a SIGKILLed server restarts on its DATA_DIR and nothing is lost or doubled', async () => {
		const dir = tempDir('kill-data');
		cleanups.push(() => dir.remove());
		await killMidPush({ dataDir: dir.path }, { kind: 'pglite', dataDir: dir.path }, 'pglite');
	}, 90_000);

	it.skipIf(!process.env.DAIBAN_TEST_PG_URL)(
		'PostgreSQL: a SIGKILLed server restarts on its database and nothing is lost or doubled',
		async () => {
			const database = await createEmptyPgDatabase(process.env.DAIBAN_TEST_PG_URL ?? '');
			cleanups.push(() => database.drop());
			const files = tempDir('kill-files');
			cleanups.push(() => files.remove());
			await killMidPush(
				{ databaseUrl: database.url, attachmentsDir: files.path },
				{ kind: 'postgres', url: database.url },
				'postgres'
			);
		},
		90_000
	);
});
