import { PIN_LENGTH } from './params';

export type PinProblem = 'format' | 'weak';

/**
 * PINs that people pick first; with six digits and five tries these are what a thief tries
 * first. Sequences and repeats are caught by the rules below; this list holds the rest
 * (keypad patterns and popular Chinese number puns such as 520 "I love you").
 */
const COMMON = new Set(['147258', '258369', '159753', '147369', '102030', '520520', '520131', '521521', '131420', '201314', '168168', '888999']);

/** Null when the PIN is acceptable, else why not. */
export function checkPin(pin: string): PinProblem | null {
	if (!new RegExp(`^\\d{${PIN_LENGTH}}$`).test(pin)) return 'format';
	const digits = [...pin].map(Number);
	const steps = new Set(digits.slice(1).map((d, i) => (d - digits[i]! + 10) % 10));
	// 000000, 123456, 654321, 890123 (one repeated step, wrapping round the keypad).
	if (steps.size === 1 && [0, 1, 9].includes([...steps][0]!)) return 'weak';
	// 121212, 123123, 112233 style repeats.
	if (pin === pin.slice(0, 2).repeat(3) || pin === pin.slice(0, 3).repeat(2)) return 'weak';
	if (pin[0] === pin[1] && pin[2] === pin[3] && pin[4] === pin[5]) return 'weak';
	// At most two different digits (111222, 101010, 999000).
	if (new Set(digits).size <= 2) return 'weak';
	return COMMON.has(pin) ? 'weak' : null;
}

/** Full-width digits (typed with a Chinese input method on) count as the same digits. */
export function normalizePin(input: string): string {
	return input.trim().replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}
