import { isIsoDate, type IsoDate } from '../calendar/iso-date';
import { iso7064PureCheck } from '../ids/iso7064';
import { identifierSchema, invalid, normalizeIdentifierInput, type Invalid } from '../ids/validation';

/**
 * Case numbers (办件编号) are issued by the device at intake, offline, and printed on the receipt
 * notice at once:  <station code 12>-<YYMMDD>-<device tag 3>-<sequence 4>-<check 1>,
 * e.g. 360121100201-261123-K7Q-0001-M.
 *
 * Why they are unique county-wide without asking the server:
 * - the station code is the village's 12-digit statistical division code (统计用区划代码), unique
 *   nationally; a township centre uses its own 12-digit code (township code + '000'), which no
 *   village shares;
 * - the device tag is assigned by the server when the device is enrolled and is unique among the
 *   devices of that station (36³ = 46,656 tags per station);
 * - the sequence counts per device per China date and is persisted on the device with the date
 *   it belongs to, so a clock set back to an earlier day continues that day's sequence instead
 *   of reusing numbers. 9,999 cases per device per day is far beyond any station's load.
 *
 * The check character is ISO 7064 MOD 37-2 over the 25 characters without dashes (values 0-9,
 * A-Z = 10-35, '*' = 36 as the check only). It catches every single-character error and every
 * swap of two characters anywhere in the number (2 has order 36 modulo 37, more than the 26
 * positions), the usual slips when a number is read out over the phone or typed into the
 * status query.
 */
export interface CaseNumberParts {
	villageCode: string;
	/** Date of intake (China date); years 2000-2099, as the number carries YY. */
	date: IsoDate;
	deviceTag: string;
	sequence: number;
}

export type CaseNumberReason =
	| 'length'
	| 'characters'
	| 'village_code'
	| 'date'
	| 'device_tag'
	| 'sequence'
	| 'check_character';

export type ParsedCaseNumber =
	| { ok: true; normalized: string; parts: CaseNumberParts }
	| Invalid<CaseNumberReason>;

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*';
const BODY_LENGTH = 25;

/** The check character for the 25 characters of a case number without dashes or check. */
export function computeCaseNumberCheckChar(body: string): string {
	if (!/^[0-9A-Z]{25}$/.test(body)) throw new RangeError('expected 25 characters 0-9 or A-Z');
	return ALPHABET.charAt(iso7064PureCheck([...body].map((c) => ALPHABET.indexOf(c)), 37, 2));
}

function partsError(parts: CaseNumberParts): Invalid<CaseNumberReason> | null {
	if (!/^\d{12}$/.test(parts.villageCode)) {
		return invalid('village_code', 'the station code must be 12 digits');
	}
	if (!isIsoDate(parts.date) || parts.date < '2000-01-01' || parts.date > '2099-12-31') {
		return invalid('date', `${parts.date} is not a calendar date in 2000-2099`);
	}
	if (!/^[0-9A-Z]{3}$/.test(parts.deviceTag)) {
		return invalid('device_tag', 'the device tag must be 3 characters 0-9 or A-Z');
	}
	if (!Number.isInteger(parts.sequence) || parts.sequence < 1 || parts.sequence > 9999) {
		return invalid('sequence', 'the daily sequence must be 0001-9999');
	}
	return null;
}

export function formatCaseNumber(parts: CaseNumberParts): string {
	const error = partsError(parts);
	if (error) throw new RangeError(error.message);
	const yymmdd = parts.date.slice(2, 4) + parts.date.slice(5, 7) + parts.date.slice(8, 10);
	const segments = [parts.villageCode, yymmdd, parts.deviceTag, String(parts.sequence).padStart(4, '0')];
	return [...segments, computeCaseNumberCheckChar(segments.join(''))].join('-');
}

/** Folds what people type (see parseCaseNumber) into the printed form where the length allows. */
export function normalizeCaseNumber(value: string): string {
	const compact = normalizeIdentifierInput(value).replace(/-/g, '');
	if (compact.length !== BODY_LENGTH + 1) return compact;
	const cuts = [0, 12, 18, 21, 25, 26];
	return cuts.slice(1).map((end, i) => compact.slice(cuts[i], end)).join('-');
}

/**
 * Accepts what people type: lower case, full-width characters, spaces, or the dashes left out;
 * `normalized` is the printed form.
 */
export function parseCaseNumber(value: string): ParsedCaseNumber {
	const compact = normalizeCaseNumber(value).replace(/-/g, '');
	if (compact.length !== BODY_LENGTH + 1) {
		const expected = BODY_LENGTH + 1;
		return invalid('length', `a case number has ${expected} characters besides dashes, this one has ${compact.length}`);
	}
	if (!/^[0-9A-Z]{25}[0-9A-Z*]$/.test(compact)) {
		return invalid('characters', 'a case number contains digits and letters only (the last may be *)');
	}
	const yymmdd = compact.slice(12, 18);
	const parts: CaseNumberParts = {
		villageCode: compact.slice(0, 12),
		date: `20${yymmdd.slice(0, 2)}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`,
		deviceTag: compact.slice(18, 21),
		sequence: /^\d{4}$/.test(compact.slice(21, 25)) ? Number(compact.slice(21, 25)) : NaN
	};
	const error = partsError(parts);
	if (error) return error;
	if (compact.charAt(25) !== computeCaseNumberCheckChar(compact.slice(0, 25))) {
		return invalid('check_character', 'the check character does not match: a character is probably mistyped');
	}
	return { ok: true, normalized: normalizeCaseNumber(compact), parts };
}

export function isValidCaseNumber(value: string): boolean {
	return parseCaseNumber(value).ok;
}

/** Parses to the printed form; the issue carries `params.reason`. */
export const caseNumberSchema = identifierSchema(normalizeCaseNumber, parseCaseNumber);
