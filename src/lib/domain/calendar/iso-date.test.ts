import { describe, expect, it } from 'vitest';
import { addDays, chinaToday, fromEpochDay, isIsoDate, toEpochDay, weekdayOfEpochDay } from './iso-date';

describe('iso dates', () => {
	it('knows real calendar dates', () => {
		expect(isIsoDate('2028-02-29')).toBe(true);
		expect(isIsoDate('2026-02-29')).toBe(false);
		expect(isIsoDate('2026-02-30')).toBe(false);
		expect(isIsoDate('2026-13-01')).toBe(false);
		expect(isIsoDate('2026-1-01')).toBe(false);
		expect(isIsoDate('0099-01-01')).toBe(true);
	});

	it('does day arithmetic across months, leap days and years', () => {
		expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
		expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(fromEpochDay(toEpochDay('2026-11-23'))).toBe('2026-11-23');
		expect(() => toEpochDay('2026-02-30')).toThrow(RangeError);
	});

	it('gives weekdays with Sunday = 0', () => {
		expect(weekdayOfEpochDay(toEpochDay('2026-11-23'))).toBe(1);
		expect(weekdayOfEpochDay(toEpochDay('2026-02-14'))).toBe(6);
		expect(weekdayOfEpochDay(toEpochDay('1969-12-28'))).toBe(0);
	});

	it('takes today in China Standard Time, not the device time zone', () => {
		expect(chinaToday(new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-23');
		expect(chinaToday(new Date('2026-11-23T16:00:00Z'))).toBe('2026-11-24');
	});
});
