import { identifierSchema, invalid, normalizeIdentifierInput, type Invalid } from './validation';

/** Mainland mobile number: 11 digits, 1 then 3-9 (the second digit names the network block). */
export type MobileReason = 'length' | 'characters' | 'prefix';
export type MobileResult = { ok: true; normalized: string } | Invalid<MobileReason>;

/**
 * Numbers are copied as "138-0013-8000" or "+86 138 0013 8000"; the country code is dropped
 * because only mainland numbers can receive the SMS notices.
 */
export function normalizeMobile(raw: string): string {
	return normalizeIdentifierInput(raw)
		.replace(/-/g, '')
		.replace(/^(?:\+86|0086|86)(?=\d{11}$)/, '');
}

export function validateMobile(value: string): MobileResult {
	const phone = normalizeMobile(value);
	if (phone.length !== 11) {
		return invalid('length', `a mobile number has 11 digits, this one has ${phone.length}`);
	}
	if (!/^\d{11}$/.test(phone)) {
		return invalid('characters', 'a mobile number contains digits only');
	}
	if (!/^1[3-9]/.test(phone)) {
		return invalid('prefix', 'a mobile number starts with 1 followed by 3-9');
	}
	return { ok: true, normalized: phone };
}

export const mobileSchema = identifierSchema(normalizeMobile, validateMobile);
