import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromEpochDay, toEpochDay, weekdayOfEpochDay } from './iso-date';
import { prcHolidays } from './prc-holidays.data';
import { addWorkingDays, isCovered, isProvisional, isWorkingDay, workingDaysBetween } from './working-days';

const dateArb = fc
	.integer({ min: toEpochDay('2025-11-01'), max: toEpochDay('2028-03-31') })
	.map(fromEpochDay);

describe('holiday data', () => {
	it('is internally consistent', () => {
		for (const [year, data] of Object.entries(prcHolidays)) {
			expect(data.source).not.toBe('');
			for (const h of data.holidays) {
				expect(h.from <= h.to, `${h.name} ${h.from}`).toBe(true);
				expect(h.from.startsWith(year) && h.to.startsWith(year)).toBe(true);
				for (const w of data.adjustedWorkdays) expect(w >= h.from && w <= h.to).toBe(false);
			}
			for (const w of data.adjustedWorkdays) {
				expect([0, 6], `${w} is a weekend day`).toContain(weekdayOfEpochDay(toEpochDay(w)));
			}
		}
	});

	it('covers 2026 officially and 2027 provisionally', () => {
		expect(isCovered(2026) && !isProvisional(2026)).toBe(true);
		expect(isCovered(2027) && isProvisional(2027)).toBe(true);
		expect(isCovered(2025)).toBe(false);
		expect(isCovered(2028)).toBe(false);
	});
});

describe('isWorkingDay', () => {
	it('follows the 2026 notice, adjusted weekend working days included', () => {
		for (const d of ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']) {
			expect(isWorkingDay(d), d).toBe(true);
		}
		for (let d = toEpochDay('2026-02-15'); d <= toEpochDay('2026-02-23'); d++) {
			expect(isWorkingDay(fromEpochDay(d)), fromEpochDay(d)).toBe(false);
		}
		for (const d of ['2026-01-01', '2026-01-02', '2026-04-06', '2026-05-05', '2026-06-19', '2026-09-25', '2026-10-07']) {
			expect(isWorkingDay(d), d).toBe(false);
		}
		expect(isWorkingDay('2026-02-24')).toBe(true);
		expect(isWorkingDay('2026-11-21')).toBe(false);
		expect(isWorkingDay('2026-11-23')).toBe(true);
	});

	it('falls back to Monday-Friday outside the covered years', () => {
		expect(isWorkingDay('2028-01-01')).toBe(false);
		expect(isWorkingDay('2028-01-03')).toBe(true);
		expect(isWorkingDay('2025-10-01')).toBe(true);
	});
});

describe('addWorkingDays', () => {
	it('counts across Spring Festival 2026 and its adjusted Saturdays', () => {
		expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
		expect(addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
		expect(addWorkingDays('2026-02-12', 5)).toBe('2026-02-26');
		expect(addWorkingDays('2026-02-26', 2)).toBe('2026-02-28');
		expect(addWorkingDays('2026-02-27', 2)).toBe('2026-03-02');
	});

	it('counts across Mid-Autumn and National Day 2026', () => {
		expect(addWorkingDays('2026-09-18', 1)).toBe('2026-09-20');
		expect(addWorkingDays('2026-09-24', 1)).toBe('2026-09-28');
		expect(addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
		expect(addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
		expect(addWorkingDays('2026-09-30', 4)).toBe('2026-10-12');
	});

	it('does not count the start date, so n = 0 is the start date itself', () => {
		expect(addWorkingDays('2026-11-23', 1)).toBe('2026-11-24');
		expect(addWorkingDays('2026-02-15', 0)).toBe('2026-02-15');
	});

	it('rejects negative or fractional counts and malformed dates', () => {
		expect(() => addWorkingDays('2026-11-23', -1)).toThrow(RangeError);
		expect(() => addWorkingDays('2026-11-23', 1.5)).toThrow(RangeError);
		expect(() => addWorkingDays('2026-11-31', 1)).toThrow(RangeError);
	});

	it('always lands on a working day strictly after the start for n ≥ 1', () => {
		fc.assert(
			fc.property(dateArb, fc.integer({ min: 1, max: 60 }), (d, n) => {
				const due = addWorkingDays(d, n);
				expect(isWorkingDay(due)).toBe(true);
				expect(due > d).toBe(true);
			})
		);
	});

	it('is strictly increasing in n', () => {
		fc.assert(
			fc.property(dateArb, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 30 }), (d, n, k) => {
				expect(addWorkingDays(d, n) < addWorkingDays(d, n + k)).toBe(true);
			})
		);
	});
});

describe('workingDaysBetween', () => {
	it('counts working days after a up to and including b', () => {
		expect(workingDaysBetween('2026-09-18', '2026-10-12')).toBe(12);
		expect(workingDaysBetween('2026-02-13', '2026-02-24')).toBe(2);
		expect(workingDaysBetween('2026-11-23', '2026-11-23')).toBe(0);
		expect(workingDaysBetween('2026-10-12', '2026-09-18')).toBe(-12);
	});

	it('inverts addWorkingDays and is antisymmetric', () => {
		fc.assert(
			fc.property(dateArb, dateArb, fc.integer({ min: 0, max: 60 }), (a, b, n) => {
				expect(workingDaysBetween(a, addWorkingDays(a, n))).toBe(n);
				expect(workingDaysBetween(a, b) + workingDaysBetween(b, a)).toBe(0);
			})
		);
	});
});
