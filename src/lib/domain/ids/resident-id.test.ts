import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeResidentIdCheckChar, residentIdSchema, validateResidentId } from './resident-id';

const TODAY = '2026-11-23';

/** GB 11643 as printed: weight table and remainder map, independent of the Horner form. */
function checkByTable(first17: string): string {
	const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
	const sum = weights.reduce((acc, w, i) => acc + w * Number(first17.charAt(i)), 0);
	return '10X98765432'.charAt(sum % 11);
}

function withCheck(first17: string): string {
	return first17 + computeResidentIdCheckChar(first17);
}

describe('validateResidentId', () => {
	it('accepts the GB 11643 example 11010519491231002X', () => {
		// By hand: Σ digit × weight = 167, 167 mod 11 = 2, which maps to X.
		expect(validateResidentId('11010519491231002X', TODAY)).toEqual({
			ok: true,
			normalized: '11010519491231002X',
			birthDate: '1949-12-31',
			sex: 'female'
		});
	});

	it('accepts lower-case x, full-width characters and spaces, and normalises them', () => {
		for (const typed of ['11010519491231002x', '１１０１０５１９４９１２３１００２ｘ', ' 110105 19491231 002X ']) {
			const result = validateResidentId(typed, TODAY);
			expect(result.ok && result.normalized).toBe('11010519491231002X');
		}
	});

	it('accepts numbers computed here and checked by hand', () => {
		// 3·7+6·9+0+1·5+2·8+1·4+1·2+9·1+9·6+0+0+1·9+0+1·5+0+0+1·2 = 181 ≡ 5 (mod 11) → 7
		expect(validateResidentId('360121199001010017', TODAY)).toMatchObject({ ok: true, sex: 'male', birthDate: '1990-01-01' });
		// … = 211 ≡ 2 (mod 11) → X
		expect(validateResidentId('36012119880101103X', TODAY)).toMatchObject({ ok: true, sex: 'male' });
		expect(validateResidentId('360121200002290028', TODAY)).toMatchObject({ ok: true, birthDate: '2000-02-29', sex: 'female' });
	});

	it('agrees with the weight table for any 17 digits', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^\d{17}$/), (first17) => {
				expect(computeResidentIdCheckChar(first17)).toBe(checkByTable(first17));
			})
		);
	});

	it('rejects a wrong check character', () => {
		expect(validateResidentId('110105194912310021', TODAY)).toMatchObject({ ok: false, reason: 'check_character' });
		expect(validateResidentId('360121199001010018', TODAY)).toMatchObject({ ok: false, reason: 'check_character' });
	});

	it('detects every single-digit typo and every adjacent transposition', () => {
		const id = '11010519491231002X';
		for (let i = 0; i < 17; i++) {
			for (const d of '0123456789') {
				if (d === id.charAt(i)) continue;
				expect(validateResidentId(id.slice(0, i) + d + id.slice(i + 1), TODAY).ok).toBe(false);
			}
			const a = id.charAt(i);
			const b = id.charAt(i + 1);
			if (a !== b) expect(validateResidentId(id.slice(0, i) + b + a + id.slice(i + 2), TODAY).ok).toBe(false);
		}
	});

	it('rejects impossible and future birth dates, even with a correct check character', () => {
		const cases = {
			'February 30': withCheck('36012119900230001'),
			'1900 is not a leap year': withCheck('36012119000229001'),
			'month 13': withCheck('36012119901301001'),
			'before 1900': withCheck('36012118991231001'),
			'tomorrow': withCheck('36012120261124001')
		};
		for (const [why, id] of Object.entries(cases)) {
			expect(validateResidentId(id, TODAY), why).toMatchObject({ ok: false, reason: 'birth_date' });
		}
		expect(validateResidentId(withCheck('36012120261123001'), TODAY).ok).toBe(true);
		expect(validateResidentId(withCheck('36012120261124001'), '2026-11-24').ok).toBe(true);
	});

	it('rejects wrong lengths, including 15-digit first-generation numbers', () => {
		for (const id of ['', '1101051949123100', '11010519491231002', '11010519491231002X1', '110105491231002']) {
			expect(validateResidentId(id, TODAY)).toMatchObject({ ok: false, reason: 'length' });
		}
	});

	it('rejects letters other than a final X', () => {
		expect(validateResidentId('1101051949123100X2', TODAY)).toMatchObject({ ok: false, reason: 'characters' });
		expect(validateResidentId('11010519491231002Y', TODAY)).toMatchObject({ ok: false, reason: 'characters' });
	});

	it('rejects area codes not starting with 1-8', () => {
		expect(validateResidentId(withCheck('01010519491231002'), TODAY)).toMatchObject({ ok: false, reason: 'area' });
		expect(validateResidentId(withCheck('91010519491231002'), TODAY)).toMatchObject({ ok: false, reason: 'area' });
	});

	it('refuses an invalid today instead of guessing', () => {
		expect(() => validateResidentId('11010519491231002X', '2026-02-30')).toThrow(RangeError);
	});
});

describe('residentIdSchema', () => {
	it('outputs the normalised number', () => {
		expect(residentIdSchema.parse('11010519491231002x')).toBe('11010519491231002X');
	});

	it('reports the specific message and reason code', () => {
		const result = residentIdSchema.safeParse('110105194912310021');
		expect(result.success).toBe(false);
		expect(result.error?.issues[0]).toMatchObject({
			message: 'the check character does not match: a character is probably mistyped',
			params: { reason: 'check_character' }
		});
	});
});
