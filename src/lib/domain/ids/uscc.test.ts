import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeUsccCheckChar, usccSchema, validateUscc } from './uscc';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

describe('validateUscc', () => {
	it('accepts the commonly cited 91350100M000100Y43', () => {
		// By hand: M = 21, Y = 30; Σ value × weight = 1640 ≡ 28 (mod 31); 31 - 28 = 3.
		expect(validateUscc('91350100M000100Y43')).toEqual({
			ok: true,
			normalized: '91350100M000100Y43',
			registrationAuthority: '9',
			organizationType: '1',
			areaCode: '350100'
		});
	});

	it('accepts codes computed here and checked by hand', () => {
		// Σ = 1014 ≡ 22 (mod 31); 31 - 22 = 9
		expect(validateUscc('91360121MA00000019').ok).toBe(true);
		// Σ = 775 ≡ 0 (mod 31); 31 - 0 = 31, which wraps to 0
		expect(computeUsccCheckChar('91360121570000007')).toBe('0');
		expect(validateUscc('913601215700000070').ok).toBe(true);
	});

	it('normalises lower case and spaces', () => {
		const result = validateUscc('91350100m000100y43 ');
		expect(result.ok && result.normalized).toBe('91350100M000100Y43');
	});

	it('rejects a wrong check character', () => {
		expect(validateUscc('91350100M000100Y44')).toMatchObject({ ok: false, reason: 'check_character' });
	});

	it('detects every single-character typo and every adjacent transposition', () => {
		const code = '91350100M000100Y43';
		for (let i = 0; i < 18; i++) {
			for (const c of CHARSET) {
				if (c === code.charAt(i)) continue;
				expect(validateUscc(code.slice(0, i) + c + code.slice(i + 1)).ok).toBe(false);
			}
			const a = code.charAt(i);
			const b = code.charAt(i + 1);
			if (i < 17 && a !== b) expect(validateUscc(code.slice(0, i) + b + a + code.slice(i + 2)).ok).toBe(false);
		}
	});

	it('always produces a check character from the charset that validates', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^[1-9A-HJ-NP-RT-UW-Y][0-9A-HJ-NP-RT-UW-Y]\d{6}[0-9A-HJ-NP-RT-UW-Y]{9}$/), (first17) => {
				const check = computeUsccCheckChar(first17);
				expect(CHARSET).toContain(check);
				expect(validateUscc(first17 + check).ok).toBe(true);
			})
		);
	});

	it('rejects the letters I, O, Z, S and V', () => {
		for (const c of 'IOZSV') {
			expect(validateUscc(`91350100M00010${c}Y43`)).toMatchObject({ ok: false, reason: 'characters' });
		}
	});

	it('rejects wrong lengths and a non-numeric area code', () => {
		expect(validateUscc('91350100M000100Y4')).toMatchObject({ ok: false, reason: 'length' });
		expect(validateUscc('M000100Y4')).toMatchObject({ ok: false, reason: 'length' });
		const first17 = '9135A100M000100Y4';
		expect(validateUscc(first17 + computeUsccCheckChar(first17))).toMatchObject({ ok: false, reason: 'area' });
	});
});

describe('usccSchema', () => {
	it('parses to the normalised code and reports the reason', () => {
		expect(usccSchema.parse('91350100m000100y43')).toBe('91350100M000100Y43');
		expect(usccSchema.safeParse('91350100M000100Y44').error?.issues[0]).toMatchObject({ params: { reason: 'check_character' } });
	});
});
