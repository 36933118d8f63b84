import { describe, expect, it } from 'vitest';
import type { CaseClock } from './clock.schema';
import { caseIn, CERT_ITEM } from './lifecycle.fixtures';
import { caseStatusSchema } from './status';
import { clockIssues, cstDate, pauseClock, resumeClock, startClock, stopClock, workflowIssues, workflowStateSchema } from './workflow';

const fresh: CaseClock = { startedOn: null, limitDays: 7, pauses: [], stoppedOn: null };

describe('cstDate', () => {
	it('takes the calendar day in China Standard Time, whatever the offset written', () => {
		expect(cstDate('2025-03-03T23:30:00+08:00')).toBe('2025-03-03');
		expect(cstDate('2025-03-03T16:30:00Z')).toBe('2025-03-04');
		expect(cstDate('2025-03-03T15:59:59Z')).toBe('2025-03-03');
	});
});

describe('clock helpers', () => {
	it('start, pause, resume, stop record dates only', () => {
		let c = startClock(fresh, 10, '2025-03-03');
		c = pauseClock(c, '2025-03-05');
		expect(c.pauses).toEqual([{ from: '2025-03-05', to: null }]);
		c = resumeClock(c, '2025-03-10');
		c = stopClock(c, '2025-03-20');
		expect(c).toEqual({ startedOn: '2025-03-03', limitDays: 10, pauses: [{ from: '2025-03-05', to: '2025-03-10' }], stoppedOn: '2025-03-20' });
		expect(clockIssues(c)).toEqual([]);
	});

	it('never moves backwards when the given date is earlier than the clock', () => {
		const c = pauseClock(startClock(fresh, 5, '2025-03-10'), '2025-03-01');
		expect(c.pauses).toEqual([{ from: '2025-03-10', to: null }]);
		expect(resumeClock(c, '2025-03-02').pauses).toEqual([{ from: '2025-03-10', to: '2025-03-10' }]);
	});

	it('does not stop a clock that never started, nor resume one that is not paused', () => {
		expect(stopClock(fresh, '2025-03-03')).toBe(fresh);
		const running = startClock(fresh, 5, '2025-03-03');
		expect(resumeClock(running, '2025-03-04')).toBe(running);
	});

	it('finds malformed pause lists', () => {
		const bad: CaseClock = {
			startedOn: '2025-03-03',
			limitDays: 5,
			pauses: [
				{ from: '2025-03-05', to: null },
				{ from: '2025-03-04', to: '2025-03-03' }
			],
			stoppedOn: '2025-03-01'
		};
		expect(clockIssues(bad)).toEqual([
			'pause 0 is open but not the last',
			'pause 1 ends before it starts',
			'clock stopped before it started',
			'clock stopped with a pause still open',
			'clock stopped before its last pause ended'
		]);
		const touching: CaseClock = { ...fresh, pauses: [{ from: '2025-03-03', to: '2025-03-05' }, { from: '2025-03-05', to: null }] };
		expect(clockIssues(touching)).toEqual(['pause 1 overlaps pause 0']);
	});
});

describe('workflowStateSchema', () => {
	it('accepts every state the lifecycle reaches', () => {
		for (const status of caseStatusSchema.options) {
			expect(workflowStateSchema.safeParse(caseIn(status)).error?.issues ?? [], status).toEqual([]);
		}
	});

	it('rejects states the lifecycle cannot reach', () => {
		const review = caseIn('under_review');
		expect(workflowIssues({ ...review, status: 'correction_requested' })).toEqual(
			expect.arrayContaining([expect.stringMatching(/open clock pause must match/), expect.stringMatching(/open correction round/)])
		);
		expect(workflowIssues({ ...review, status: 'approved' })).toContain('approved needs every branch decided and at least one approved');
		const issued = caseIn('certificate_issued');
		expect(workflowIssues({ ...issued, certificates: [] })).toEqual(
			expect.arrayContaining(['status certificate_issued with certificates not yet issued'])
		);
		const [branch] = review.branches;
		if (branch === undefined) throw new Error('no branch');
		const skippedLast = { ...branch, steps: branch.steps.map((s) => ({ ...s, decision: { outcome: 'skipped' as const, by: 'x', at: '2025-03-03T09:00:00+08:00', note: null, legalBasis: null } })) };
		expect(workflowIssues({ ...review, branches: [skippedLast] })).toEqual(
			expect.arrayContaining([`branch ${CERT_ITEM.code}: a step that is not skippable was skipped`, `branch ${CERT_ITEM.code}: the last step was skipped`])
		);
	});
});
