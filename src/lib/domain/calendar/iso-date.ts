/**
 * Calendar dates as 'YYYY-MM-DD' strings in China Standard Time. Arithmetic goes through
 * whole days since 1970-01-01 computed in UTC, so the host's time zone and DST never shift a
 * date. Strings in this format also compare correctly with < and >.
 */
export type IsoDate = string;

const DAY_MS = 86_400_000;
/** China has used UTC+8 all year, without daylight saving, since 1991. */
const CHINA_OFFSET_MS = 8 * 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function utcMidnight(year: number, month: number, day: number): number {
	// setUTCFullYear, unlike Date.UTC, does not map years 0-99 onto 1900-1999.
	const d = new Date(0);
	d.setUTCFullYear(year, month - 1, day);
	return d.getTime();
}

/** Whether the string is a real calendar date: '2026-02-30' is not. */
export function isIsoDate(value: string): boolean {
	const m = ISO_DATE.exec(value);
	if (!m) return false;
	const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
	if (month < 1 || month > 12 || day < 1 || day > 31) return false;
	const d = new Date(utcMidnight(year, month, day));
	return d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

export function toEpochDay(date: IsoDate): number {
	if (!isIsoDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
	return utcMidnight(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))) / DAY_MS;
}

export function fromEpochDay(day: number): IsoDate {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, n: number): IsoDate {
	return fromEpochDay(toEpochDay(date) + n);
}

/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
export function weekdayOfEpochDay(day: number): number {
	return (((day + 4) % 7) + 7) % 7;
}

/** Today's date in China, whatever the device's time zone setting says. */
export function chinaToday(now: Date = new Date()): IsoDate {
	return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
