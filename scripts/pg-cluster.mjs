#!/usr/bin/env node
// A throwaway PostgreSQL cluster for the integration tests: initdb into a temp dir, start on a
// free 127.0.0.1 port (socket in the data dir), and stop + delete it afterwards.
//
//   node scripts/pg-cluster.mjs --self-test         # start, SELECT 1, CREATE DATABASE, stop, remove
//   node scripts/pg-cluster.mjs -- <command...>     # run a command with DAIBAN_TEST_PG_URL set
//   node scripts/pg-cluster.mjs                     # start, print the URL, stop on Ctrl-C
//
// Binaries: $DAIBAN_PG_BINDIR, else the highest /usr/lib/postgresql/<v>/bin (Debian), else initdb and
// pg_ctl on PATH. As root on Debian a missing PostgreSQL is installed with apt (package
// `postgresql`). As root the cluster belongs to the `postgres` user (initdb refuses to run as root).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { aptInstall, canAptInstall } from './test/apt.mjs';
import { freePort, isExecutable, isRoot, shellQuote, which } from './test/util.mjs';

const DEBIAN_PG_ROOT = '/usr/lib/postgresql';

/** The directory holding initdb and pg_ctl, or null. */
export function findPgBinDir(env = process.env) {
	const hasTools = (dir) => isExecutable(join(dir, 'initdb')) && isExecutable(join(dir, 'pg_ctl'));
	if (env.DAIBAN_PG_BINDIR) {
		if (hasTools(env.DAIBAN_PG_BINDIR)) return env.DAIBAN_PG_BINDIR;
		throw new Error(`DAIBAN_PG_BINDIR=${env.DAIBAN_PG_BINDIR} has no initdb/pg_ctl.`);
	}
	if (existsSync(DEBIAN_PG_ROOT)) {
		const versions = readdirSync(DEBIAN_PG_ROOT)
			.filter((v) => /^\d+(\.\d+)?$/.test(v) && hasTools(join(DEBIAN_PG_ROOT, v, 'bin')))
			.sort((a, b) => Number(b) - Number(a));
		if (versions[0]) return join(DEBIAN_PG_ROOT, versions[0], 'bin');
	}
	const initdb = which('initdb');
	if (initdb && hasTools(dirname(initdb))) return dirname(initdb);
	return null;
}

/**
 * Finds the PostgreSQL binaries, installing Debian's `postgresql` as root if needed.
 * @returns {{ binDir: string } | { binDir: null, reason: string }}
 */
export function ensurePgBinDir({ env = process.env, install = true } = {}) {
	let binDir = findPgBinDir(env);
	if (!binDir && install && canAptInstall()) {
		aptInstall(['postgresql'], 'no PostgreSQL server binaries found');
		binDir = findPgBinDir(env);
	}
	if (binDir) return { binDir };
	return {
		binDir: null,
		reason:
			'no PostgreSQL server binaries (initdb, pg_ctl) found. Install them (Debian: apt-get install -y ' +
			'postgresql), set DAIBAN_PG_BINDIR, or give an admin URL in DATABASE_URL.'
	};
}

function postgresUser() {
	try {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
		return { uid, gid };
	} catch {
		throw new Error('running as root, but there is no "postgres" user to own the throwaway cluster');
	}
}

/**
 * Starts a throwaway cluster. The returned stop() is synchronous and idempotent, and also runs
 * when the process exits; callers that trap SIGINT/SIGTERM should call it from their handler.
 * @returns {Promise<{ url: string, port: number, dir: string, stop: () => void }>}
 */
export async function startCluster({ binDir, log = (msg) => console.error(msg) }) {
	const owner = isRoot() ? postgresUser() : null;
	const runuser = owner ? which('runuser') : null;
	/** Runs a PostgreSQL tool, as the postgres user when we are root. */
	const pgTool = (tool, args, opts = {}) => {
		const cmd = join(binDir, tool);
		let file = cmd;
		let argv = args;
		if (owner && runuser) [file, argv] = [runuser, ['-u', 'postgres', '--', cmd, ...args]];
		else if (owner) [file, argv] = ['su', ['postgres', '-s', '/bin/sh', '-c', [cmd, ...args].map(shellQuote).join(' ')]];
		return spawnSync(file, argv, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });
	};

	const dir = mkdtempSync(join(tmpdir(), 'daiban-pg-'));
	chmodSync(dir, 0o700);
	if (owner) chownSync(dir, owner.uid, owner.gid);
	const data = join(dir, 'data');
	const logFile = join(dir, 'postgres.log');
	let stopped = false;
	let started = false;

	const stop = () => {
		if (stopped) return;
		stopped = true;
		process.off('exit', stop);
		if (started) {
			const fast = pgTool('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']);
			if (fast.status !== 0) pgTool('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop']);
		}
		rmSync(dir, { recursive: true, force: true });
	};
	process.on('exit', stop);

	const fail = (what, result) => {
		const logTail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n') : '';
		stop();
		const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
		return new Error(
			`${what} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})` +
				(output ? `\n${output}` : '') +
				(logTail ? `\n--- postgres.log ---\n${logTail}` : '')
		);
	};

	const t0 = Date.now();
	// Locale C with UTF8: the same on every machine, whatever LANG the CI image has.
	const init = pgTool('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
	if (init.status !== 0) throw fail('initdb', init);

	let port;
	for (let attempt = 1; ; attempt++) {
		port = await freePort();
		// Durability is pointless for a cluster deleted after the run; turning it off saves time.
		const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${data} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
		const start = pgTool('pg_ctl', ['-D', data, '-l', logFile, '-o', options, '-w', '-t', '60', 'start']);
		if (start.status === 0) break;
		// Someone may have taken the port between freePort() and the bind: try another one.
		if (attempt >= 3) throw fail('pg_ctl start', start);
	}
	started = true;
	const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
	log(`[pg] throwaway PostgreSQL (${binDir}) up at ${url} in ${dir} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
	return { url, port, dir, stop };
}

async function selfTest(cluster) {
	const { default: pg } = await import('pg');
	const client = new pg.Client({ connectionString: cluster.url });
	await client.connect();
	try {
		const one = await client.query('SELECT 1 AS one, version() AS version');
		if (one.rows[0]?.one !== 1) throw new Error(`SELECT 1 returned ${JSON.stringify(one.rows)}`);
		console.log(`[pg] SELECT 1 -> 1 on ${one.rows[0].version}`);
		// The integration fixtures create a database per test file: check we may.
		await client.query('CREATE DATABASE daiban_selftest');
		await client.query('DROP DATABASE daiban_selftest');
		console.log('[pg] CREATE/DROP DATABASE ok');
	} finally {
		await client.end();
	}
}

const isMain = process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
	const args = process.argv.slice(2);
	const found = ensurePgBinDir();
	if (!found.binDir) {
		console.error(`[pg] ${found.reason}`);
		process.exit(1);
	}
	const cluster = await startCluster({ binDir: found.binDir });
	let child = null;
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.on(signal, () => {
			if (child) return; // the child got the terminal's signal too; we clean up when it exits
			cluster.stop();
			process.exit(signal === 'SIGINT' ? 130 : 143);
		});
	}

	if (args[0] === '--self-test') {
		let ok = false;
		try {
			await selfTest(cluster);
			ok = true;
		} catch (error) {
			console.error(`[pg] self-test failed: ${error instanceof Error ? error.message : error}`);
		} finally {
			cluster.stop();
		}
		if (existsSync(cluster.dir)) {
			console.error(`[pg] self-test failed: ${cluster.dir} still exists after stop`);
			ok = false;
		}
		console.log(ok ? '[pg] self-test OK: cluster stopped and removed' : '[pg] self-test FAILED');
		process.exit(ok ? 0 : 1);
	} else if (args[0] === '--') {
		if (!args[1]) throw new Error('usage: node scripts/pg-cluster.mjs -- <command> [args...]');
		child = spawn(args[1], args.slice(2), {
			stdio: 'inherit',
			env: { ...process.env, DAIBAN_TEST_PG_URL: cluster.url }
		});
		const code = await new Promise((resolve) => {
			child.on('error', (error) => {
				console.error(`[pg] cannot run ${args[1]}: ${error.message}`);
				resolve(127);
			});
			child.on('exit', (status, signal) => resolve(status ?? (signal ? 128 : 1)));
		});
		cluster.stop();
		process.exit(code);
	} else {
		console.log(`DAIBAN_TEST_PG_URL=${cluster.url}`);
		console.error('[pg] running; press Ctrl-C to stop and delete the cluster');
		setInterval(() => {}, 1 << 30);
	}
}
