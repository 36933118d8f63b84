import type { CaseClock } from '../case/clock.schema';
import { chinaToday, fromEpochDay, toEpochDay, type IsoDate } from './iso-date';
import { isWorkingEpochDay } from './working-days';

/**
 * The time-limited completion clock (限时办结). Days counted: working days after the acceptance
 * date (the acceptance day itself does not count) that are not paused. A pause { from, to }
 * covers [from, to): the day a correction is requested does not count, the day it is received
 * does. An open pause (to = null) covers every day from `from` on.
 */
export interface Deadline {
	/**
	 * The limitDays-th counted day. While paused this is the earliest it can be — the due date if
	 * the correction were received today — and it moves one working day later for every further
	 * working day of the pause.
	 */
	dueDate: IsoDate;
	/** A correction is outstanding (open pause) and the clock has not stopped. */
	paused: boolean;
	/** Counted days so far: up to and including today, or the stop date once stopped. */
	usedDays: number;
	/** limitDays - usedDays: 0 on the due date, negative by the working days past it. */
	remainingDays: number;
}

export type DeadlineLight = 'on_time' | 'amber' | 'red' | 'paused' | 'not_started' | 'stopped';

/** Half-open ranges of epoch days. */
type Span = { from: number; to: number };

/** Nothing real takes this long; a bound turns corrupt data into an error instead of a hang. */
const MAX_SEARCH_DAYS = 366 * 20;

function pauseSpans(clock: CaseClock, openPauseEnd: number): Span[] {
	const stop = clock.stoppedOn === null ? Infinity : toEpochDay(clock.stoppedOn) + 1;
	return clock.pauses.map((p) => ({
		from: toEpochDay(p.from),
		// Days after the stop never count, so nothing after it is paused either; a pause left
		// open at the stop (refused while awaiting a correction) covers the stop day.
		to: Math.min(p.to === null ? openPauseEnd : toEpochDay(p.to), stop)
	}));
}

function counts(day: number, spans: readonly Span[]): boolean {
	return isWorkingEpochDay(day) && !spans.some((s) => s.from <= day && day < s.to);
}

/** Null until the case is accepted: before that there is no clock to compute. */
export function computeDeadline(clock: CaseClock, today: IsoDate = chinaToday()): Deadline | null {
	if (clock.startedOn === null) return null;
	const start = toEpochDay(clock.startedOn);
	const now = toEpochDay(today);
	const stopped = clock.stoppedOn !== null;

	const usedUntil = clock.stoppedOn === null ? now : Math.min(now, toEpochDay(clock.stoppedOn));
	const spansSoFar = pauseSpans(clock, Infinity);
	let usedDays = 0;
	for (let day = start + 1; day <= usedUntil; day++) if (counts(day, spansSoFar)) usedDays++;

	const spansIfResumedToday = pauseSpans(clock, now);
	let dueDay = start;
	for (let counted = 0; counted < clock.limitDays; ) {
		dueDay++;
		if (dueDay - start > MAX_SEARCH_DAYS) throw new RangeError('case clock never reaches its limit');
		if (counts(dueDay, spansIfResumedToday)) counted++;
	}

	return {
		dueDate: fromEpochDay(dueDay),
		paused: !stopped && clock.pauses.some((p) => p.to === null),
		usedDays,
		remainingDays: clock.limitDays - usedDays
	};
}

/**
 * The red/amber warning (红黄灯预警). Amber when at most 20% of the limit or at most one
 * working day is left (so it shows on the due date itself); red once the due date has passed,
 * even while paused, because an overdue case stays overdue whatever happens next.
 */
export function deadlineLight(clock: CaseClock, today: IsoDate = chinaToday()): DeadlineLight {
	const deadline = computeDeadline(clock, today);
	if (deadline === null) return 'not_started';
	if (clock.stoppedOn !== null) return 'stopped';
	if (today > deadline.dueDate) return 'red';
	if (deadline.paused) return 'paused';
	const left = deadline.remainingDays;
	return left <= 1 || left * 5 <= clock.limitDays ? 'amber' : 'on_time';
}
