import { identifierSchema, invalid, normalizeIdentifierInput, type Invalid } from './validation';

/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015:
 * [1] registration authority (登记管理部门) [2] organisation type (机构类别)
 * [3-8] area code of the registering authority [9-17] organisation code [18] check.
 */
export type UsccReason = 'length' | 'characters' | 'area' | 'check_character';
export type UsccResult =
	| { ok: true; normalized: string; registrationAuthority: string; organizationType: string; areaCode: string }
	| Invalid<UsccReason>;

/** I, O, Z, S and V are left out because they are easily misread as 1, 0, 2, 5 and U. */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** 3^i mod 31, i = 0…16, as printed in the standard. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export const normalizeUscc = normalizeIdentifierInput;

/** The check character for the first 17 characters. */
export function computeUsccCheckChar(first17: string): string {
	if (first17.length !== 17 || [...first17].some((c) => !CHARSET.includes(c))) {
		throw new RangeError('expected the first 17 characters of a unified social credit code');
	}
	let sum = 0;
	WEIGHTS.forEach((w, i) => {
		sum += CHARSET.indexOf(first17.charAt(i)) * w;
	});
	return CHARSET.charAt((31 - (sum % 31)) % 31);
}

/**
 * The registration authority and organisation type characters are returned, not checked
 * against the standard's table: authorities have been added by amendment since 2015, and
 * refusing a real licence at the counter costs more than accepting an odd first character
 * whose check character is right anyway.
 */
export function validateUscc(value: string): UsccResult {
	const code = normalizeUscc(value);
	if (code.length !== 18) {
		return invalid('length', `a unified social credit code has 18 characters, this one has ${code.length}`);
	}
	const bad = [...code].find((c) => !CHARSET.includes(c));
	if (bad !== undefined) {
		return invalid('characters', `"${bad}" cannot appear in a unified social credit code (no I, O, Z, S or V)`);
	}
	const areaCode = code.slice(2, 8);
	if (!/^\d{6}$/.test(areaCode)) {
		return invalid('area', `characters 3-8 (${areaCode}) must be a 6-digit area code`);
	}
	if (code.charAt(17) !== computeUsccCheckChar(code.slice(0, 17))) {
		return invalid('check_character', 'the check character does not match: a character is probably mistyped');
	}
	return {
		ok: true,
		normalized: code,
		registrationAuthority: code.charAt(0),
		organizationType: code.charAt(1),
		areaCode
	};
}

export const usccSchema = identifierSchema(normalizeUscc, validateUscc);
