import { fromEpochDay, toEpochDay, weekdayOfEpochDay, type IsoDate } from './iso-date';
import { prcHolidays } from './prc-holidays.data';

/**
 * Working days of PRC government offices. Convention for every count here: the start date
 * itself never counts (a case accepted on Monday with a 1-day limit is due on Tuesday), which is
 * how promised limits (承诺时限) are counted from acceptance.
 */

const offDays = new Set<number>();
const adjustedWorkdays = new Set<number>();
for (const year of Object.values(prcHolidays)) {
	for (const h of year.holidays) {
		for (let d = toEpochDay(h.from); d <= toEpochDay(h.to); d++) offDays.add(d);
	}
	for (const d of year.adjustedWorkdays) adjustedWorkdays.add(toEpochDay(d));
}

/** Whether holiday data exists for the year; outside it only weekends are days off. */
export function isCovered(year: number): boolean {
	return Object.hasOwn(prcHolidays, year);
}

/** Covered, but by dates inferred before the official notice was published. */
export function isProvisional(year: number): boolean {
	return prcHolidays[year]?.provisional ?? false;
}

export function isWorkingEpochDay(day: number): boolean {
	if (adjustedWorkdays.has(day)) return true;
	if (offDays.has(day)) return false;
	const weekday = weekdayOfEpochDay(day);
	return weekday !== 0 && weekday !== 6;
}

export function isWorkingDay(date: IsoDate): boolean {
	return isWorkingEpochDay(toEpochDay(date));
}

/** The n-th working day after `date` (n = 0 gives `date` itself, working day or not). */
export function addWorkingDays(date: IsoDate, n: number): IsoDate {
	if (!Number.isInteger(n) || n < 0) {
		throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
	}
	let day = toEpochDay(date);
	for (let left = n; left > 0; ) {
		day++;
		if (isWorkingEpochDay(day)) left--;
	}
	return fromEpochDay(day);
}

/**
 * Working days in (a, b]: after a, up to and including b, so that
 * workingDaysBetween(a, addWorkingDays(a, n)) === n. Negative when b is before a, which reads
 * as "overdue by" when a is the due date and b is today.
 */
export function workingDaysBetween(a: IsoDate, b: IsoDate): number {
	const from = toEpochDay(a);
	const to = toEpochDay(b);
	const [lo, hi] = from <= to ? [from, to] : [to, from];
	let count = 0;
	for (let day = lo + 1; day <= hi; day++) if (isWorkingEpochDay(day)) count++;
	// 0 - count, not -count, so an empty range gives 0 rather than -0.
	return from <= to ? count : 0 - count;
}
