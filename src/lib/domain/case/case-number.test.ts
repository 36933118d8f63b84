import { describe, expect, it } from 'vitest';
import {
	caseNumberSchema,
	computeCaseNumberCheckChar,
	formatCaseNumber,
	isValidCaseNumber,
	parseCaseNumber,
	type CaseNumberParts
} from './case-number';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*';
const parts: CaseNumberParts = { villageCode: '360121100201', date: '2026-11-23', deviceTag: 'K7Q', sequence: 1 };
const number = formatCaseNumber(parts);

/** ISO 7064 MOD 37-2 as the standard states it: Σ value × 2^(position from the right) ≡ 1 (mod 37). */
function satisfiesMod37_2(compact: string): boolean {
	let sum = 0n;
	[...compact].reverse().forEach((c, i) => {
		sum += BigInt(ALPHABET.indexOf(c)) * 2n ** BigInt(i);
	});
	return sum % 37n === 1n;
}

describe('formatCaseNumber', () => {
	it('prints station, date, device, sequence and check character', () => {
		expect(number).toBe('360121100201-261123-K7Q-0001-7');
		expect(satisfiesMod37_2(number.replace(/-/g, ''))).toBe(true);
	});

	it('satisfies the MOD 37-2 equation for every sequence of a day, * included', () => {
		const checks = new Set<string>();
		for (let sequence = 1; sequence <= 400; sequence++) {
			const n = formatCaseNumber({ ...parts, sequence });
			checks.add(n.slice(-1));
			expect(satisfiesMod37_2(n.replace(/-/g, ''))).toBe(true);
			expect(isValidCaseNumber(n)).toBe(true);
		}
		expect(checks.has('*')).toBe(true);
		expect(formatCaseNumber({ ...parts, sequence: 5 })).toBe('360121100201-261123-K7Q-0005-*');
	});

	it('refuses parts that cannot be printed', () => {
		expect(() => formatCaseNumber({ ...parts, villageCode: '36012110020' })).toThrow(RangeError);
		expect(() => formatCaseNumber({ ...parts, date: '2026-02-30' })).toThrow(RangeError);
		expect(() => formatCaseNumber({ ...parts, date: '2100-01-01' })).toThrow(RangeError);
		expect(() => formatCaseNumber({ ...parts, deviceTag: 'k7q' })).toThrow(RangeError);
		expect(() => formatCaseNumber({ ...parts, sequence: 0 })).toThrow(RangeError);
		expect(() => formatCaseNumber({ ...parts, sequence: 10000 })).toThrow(RangeError);
		expect(() => computeCaseNumberCheckChar('360121100201')).toThrow(RangeError);
	});
});

describe('parseCaseNumber', () => {
	it('round-trips the parts', () => {
		expect(parseCaseNumber(number)).toEqual({ ok: true, normalized: number, parts });
		const last = { ...parts, deviceTag: 'Z9A', sequence: 9999, date: '2099-12-31' };
		expect(parseCaseNumber(formatCaseNumber(last))).toMatchObject({ ok: true, parts: last });
	});

	it('accepts lower case, full-width characters, spaces and missing dashes', () => {
		for (const typed of ['360121100201-261123-k7q-0001-7', '3601211002012611 23K7Q00017', '３６０１２１１００２０１－２６１１２３－Ｋ７Ｑ－０００１－７']) {
			expect(parseCaseNumber(typed)).toMatchObject({ ok: true, normalized: number });
		}
	});

	it('detects every single-character typo', () => {
		const compact = number.replace(/-/g, '');
		for (let i = 0; i < compact.length; i++) {
			for (const c of ALPHABET) {
				if (c === compact.charAt(i)) continue;
				const typo = compact.slice(0, i) + c + compact.slice(i + 1);
				expect(isValidCaseNumber(typo), typo).toBe(false);
			}
		}
	});

	it('detects every transposition of two different characters, adjacent or not', () => {
		const compact = number.replace(/-/g, '');
		for (let i = 0; i < compact.length; i++) {
			for (let j = i + 1; j < compact.length; j++) {
				const [a, b] = [compact.charAt(i), compact.charAt(j)];
				if (a === b) continue;
				const swapped = compact.slice(0, i) + b + compact.slice(i + 1, j) + a + compact.slice(j + 1);
				expect(isValidCaseNumber(swapped), swapped).toBe(false);
			}
		}
	});

	it('names the specific problem', () => {
		const withCheck = (body: string) => body + computeCaseNumberCheckChar(body);
		expect(parseCaseNumber('360121100201-261123-K7Q-0001')).toMatchObject({ ok: false, reason: 'length' });
		expect(parseCaseNumber('360121100201-261123-K7Q-0001-#')).toMatchObject({ ok: false, reason: 'characters' });
		expect(parseCaseNumber('360121100201-261123-K*Q-0001-7')).toMatchObject({ ok: false, reason: 'characters' });
		expect(parseCaseNumber(withCheck('3601211002A1261123K7Q0001'))).toMatchObject({ ok: false, reason: 'village_code' });
		expect(parseCaseNumber(withCheck('360121100201260230K7Q0001'))).toMatchObject({ ok: false, reason: 'date' });
		expect(parseCaseNumber(withCheck('360121100201261123K7Q0000'))).toMatchObject({ ok: false, reason: 'sequence' });
		expect(parseCaseNumber(withCheck('360121100201261123K7Q00A1'))).toMatchObject({ ok: false, reason: 'sequence' });
		expect(parseCaseNumber('360121100201-261123-K7Q-0001-8')).toMatchObject({ ok: false, reason: 'check_character' });
	});
});

describe('caseNumberSchema', () => {
	it('parses to the printed form and reports the reason', () => {
		expect(caseNumberSchema.parse('360121100201261123k7q00017')).toBe(number);
		expect(caseNumberSchema.safeParse('360121100201-261123-K7Q-0001-8').error?.issues[0]).toMatchObject({
			params: { reason: 'check_character' }
		});
	});
});
