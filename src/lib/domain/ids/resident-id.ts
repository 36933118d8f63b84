import { chinaToday, isIsoDate, type IsoDate } from '../calendar/iso-date';
import { iso7064PureCheck } from './iso7064';
import { identifierSchema, invalid, normalizeIdentifierInput, type Invalid } from './validation';

/** Resident ID number (居民身份证号), GB 11643-1999. */
export type ResidentIdReason = 'length' | 'characters' | 'area' | 'birth_date' | 'check_character';
export type Sex = 'male' | 'female';
export type ResidentIdResult =
	| { ok: true; normalized: string; birthDate: IsoDate; sex: Sex }
	| Invalid<ResidentIdReason>;

/** Check value 10 is written 'X' (the Roman ten), so the map runs 0-9 then X. */
const CHECK_CHARS = '0123456789X';

export const normalizeResidentId = normalizeIdentifierInput;

/** The check character (0-9 or X) for the first 17 digits, by ISO 7064 MOD 11-2. */
export function computeResidentIdCheckChar(first17: string): string {
	if (!/^\d{17}$/.test(first17)) throw new RangeError('expected the first 17 digits of a resident ID number');
	return CHECK_CHARS.charAt(iso7064PureCheck([...first17].map(Number), 11, 2));
}

/**
 * `today` (China date) bounds the birth date; pass it in tests and on the server so the answer
 * does not depend on the clock. 15-digit first-generation numbers are rejected: they expired
 * with the first-generation cards in 2013.
 */
export function validateResidentId(value: string, today: IsoDate = chinaToday()): ResidentIdResult {
	if (!isIsoDate(today)) throw new RangeError(`today is not a calendar date: ${today}`);
	const id = normalizeResidentId(value);
	if (id.length !== 18) {
		return invalid('length', `a resident ID number has 18 characters, this one has ${id.length}`);
	}
	if (!/^\d{17}[\dX]$/.test(id)) {
		return invalid('characters', 'a resident ID number is 17 digits followed by a digit or X');
	}
	if (!/^[1-8]/.test(id)) {
		return invalid('area', `area code ${id.slice(0, 6)} is not valid: it must start with 1-8`);
	}
	const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
	if (!isIsoDate(birthDate)) {
		return invalid('birth_date', `birth date ${birthDate} is not a real calendar date`);
	}
	if (birthDate < '1900-01-01') {
		return invalid('birth_date', `birth date ${birthDate} is before 1900`);
	}
	if (birthDate > today) {
		return invalid('birth_date', `birth date ${birthDate} is in the future`);
	}
	// The expected character is deliberately not shown: when the check fails the mistyped
	// character is usually elsewhere, and "fixing" the last one would hide the error.
	if (id.charAt(17) !== computeResidentIdCheckChar(id.slice(0, 17))) {
		return invalid('check_character', 'the check character does not match: a character is probably mistyped');
	}
	// The 17th character is the sequence's last digit, odd for men and even for women.
	const sex: Sex = Number(id.charAt(16)) % 2 === 1 ? 'male' : 'female';
	return { ok: true, normalized: id, birthDate, sex };
}

/** Parses to the normalised number (upper-case X); the issue carries `params.reason`. */
export const residentIdSchema = identifierSchema(normalizeResidentId, (v) => validateResidentId(v));
