import type { IsoDate } from './iso-date';

/**
 * PRC public holidays and adjusted working days (调休), one entry per year, from the State
 * Council General Office's yearly notice (国务院办公厅关于 YYYY 年部分节假日安排的通知,
 * usually published in November for the next year). When a notice appears, add or replace
 * the year here and set `provisional: false`; nothing else needs to change.
 * A year not listed falls back to "Monday-Friday work", and the UI warns (isCovered).
 */
export interface HolidayYear {
	/** Where the dates come from, shown to supervisors next to any deadline in this year. */
	source: string;
	/** True while the dates are inferred rather than copied from the official notice. */
	provisional: boolean;
	/** Days off, each festival as an inclusive range that may include ordinary weekend days. */
	holidays: readonly { name: string; from: IsoDate; to: IsoDate }[];
	/** Weekend days that are working days (调休上班). */
	adjustedWorkdays: readonly IsoDate[];
}

export const prcHolidays: Readonly<Record<number, HolidayYear>> = {
	2026: {
		source: '国务院办公厅关于2026年部分节假日安排的通知 (State Council General Office, November 2025)',
		provisional: false,
		holidays: [
			{ name: '元旦', from: '2026-01-01', to: '2026-01-03' },
			{ name: '春节', from: '2026-02-15', to: '2026-02-23' },
			{ name: '清明节', from: '2026-04-04', to: '2026-04-06' },
			{ name: '劳动节', from: '2026-05-01', to: '2026-05-05' },
			{ name: '端午节', from: '2026-06-19', to: '2026-06-21' },
			{ name: '中秋节', from: '2026-09-25', to: '2026-09-27' },
			{ name: '国庆节', from: '2026-10-01', to: '2026-10-07' }
		],
		adjustedWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']
	},
	/**
	 * PROVISIONAL until the State Council notice for 2027; update the data module when it is
	 * published. Inferred from the lunar dates (除夕 Feb 5, 春节 Feb 6, 清明 Apr 5, 端午 Jun 9,
	 * 中秋 Sep 15) and the practice since the 2025 rules: 春节 about 8 days from 除夕 (here
	 * Feb 5-12, then the ordinary weekend), 劳动节 5 days, 国庆节 7 days, at most six working
	 * days in a row around a holiday. 2027 has 2021's weekdays, so 元旦, 清明, 劳动节 and 国庆节
	 * follow the 2021 notice (劳动节 now needs one make-up day, not two). 端午 and 中秋 fall on
	 * Wednesdays and are guessed as single days off.
	 */
	2027: {
		source: 'provisional: inferred from the lunar calendar and the 2025 holiday rules, pending 国务院办公厅关于2027年部分节假日安排的通知',
		provisional: true,
		holidays: [
			{ name: '元旦', from: '2027-01-01', to: '2027-01-03' },
			{ name: '春节', from: '2027-02-05', to: '2027-02-12' },
			{ name: '清明节', from: '2027-04-03', to: '2027-04-05' },
			{ name: '劳动节', from: '2027-05-01', to: '2027-05-05' },
			{ name: '端午节', from: '2027-06-09', to: '2027-06-09' },
			{ name: '中秋节', from: '2027-09-15', to: '2027-09-15' },
			{ name: '国庆节', from: '2027-10-01', to: '2027-10-07' }
		],
		adjustedWorkdays: ['2027-01-31', '2027-02-20', '2027-05-08', '2027-09-26', '2027-10-09']
	}
};
