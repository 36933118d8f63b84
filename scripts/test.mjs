#!/usr/bin/env node
// `npm test`: every check the project has, in order, continuing after a failure so that every
// result is reported, and ending with one line `N passed, N failed[, N skipped]`.
//
//   node scripts/test.mjs                 # all stages
//   node scripts/test.mjs unit pg         # only these stages (in the usual order)
//   node scripts/test.mjs --skip=e2e,pg   # all but these
//   node scripts/test.mjs --list          # list the stages
//
// Stages: check, lint, unit, integration (PGlite), pg (PostgreSQL), build, e2e (Playwright),
// bench (`npm run bench -- --quick`: the benchmarks still run; numbers never fail it).
// See scripts/README.md for the environment variables.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './ensure-chromium.mjs';
import { ensurePgBinDir, startCluster } from './pg-cluster.mjs';
import { runCommand, signalCurrent, stopStages } from './test/run.mjs';
import { countPlaywright, countVitest, readReport, settleStage, summaryLine, totals } from './test/summary.mjs';
import { freePort, redactUrl } from './test/util.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPORT_DIR = join(ROOT, '.tmp', 'test-report');
const PG_MARKER = join(REPORT_DIR, 'pg-pass.json');
const STAGE_TIMEOUT_MS = Number(process.env.DAIBAN_STAGE_TIMEOUT_MIN || 10) * 60_000;
// The whole run gets a budget too (30 minutes; CI allows 90), so that a hung stage still ends in a summary.
const DEADLINE = Date.now() + Number(process.env.DAIBAN_TEST_BUDGET_MIN || 30) * 60_000;
/** The time limit for a command started now: the stage limit or what is left of the budget. */
const timeLimit = () => Math.max(1_000, Math.min(STAGE_TIMEOUT_MS, DEADLINE - Date.now()));
const REQUIRE_PG = ['1', 'true', 'yes'].includes((process.env.DAIBAN_REQUIRE_PG ?? '').toLowerCase());

const bin = (name) => join(ROOT, 'node_modules', '.bin', name);
const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;

/** The environment without any PostgreSQL URL: the PGlite pass and the e2e server must not see one. */
function envWithoutPg(extra = {}) {
	const env = { ...process.env, ...extra };
	delete env.DATABASE_URL;
	if (!('DAIBAN_TEST_PG_URL' in extra)) delete env.DAIBAN_TEST_PG_URL;
	return env;
}

const skipped = (note) => ({ status: 'skipped', passed: 0, failed: 0, skipped: 1, notes: [note] });
const failed = (note) => ({ status: 'failed', passed: 0, failed: 1, skipped: 0, notes: [note] });
/** Adds the reason to a result whose command was stopped at its time limit. */
function noteTimeout(result, timedOut) {
	if (timedOut) result.notes.unshift('stopped at its time limit (DAIBAN_STAGE_TIMEOUT_MIN / DAIBAN_TEST_BUDGET_MIN)');
	return result;
}

function loud(lines) {
	const bar = '!'.repeat(78);
	console.log(`\n${bar}\n${lines.map((l) => `!! ${l}`).join('\n')}\n${bar}\n`);
}

/** A stage that is one test: the command passes or fails (type check, lint, build). */
async function commandStage(cmd, args) {
	const { exitCode, timedOut } = await runCommand(cmd, args, { env: process.env, cwd: ROOT, timeoutMs: timeLimit() });
	return noteTimeout(settleStage({ exitCode, counted: false }), timedOut);
}

/** vitest run --project <project>, counted from its JSON report. */
async function vitestStage(project, reportName, env) {
	const report = join(REPORT_DIR, `${reportName}.json`);
	rmSync(report, { force: true });
	const args = ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`];
	const { exitCode, timedOut } = await runCommand(bin('vitest'), args, { env, cwd: ROOT, timeoutMs: timeLimit() });
	const json = readReport(report);
	return noteTimeout(settleStage({ exitCode, counts: json ? countVitest(json) : null }), timedOut);
}

async function pgStage() {
	let url = process.env.DAIBAN_TEST_PG_URL || process.env.DATABASE_URL || '';
	let source = process.env.DAIBAN_TEST_PG_URL ? 'DAIBAN_TEST_PG_URL' : 'DATABASE_URL';
	let cluster = null;
	if (!url) {
		let reason = '';
		try {
			const found = ensurePgBinDir();
			if (found.binDir) {
				cluster = await startCluster({ binDir: found.binDir, log: (msg) => console.log(msg) });
				url = cluster.url;
				source = `throwaway cluster from ${found.binDir}`;
			} else {
				reason = found.reason;
			}
		} catch (error) {
			reason = error instanceof Error ? error.message : String(error);
		}
		if (!url) {
			loud([
				'SKIPPED: the integration tests did NOT run on a real PostgreSQL.',
				...reason.split('\n'),
				'The PGlite pass alone does not show that the code works on PostgreSQL.',
				'Give an admin URL in DATABASE_URL, or install PostgreSQL (see scripts/README.md).',
				...(REQUIRE_PG ? ['DAIBAN_REQUIRE_PG is set: this counts as a FAILURE.'] : [])
			]);
			const note = `PostgreSQL unavailable: ${reason.split('\n')[0]}`;
			return REQUIRE_PG ? failed(note) : skipped(note);
		}
	}
	console.log(`[test] PostgreSQL admin URL ${redactUrl(url)} (${source})`);
	try {
		const result = await vitestStage('integration', 'integration-pg', envWithoutPg({ DAIBAN_TEST_PG_URL: url }));
		const { passed, failed: nFailed, skipped: nSkipped } = result;
		const marker = { ran: true, source, passed, failed: nFailed, skipped: nSkipped, at: new Date().toISOString() };
		writeFileSync(PG_MARKER, `${JSON.stringify(marker, null, 2)}\n`);
		return result;
	} finally {
		cluster?.stop();
	}
}

async function e2eStage(ctx) {
	if (ctx.buildFailed) return skipped('not run: the build failed, and build/ may be stale');
	if (!existsSync(join(ROOT, 'build', 'index.html'))) {
		return failed('build/index.html is missing: run `npm run build` (or the build stage) first');
	}
	let chromium;
	try {
		chromium = await ensureChromium();
	} catch (error) {
		console.log(error instanceof Error ? error.message : String(error));
		return failed('no Chromium for Playwright');
	}
	const report = join(REPORT_DIR, 'e2e.json');
	rmSync(report, { force: true });
	const dataDir = mkdtempSync(join(tmpdir(), 'daiban-e2e-'));
	try {
		const env = envWithoutPg({
			PLAYWRIGHT_CHROMIUM_PATH: chromium,
			E2E_PORT: String(await freePort()),
			E2E_DATA_DIR: dataDir,
			DAIBAN_E2E_REPORT: report
		});
		const { exitCode, timedOut } = await runCommand(bin('playwright'), ['test'], {
			env,
			cwd: ROOT,
			timeoutMs: timeLimit()
		});
		const json = readReport(report);
		return noteTimeout(settleStage({ exitCode, counts: json ? countPlaywright(json) : null }), timedOut);
	} finally {
		rmSync(dataDir, { recursive: true, force: true });
	}
}

/**
 * `npm run bench -- --quick`: small sizes, to keep the benchmarks working (docs/BENCHMARKS.md).
 * It fails only if a benchmark breaks. PostgreSQL: DAIBAN_TEST_PG_URL / DATABASE_URL, else a
 * throwaway cluster when the binaries are there, else those figures are reported as not measured.
 */
async function benchStage(ctx) {
	if (ctx.buildFailed) return skipped('not run: the build failed, and build/ may be stale');
	if (!existsSync(join(ROOT, 'build', 'index.html'))) {
		return failed('build/index.html is missing: run `npm run build` (or the build stage) first');
	}
	let chromium;
	try {
		chromium = await ensureChromium();
	} catch (error) {
		console.log(error instanceof Error ? error.message : String(error));
		return failed('no Chromium for the benchmarks');
	}
	const env = { ...process.env, PLAYWRIGHT_CHROMIUM_PATH: chromium };
	const { exitCode, timedOut } = await runCommand('npm', ['run', 'bench', '--', '--quick'], { env, cwd: ROOT, timeoutMs: timeLimit() });
	return noteTimeout(settleStage({ exitCode, counted: false }), timedOut);
}

const STAGES = [
	{
		id: 'check',
		title: 'Type check: svelte-kit sync, svelte-check --fail-on-warnings, tsc (server)',
		run: () => commandStage('npm', ['run', 'check'])
	},
	{ id: 'lint', title: 'Lint: eslint --max-warnings 0', run: () => commandStage('npm', ['run', 'lint']) },
	{ id: 'unit', title: 'Unit tests: vitest run --project unit', run: () => vitestStage('unit', 'unit', envWithoutPg()) },
	{
		id: 'integration',
		title: 'Integration tests on PGlite: vitest run --project integration',
		run: () => vitestStage('integration', 'integration-pglite', envWithoutPg())
	},
	{
		id: 'pg',
		title: 'Integration tests on PostgreSQL: vitest run --project integration with DAIBAN_TEST_PG_URL',
		run: pgStage
	},
	{
		id: 'build',
		title: 'Production build: vite build',
		run: async (ctx) => {
			const result = await commandStage('npm', ['run', 'build']);
			ctx.buildFailed = result.status === 'failed';
			return result;
		}
	},
	{ id: 'e2e', title: 'End-to-end tests: playwright test (Chromium)', run: e2eStage },
	{ id: 'bench', title: 'Benchmarks, quick mode: npm run bench -- --quick (never fails on a number)', run: benchStage }
];

function parseArgs(argv) {
	const ids = STAGES.map((s) => s.id);
	const only = new Set();
	const skip = new Set();
	for (const arg of argv) {
		if (arg === '--help' || arg === '-h' || arg === '--list') {
			console.log('usage: node scripts/test.mjs [stage ...] [--skip=stage,...]\nstages:');
			for (const s of STAGES) console.log(`  ${s.id.padEnd(12)} ${s.title}`);
			process.exit(0);
		} else if (arg.startsWith('--skip=')) {
			for (const id of arg.slice('--skip='.length).split(',').filter(Boolean)) skip.add(id);
		} else {
			only.add(arg);
		}
	}
	for (const id of [...only, ...skip]) {
		if (!ids.includes(id)) {
			console.error(`unknown stage "${id}"; stages are: ${ids.join(', ')}`);
			process.exit(2);
		}
	}
	return STAGES.filter((s) => (only.size === 0 || only.has(s.id)) && !skip.has(s.id));
}

const selected = parseArgs(process.argv.slice(2));
rmSync(REPORT_DIR, { recursive: true, force: true });
mkdirSync(REPORT_DIR, { recursive: true });

let interrupted = null;
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		if (interrupted) {
			signalCurrent('SIGKILL');
			process.exit(130);
		}
		interrupted = signal;
		console.error(`\n[test] ${signal}: stopping the running stage and cleaning up (again to force)`);
		stopStages(signal);
		setTimeout(() => signalCurrent('SIGKILL'), 20_000).unref();
	});
}

console.log(
	`[test] ${selected.length} stage(s): ${selected.map((s) => s.id).join(', ')} | node ${process.version}` +
		` | CI=${process.env.CI ?? ''} | reports in ${REPORT_DIR}`
);
const ctx = { buildFailed: false };
const results = [];
const t0 = Date.now();
for (const [i, stage] of selected.entries()) {
	if (interrupted) break;
	const bar = '='.repeat(78);
	console.log(`\n${bar}\n[${i + 1}/${selected.length}] ${stage.id.toUpperCase()}  ${stage.title}\n${bar}\n`);
	const started = Date.now();
	let result;
	try {
		result = DEADLINE - started < 5_000 ? failed('not run: the time budget of the run is used up') : await stage.run(ctx);
	} catch (error) {
		console.error(error);
		result = failed(`crashed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
	}
	results.push({ id: stage.id, ms: Date.now() - started, ...result });
	const counts = `${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped`;
	console.log(`\n[test] ${stage.id}: ${result.status.toUpperCase()} (${counts}) in ${seconds(Date.now() - started)}`);
	for (const note of result.notes) console.log(`[test]   ${note}`);
}

if (interrupted) {
	console.error(`[test] interrupted by ${interrupted}`);
	process.exit(interrupted === 'SIGINT' ? 130 : 143);
}

console.log(`\n${'='.repeat(78)}\nSummary (${seconds(Date.now() - t0)})\n${'='.repeat(78)}`);
for (const r of results) {
	const counts = `${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`;
	console.log(`  ${r.id.padEnd(12)} ${r.status.toUpperCase().padEnd(8)} ${counts.padEnd(36)} ${seconds(r.ms)}`);
	for (const note of r.notes) console.log(`  ${''.padEnd(21)}${note}`);
}
const sum = totals(results);
const anyFailed = sum.failed > 0 || results.some((r) => r.status === 'failed');
console.log('');
console.log(summaryLine(sum));
process.exitCode = anyFailed ? 1 : 0;
