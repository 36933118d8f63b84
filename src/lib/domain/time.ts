/**
 * Dates in China Standard Time. Deadlines, case numbers and "today" are all CST calendar
 * dates whatever the device's or server's own time zone is (servers often run in UTC).
 */
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/** 'YYYY-MM-DD' of the instant in China Standard Time (UTC+8, no daylight saving). */
export function chinaDate(instant: Date): string {
	return new Date(instant.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}
