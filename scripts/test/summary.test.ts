import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countPlaywright, countVitest, readReport, settleStage, summaryLine, totals } from './summary.mjs';

// Trimmed from real reports written by vitest 4.1 and Playwright 1.65.
const vitestReport = {
	numTotalTestSuites: 2,
	numFailedTestSuites: 2,
	numTotalTests: 4,
	numPassedTests: 1,
	numFailedTests: 1,
	numPendingTests: 1,
	numTodoTests: 1,
	success: false,
	testResults: [
		{
			name: '/repo/a.test.ts',
			status: 'failed',
			message: '',
			assertionResults: [{ status: 'passed' }, { status: 'failed' }, { status: 'skipped' }, { status: 'todo' }]
		},
		{ name: '/repo/b.test.ts', status: 'failed', message: 'load fail\n    at b.test.ts:2', assertionResults: [] }
	]
};

const playwrightReport = {
	config: {},
	suites: [],
	errors: [],
	stats: { startTime: '2026-01-01T00:00:00.000Z', duration: 592, expected: 3, skipped: 2, unexpected: 1, flaky: 0 }
};

describe('countVitest', () => {
	it('counts passed, failed, skipped+todo, and a file failing outside its tests as one failure', () => {
		const counts = countVitest(vitestReport);
		expect(counts).toMatchObject({ passed: 1, failed: 2, skipped: 2 });
		expect(counts.notes).toEqual(['/repo/b.test.ts: load fail']);
	});

	it('counts an all-green report', () => {
		const green = { numPassedTests: 7, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0, testResults: [] };
		expect(countVitest(green)).toEqual({ passed: 7, failed: 0, skipped: 0, notes: [] });
	});
});

describe('countPlaywright', () => {
	it('counts expected as passed, unexpected as failed', () => {
		expect(countPlaywright(playwrightReport)).toEqual({ passed: 3, failed: 1, skipped: 2, notes: [] });
	});

	it('counts flaky tests and global errors (web server did not start) as failures', () => {
		const report = {
			errors: [{ message: 'Error: Process from config.webServer was not able to start. Exit code: 1\nmore' }],
			stats: { expected: 0, skipped: 0, unexpected: 0, flaky: 1 }
		};
		expect(countPlaywright(report)).toEqual({
			passed: 0,
			failed: 2,
			skipped: 0,
			notes: ['Error: Process from config.webServer was not able to start. Exit code: 1']
		});
	});
});

describe('settleStage', () => {
	it('counts a type-check or lint stage as one test', () => {
		expect(settleStage({ exitCode: 0, counted: false })).toMatchObject({ status: 'passed', passed: 1, failed: 0 });
		expect(settleStage({ exitCode: 2, counted: false })).toMatchObject({ status: 'failed', passed: 0, failed: 1 });
	});

	it('fails a runner stage without a report', () => {
		expect(settleStage({ exitCode: 0, counts: null })).toMatchObject({ status: 'failed', passed: 0, failed: 1 });
	});

	it('adds one failure when the runner exits non-zero but no test failed', () => {
		const counts = { passed: 5, failed: 0, skipped: 0, notes: [] };
		expect(settleStage({ exitCode: 1, counts })).toMatchObject({ status: 'failed', passed: 5, failed: 1 });
		expect(settleStage({ exitCode: 0, counts })).toMatchObject({ status: 'passed', passed: 5, failed: 0 });
		const none = settleStage({ exitCode: 1, counts: { passed: 0, failed: 0, skipped: 0, notes: [] } });
		expect(none).toMatchObject({ status: 'failed', failed: 1, notes: ['no test ran (exit code 1)'] });
	});

	it('keeps the counted failures when the runner reports them', () => {
		const settled = settleStage({ exitCode: 1, counts: countVitest(vitestReport) });
		expect(settled).toMatchObject({ status: 'failed', passed: 1, failed: 2, skipped: 2 });
	});
});

describe('summary line', () => {
	it('sums the stages and prints skipped only when there are some', () => {
		const all = totals([
			settleStage({ exitCode: 0, counted: false }),
			settleStage({ exitCode: 1, counts: countVitest(vitestReport) }),
			settleStage({ exitCode: 1, counts: countPlaywright(playwrightReport) })
		]);
		expect(all).toEqual({ passed: 5, failed: 3, skipped: 4 });
		expect(summaryLine(all)).toBe('5 passed, 3 failed, 4 skipped');
		expect(summaryLine({ passed: 12, failed: 0, skipped: 0 })).toBe('12 passed, 0 failed');
		expect(summaryLine({ passed: 12, failed: 0, skipped: 0 })).toMatch(/^\d+ passed, \d+ failed(, \d+ skipped)?$/);
	});
});

describe('readReport', () => {
	it('returns null for a missing or truncated report', () => {
		const dir = mkdtempSync(join(tmpdir(), 'daiban-summary-'));
		try {
			writeFileSync(join(dir, 'ok.json'), JSON.stringify(playwrightReport));
			writeFileSync(join(dir, 'cut.json'), '{"stats": {');
			expect(readReport(join(dir, 'ok.json'))).toEqual(playwrightReport);
			expect(readReport(join(dir, 'cut.json'))).toBeNull();
			expect(readReport(join(dir, 'missing.json'))).toBeNull();
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
