// Counting test results for scripts/test.mjs: pure functions over the JSON reports of vitest and
// Playwright, so the arithmetic is unit-tested (scripts/test/summary.test.ts).
import { readFileSync } from 'node:fs';

/** Reads a JSON report; null when it is missing or not JSON (the stage crashed before writing it). */
export function readReport(file) {
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
}

const num = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/**
 * Counts a vitest JSON report (jest-compatible format). A test file that failed without a failing
 * test (import error, failing beforeAll/afterAll) counts as one failed test.
 */
export function countVitest(report) {
	const passed = num(report.numPassedTests);
	let failed = num(report.numFailedTests);
	const skipped = num(report.numPendingTests) + num(report.numTodoTests);
	const notes = [];
	for (const file of Array.isArray(report.testResults) ? report.testResults : []) {
		const tests = Array.isArray(file.assertionResults) ? file.assertionResults : [];
		if (file.status === 'failed' && !tests.some((t) => t.status === 'failed')) {
			failed += 1;
			notes.push(`${file.name}: ${String(file.message ?? 'failed outside any test').split('\n')[0]}`);
		}
	}
	return { passed, failed, skipped, notes };
}

/**
 * Counts a Playwright JSON report. Flaky tests count as failed (retries are 0, so there should be
 * none), and each error outside the tests (web server did not start, no tests found) as one failed.
 */
export function countPlaywright(report) {
	const stats = report.stats ?? {};
	const errors = Array.isArray(report.errors) ? report.errors : [];
	return {
		passed: num(stats.expected),
		failed: num(stats.unexpected) + num(stats.flaky) + errors.length,
		skipped: num(stats.skipped),
		notes: errors.map((e) => String(e?.message ?? e).split('\n')[0])
	};
}

/**
 * One stage's result from its exit code and (for test runners) its counts.
 * - no counter (type check, lint, build): the stage is one test.
 * - counts null (report missing): one failed test.
 * - non-zero exit with no failed test counted (unhandled error, no tests found, timeout): one more failed.
 * @returns {{ status: 'passed' | 'failed', passed: number, failed: number, skipped: number, notes: string[] }}
 */
export function settleStage({ exitCode, counts, counted = true }) {
	if (!counted) {
		return exitCode === 0
			? { status: 'passed', passed: 1, failed: 0, skipped: 0, notes: [] }
			: { status: 'failed', passed: 0, failed: 1, skipped: 0, notes: [`exit code ${exitCode}`] };
	}
	if (!counts) {
		return { status: 'failed', passed: 0, failed: 1, skipped: 0, notes: [`no JSON report (exit code ${exitCode})`] };
	}
	const result = { passed: counts.passed, failed: counts.failed, skipped: counts.skipped, notes: [...counts.notes] };
	if (exitCode !== 0 && result.failed === 0) {
		result.failed = 1;
		const none = result.passed + result.skipped === 0;
		result.notes.push(none ? `no test ran (exit code ${exitCode})` : `exit code ${exitCode} although no test failed`);
	}
	return { status: result.failed > 0 ? 'failed' : 'passed', ...result };
}

/** Sums stage results. */
export function totals(stages) {
	return stages.reduce(
		(sum, s) => ({ passed: sum.passed + s.passed, failed: sum.failed + s.failed, skipped: sum.skipped + s.skipped }),
		{ passed: 0, failed: 0, skipped: 0 }
	);
}

/** The closing line CI reads: `N passed, N failed` and `, N skipped` when any were skipped. */
export function summaryLine({ passed, failed, skipped }) {
	return `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
}
