export { chinaToday, isIsoDate, addDays, type IsoDate } from './iso-date';
export { prcHolidays, type HolidayYear } from './prc-holidays.data';
export { isCovered, isProvisional, isWorkingDay, addWorkingDays, workingDaysBetween } from './working-days';
export { computeDeadline, deadlineLight, type Deadline, type DeadlineLight } from './deadline';
