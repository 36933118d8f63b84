import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { openDatabase, type DatabaseTarget } from '../server/src/db/open-database';
import { orgUnits, users } from '../server/src/db/schema';
import { seedIfEmpty } from '../server/src/services/seed.service';
import { hashPassword } from '../server/src/services/auth.service';
import { demoCounty, demoUsers } from '../server/src/seed/demo-county';
import { seedCatalog } from '../src/lib/domain/catalog/seed';
import { createSimDevice, type SimDevice } from '../tests/fixtures/sync-sim';
import { startBenchServer } from './lib/server';
import type { BenchPostgres } from './lib/pg';
import type { BenchSection, Figure } from './lib/report';
import { ms, percentile } from './lib/stats';

/**
 * Server capacity: N simulated field devices (the app's own sync engine and Dexie, on
 * fake-indexeddb, tests/fixtures/sync-sim.ts) against the real server process. Each device has its
 * own village and agent, as in a county; it logs in and takes its cases offline first, then all
 * devices sync at once (push, then pull) and we time that phase. The database is counted
 * afterwards: every case must be there exactly once.
 *
 * The devices run in the bench's own Node process on the same two cores as the server, so the
 * figures are a floor for the server, not its ceiling.
 */

export interface CapacityOptions {
	quick: boolean;
	postgres: () => Promise<BenchPostgres | { unavailable: string }>;
	log: (msg: string) => void;
}

const TOWNSHIP = '360121100';
const PASSWORD = 'bench-agent-password';
const CASES_PER_DEVICE = 5;
/** How many devices log in at once while preparing (login hashes with argon2: CPU-heavy). */
const LOGIN_CONCURRENCY = 8;

interface RunResult {
	devices: number;
	cases: number;
	seconds: number;
	casesPerSecond: number;
	latencies: Record<string, number[]>;
	errors: number;
	/** Errors by procedure and HTTP status or exception name. */
	errorKinds: Record<string, number>;
	failedRounds: number;
	peakRssMb: number;
	casesInDatabase: number;
}

/** Adds `n` villages under the demo township and one village agent for each. */
async function prepareDatabase(target: DatabaseTarget, n: number): Promise<void> {
	const database = await openDatabase(target);
	try {
		await seedIfEmpty(database.db, { county: demoCounty, catalog: seedCatalog, users: demoUsers });
		const hash = await hashPassword(PASSWORD);
		const villages = Array.from({ length: n }, (_, i) => `${TOWNSHIP}${300 + i + 1}`);
		await database.db.insert(orgUnits).values(villages.map((code, i) => ({ code, kind: 'village' as const, name: `测试村${i + 1}`, parentCode: TOWNSHIP })));
		await database.db.insert(users).values(
			villages.map((code, i) => ({
				id: uuidv7(),
				username: `bench.agent.${i + 1}`,
				displayName: `测试代办员${i + 1}`,
				passwordHash: hash,
				roles: ['village_agent' as const],
				scope: { townshipCode: TOWNSHIP, villageCodes: [code], gridCodes: [], departmentCodes: [] }
			}))
		);
	} finally {
		await database.close();
	}
}

async function countCases(target: DatabaseTarget): Promise<number> {
	const database = await openDatabase(target);
	try {
		const rows = await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM cases`);
		const first = (rows as unknown as { rows: { n: number }[] }).rows[0];
		return first?.n ?? 0;
	} finally {
		await database.close();
	}
}

function rssMb(pid: number): number {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
		return kb ? Number(kb) / 1024 : 0;
	} catch {
		return 0;
	}
}

/** Wraps the global fetch to time every request by tRPC procedure (sync.push, sync.pull …). */
function timingFetch(latencies: Record<string, number[]>, errors: { n: number; kinds: Record<string, number> }): typeof fetch {
	const real = globalThis.fetch;
	return async (input, init) => {
		const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
		const key = url.pathname.replace(/^\/trpc\//, '');
		const t0 = performance.now();
		try {
			const res = await real(input, init);
			// Time to the whole answer, as the device waits for it.
			const body = await res.arrayBuffer();
			(latencies[key] ??= []).push(performance.now() - t0);
			if (res.status >= 400) {
				errors.n++;
				errors.kinds[`${key} HTTP ${res.status}`] = (errors.kinds[`${key} HTTP ${res.status}`] ?? 0) + 1;
			}
			return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
		} catch (error) {
			errors.n++;
			const kind = `${key} ${error instanceof Error ? error.name : 'error'}`;
			errors.kinds[kind] = (errors.kinds[kind] ?? 0) + 1;
			throw error;
		}
	};
}

async function runOnce(target: DatabaseTarget, env: Record<string, string>, n: number, log: (m: string) => void): Promise<RunResult> {
	await prepareDatabase(target, n);
	const server = await startBenchServer({ ...env, DAIBAN_SEED: 'none', LOG_LEVEL: 'warn' });
	const latencies: Record<string, number[]> = {};
	const errors = { n: 0, kinds: {} as Record<string, number> };
	const realFetch = globalThis.fetch;
	const devices: SimDevice[] = [];
	let peak = 0;
	let sampler: NodeJS.Timeout | undefined;
	try {
		globalThis.fetch = timingFetch(latencies, errors);
		for (let i = 0; i < n; i += LOGIN_CONCURRENCY) {
			const batch = Array.from({ length: Math.min(LOGIN_CONCURRENCY, n - i) }, (_, j) =>
				createSimDevice({
					origins: server.url,
					username: `bench.agent.${i + j + 1}`,
					password: PASSWORD,
					name: `cap-${n}-${i + j + 1}`,
					// The app's own limit (docs/SYNC.md): a request gives up after 90 s.
					requestTimeoutMs: 90_000
				})
			);
			devices.push(...(await Promise.all(batch)));
		}
		for (const d of devices) for (let c = 0; c < CASES_PER_DEVICE; c++) await d.takeCase();
		// Only the concurrent sync phase counts.
		for (const key of Object.keys(latencies)) delete latencies[key];
		errors.n = 0;
		errors.kinds = {};
		sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.pid))), 100);
		const t0 = performance.now();
		const outcomes = await Promise.all(devices.map((d) => d.syncUntilDone(5)));
		const seconds = (performance.now() - t0) / 1000;
		clearInterval(sampler);
		peak = Math.max(peak, rssMb(server.pid));
		const failedRounds = outcomes.reduce((a, o) => a + o.failures, 0);
		const cases = n * CASES_PER_DEVICE;
		log(`[bench] capacity ${n} devices: ${cases} cases in ${seconds.toFixed(1)} s, ${errors.n} errors, peak RSS ${peak.toFixed(0)} MB`);
		await server.kill('SIGTERM');
		return {
			devices: n,
			cases,
			seconds,
			casesPerSecond: cases / seconds,
			latencies,
			errors: errors.n,
			errorKinds: errors.kinds,
			failedRounds,
			peakRssMb: peak,
			casesInDatabase: await countCases(target)
		};
	} finally {
		clearInterval(sampler);
		globalThis.fetch = realFetch;
		await Promise.all(devices.map((d) => d.close().catch(() => {})));
		await server.kill('SIGKILL').catch(() => {});
	}
}

function figuresFor(db: string, r: RunResult): Figure[] {
	const section = 'Server capacity';
	const requests = [...(r.latencies['sync.push'] ?? []), ...(r.latencies['sync.pull'] ?? [])];
	const p50 = requests.length ? percentile(requests, 50) : NaN;
	const p99 = requests.length ? percentile(requests, 99) : NaN;
	const lost = r.cases - r.casesInDatabase;
	return [
		{
			section,
			figure: `${db}, ${r.devices} devices: cases applied per second`,
			ours: `${r.casesPerSecond.toFixed(1)} /s`,
			reference: `${(r.devices / 60).toFixed(2)} /s (every device sends one case a minute)`,
			ratio: r.casesPerSecond / (r.devices / 60),
			note: `${r.cases} cases in ${r.seconds.toFixed(1)} s; ratio = headroom over a busy day's peak`
		},
		{
			section,
			figure: `${db}, ${r.devices} devices: push/pull latency p50 / p99`,
			ours: `${ms(p50)} / ${ms(p99)}`,
			reference: '90 s (the device gives up)',
			ratio: p99 / 90_000,
			note: `${requests.length} requests`
		},
		{
			section,
			figure: `${db}, ${r.devices} devices: errors, lost or doubled cases`,
			ours: `${r.errors} errors, ${r.failedRounds} failed rounds, ${lost === 0 ? 'none lost' : `${lost} lost/doubled`}`,
			reference: '0',
			ratio: null,
			note: Object.keys(r.errorKinds).length ? `errors: ${Object.entries(r.errorKinds).map(([k, v]) => `${k} × ${v}`).join(', ')}` : undefined
		},
		{ section, figure: `${db}, ${r.devices} devices: server peak RSS`, ours: `${r.peakRssMb.toFixed(0)} MB`, reference: '—', ratio: null }
	];
}

export async function runCapacity(options: CapacityOptions): Promise<BenchSection> {
	const sizes = options.quick ? [20] : [50, 200, 500];
	const figures: Figure[] = [];
	const raw: Record<string, unknown> = {};
	const broken: string[] = [];
	const notes: string[] = [];
	const base = join(process.cwd(), '.tmp', 'bench');
	mkdirSync(base, { recursive: true });
	for (const n of sizes) {
		const dataDir = join(base, `capacity-pglite-${n}-${process.pid}`);
		rmSync(dataDir, { recursive: true, force: true });
		const r = await runOnce({ kind: 'pglite', dataDir }, { DATA_DIR: dataDir }, n, options.log);
		rmSync(dataDir, { recursive: true, force: true });
		figures.push(...figuresFor('PGlite', r));
		raw[`pglite-${n}`] = r;
		if (r.casesInDatabase !== r.cases) broken.push(`PGlite ${n}: ${r.casesInDatabase} of ${r.cases} cases in the database`);
	}
	const pg = await options.postgres();
	if ('unavailable' in pg) {
		notes.push(`PostgreSQL not measured: ${pg.unavailable}`);
	} else {
		for (const n of sizes) {
			const url = await pg.createDatabase(`bench_capacity_${n}`);
			const dataDir = join(base, `capacity-pg-${n}-${process.pid}`);
			const r = await runOnce({ kind: 'postgres', url }, { DATABASE_URL: url, DATA_DIR: dataDir }, n, options.log);
			rmSync(dataDir, { recursive: true, force: true });
			figures.push(...figuresFor('PostgreSQL', r));
			raw[`postgres-${n}`] = { ...r, latencies: undefined };
			if (r.casesInDatabase !== r.cases) broken.push(`PostgreSQL ${n}: ${r.casesInDatabase} of ${r.cases} cases in the database`);
		}
	}
	for (const value of Object.values(raw)) delete (value as { latencies?: unknown }).latencies;
	// Errors are a figure (the goal is 0); a case lost or doubled means the benchmark itself broke.
	if (broken.length) throw new Error(`capacity run lost or doubled cases: ${broken.join('; ')}`);
	return {
		id: 'capacity',
		title: `Server capacity (${sizes.join(', ')} simulated devices)`,
		figures,
		details: [
			`Each device (one village, one agent) took ${CASES_PER_DEVICE} cases offline, then all devices synced at once; ` +
				'the time is that concurrent phase, from the first push to the last pull. Latency is per HTTP request ' +
				'(sync.push and sync.pull), to the whole answer. After each run the database is counted: every case exactly once.',
			'The devices run in the bench process on the same two cores as the server (and PostgreSQL), so these are floors. ' +
				'RSS is the server process only, sampled every 100 ms.',
			...notes
		],
		raw
	};
}
