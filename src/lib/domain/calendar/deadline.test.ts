import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaseClock } from '../case/clock.schema';
import { computeDeadline, deadlineLight } from './deadline';
import { fromEpochDay, toEpochDay } from './iso-date';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from './working-days';

function clock(startedOn: string | null, limitDays: number, pauses: CaseClock['pauses'] = [], stoppedOn: string | null = null): CaseClock {
	return { startedOn, limitDays, pauses, stoppedOn };
}

function due(c: CaseClock, today = '2026-11-23'): string | undefined {
	return computeDeadline(c, today)?.dueDate;
}

describe('computeDeadline', () => {
	it('is null before acceptance', () => {
		expect(computeDeadline(clock(null, 5), '2026-11-23')).toBeNull();
	});

	it('skips Spring Festival 2026 and counts its adjusted Saturdays', () => {
		// Feb 11, 12, 13, Sat 14 (adjusted), then Feb 15-23 off, Tue Feb 24.
		expect(due(clock('2026-02-10', 5))).toBe('2026-02-24');
		// Sat 14, Feb 24-27, Sat 28 (adjusted), Mar 2-5.
		expect(due(clock('2026-02-13', 10))).toBe('2026-03-05');
	});

	it('skips Mid-Autumn and National Day 2026 and counts Sun Sep 20 and Sat Oct 10', () => {
		expect(due(clock('2026-09-18', 5))).toBe('2026-09-24');
		expect(due(clock('2026-09-18', 10))).toBe('2026-10-09');
		expect(due(clock('2026-09-18', 11))).toBe('2026-10-10');
	});

	it('does not count paused working days, the day the correction arrives counts', () => {
		// Sep 20-22 counted; [Sep 23, Oct 9) paused; Oct 9, Sat 10, 12, 13, 14, 15, 16.
		expect(due(clock('2026-09-18', 10, [{ from: '2026-09-23', to: '2026-10-09' }]))).toBe('2026-10-16');
	});

	it('is unchanged by a pause covering only the National Day holiday', () => {
		const paused = clock('2026-09-18', 10, [{ from: '2026-10-01', to: '2026-10-08' }]);
		expect(computeDeadline(paused, '2026-10-12')).toEqual(computeDeadline(clock('2026-09-18', 10), '2026-10-12'));
	});

	it('gives the earliest possible due date while a correction is outstanding', () => {
		const open = clock('2026-09-18', 10, [{ from: '2026-09-23', to: null }]);
		// Counted so far: Sep 20, 21, 22. If received on Sep 30: Sep 30, Oct 8, 9, 10, 12, 13, 14.
		expect(computeDeadline(open, '2026-09-30')).toEqual({
			dueDate: '2026-10-14',
			paused: true,
			usedDays: 3,
			remainingDays: 7
		});
		// A working day later the earliest due date is a working day later too.
		expect(due(open, '2026-10-08')).toBe('2026-10-15');
		// National Day inside the pause moves nothing: Oct 1 and Oct 8 give the same date.
		expect(due(open, '2026-10-01')).toBe('2026-10-15');
	});

	it('counts used days up to today and goes negative once overdue', () => {
		const c = clock('2026-02-10', 5);
		expect(computeDeadline(c, '2026-02-11')).toMatchObject({ usedDays: 1, remainingDays: 4 });
		expect(computeDeadline(c, '2026-02-21')).toMatchObject({ usedDays: 4, remainingDays: 1 });
		expect(computeDeadline(c, '2026-02-24')).toMatchObject({ usedDays: 5, remainingDays: 0 });
		expect(computeDeadline(c, '2026-02-25')).toMatchObject({ usedDays: 6, remainingDays: -1 });
		expect(computeDeadline(c, '2026-02-01')).toMatchObject({ usedDays: 0, remainingDays: 5 });
	});

	it('stops counting at the stop date and closes an open pause there', () => {
		const c = clock('2026-02-10', 5, [], '2026-02-13');
		expect(computeDeadline(c, '2026-03-30')).toMatchObject({ dueDate: '2026-02-24', usedDays: 3, paused: false });
		const refusedWhilePaused = clock('2026-11-02', 10, [{ from: '2026-11-05', to: null }], '2026-11-12');
		expect(computeDeadline(refusedWhilePaused, '2026-11-23')).toMatchObject({ usedDays: 2, paused: false });
	});

	it('ignores a pause whose end is before its start', () => {
		const c = clock('2026-11-02', 5, [{ from: '2026-11-05', to: '2026-11-03' }]);
		expect(due(c)).toBe(due(clock('2026-11-02', 5)));
	});
});

describe('deadlineLight', () => {
	it('is not_started, stopped or paused from the clock state', () => {
		expect(deadlineLight(clock(null, 5), '2026-11-23')).toBe('not_started');
		expect(deadlineLight(clock('2026-11-02', 5, [], '2026-11-05'), '2026-11-23')).toBe('stopped');
		expect(deadlineLight(clock('2026-11-16', 20, [{ from: '2026-11-18', to: null }]), '2026-11-23')).toBe('paused');
	});

	it('turns amber at 20% of the limit left', () => {
		// Limit 20 from Mon Nov 2: 15 used on Nov 23 (5 left), 16 on Nov 24 (4 left = 20%).
		const c = clock('2026-11-02', 20);
		expect(deadlineLight(c, '2026-11-23')).toBe('on_time');
		expect(deadlineLight(c, '2026-11-24')).toBe('amber');
	});

	it('turns amber with one working day left even on a long limit, and on the due date', () => {
		const c = clock('2026-02-10', 5);
		expect(deadlineLight(c, '2026-02-11')).toBe('on_time');
		expect(deadlineLight(c, '2026-02-21')).toBe('amber');
		expect(deadlineLight(c, '2026-02-24')).toBe('amber');
	});

	it('turns red the day after the due date, working day or not', () => {
		expect(deadlineLight(clock('2026-11-16', 5), '2026-11-23')).toBe('amber');
		expect(deadlineLight(clock('2026-11-16', 4), '2026-11-21')).toBe('red');
		expect(deadlineLight(clock('2026-02-10', 5), '2026-02-25')).toBe('red');
	});

	it('stays red when an overdue case is then paused', () => {
		expect(deadlineLight(clock('2026-11-02', 2, [{ from: '2026-11-05', to: null }]), '2026-11-10')).toBe('red');
	});
});

describe('deadline properties', () => {
	const lo = toEpochDay('2025-12-01');
	const hi = toEpochDay('2027-11-30');
	const pauseArb = (start: number) =>
		fc
			.tuple(fc.integer({ min: -5, max: 60 }), fc.integer({ min: 0, max: 40 }))
			.map(([offset, length]) => ({ from: fromEpochDay(start + offset), to: fromEpochDay(start + offset + length) }));
	const clockArb = fc
		.tuple(fc.integer({ min: lo, max: hi }), fc.integer({ min: 1, max: 30 }))
		.chain(([start, limit]) =>
			fc.record({
				clock: fc.array(pauseArb(start), { maxLength: 3 }).map((pauses) => clock(fromEpochDay(start), limit, pauses)),
				extraPause: pauseArb(start),
				today: fc.integer({ min: start - 3, max: start + 90 }).map(fromEpochDay)
			})
		);

	it('without pauses, the due date is addWorkingDays(start, limit)', () => {
		fc.assert(
			fc.property(fc.integer({ min: lo, max: hi }), fc.integer({ min: 1, max: 30 }), (start, limit) => {
				const s = fromEpochDay(start);
				expect(due(clock(s, limit))).toBe(addWorkingDays(s, limit));
			})
		);
	});

	it('lands on a working day at least limitDays working days after the start', () => {
		fc.assert(
			fc.property(clockArb, ({ clock: c, today }) => {
				const d = computeDeadline(c, today)!;
				expect(isWorkingDay(d.dueDate)).toBe(true);
				expect(workingDaysBetween(c.startedOn!, d.dueDate)).toBeGreaterThanOrEqual(c.limitDays);
			})
		);
	});

	it('never makes the due date earlier when a pause is added', () => {
		fc.assert(
			fc.property(clockArb, ({ clock: c, extraPause, today }) => {
				const withPause = { ...c, pauses: [...c.pauses, extraPause] };
				expect(due(withPause, today)! >= due(c, today)!).toBe(true);
				expect(computeDeadline(withPause, today)!.usedDays).toBeLessThanOrEqual(computeDeadline(c, today)!.usedDays);
			})
		);
	});

	it('subtracts exactly the working days a lone pause covers from the used days', () => {
		fc.assert(
			fc.property(clockArb, ({ clock: c, extraPause, today }) => {
				const bare = { ...c, pauses: [] };
				const paused = { ...c, pauses: [extraPause] };
				const start = toEpochDay(c.startedOn!);
				let covered = 0;
				for (let d = toEpochDay(extraPause.from); d < toEpochDay(extraPause.to); d++) {
					if (d > start && d <= toEpochDay(today) && isWorkingDay(fromEpochDay(d))) covered++;
				}
				expect(computeDeadline(paused, today)!.usedDays).toBe(computeDeadline(bare, today)!.usedDays - covered);
			})
		);
	});

	it('is unchanged by a pause covering only non-working days', () => {
		fc.assert(
			fc.property(clockArb, fc.integer({ min: lo, max: hi + 60 }), ({ clock: c, today }, from) => {
				let to = from;
				while (!isWorkingDay(fromEpochDay(to))) to++;
				const withPause = { ...c, pauses: [...c.pauses, { from: fromEpochDay(from), to: fromEpochDay(to) }] };
				expect(computeDeadline(withPause, today)).toEqual(computeDeadline(c, today));
			})
		);
	});

	it('treats an open pause as a lower bound of every later close', () => {
		fc.assert(
			fc.property(clockArb, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), ({ clock: c, extraPause, today }, wait, later) => {
				const from = extraPause.from;
				const now = fromEpochDay(Math.max(toEpochDay(today), toEpochDay(from)) + wait);
				const open = { ...c, pauses: [...c.pauses, { from, to: null }] };
				const closed = { ...c, pauses: [...c.pauses, { from, to: fromEpochDay(toEpochDay(now) + later) }] };
				expect(due(closed, now)! >= due(open, now)!).toBe(true);
			})
		);
	});
});
