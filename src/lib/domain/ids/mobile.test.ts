import { describe, expect, it } from 'vitest';
import { mobileSchema, validateMobile } from './mobile';

describe('validateMobile', () => {
	it('accepts 11 digits starting 13-19 and normalises common ways of writing them', () => {
		for (const typed of ['13800138000', '138 0013 8000', '138-0013-8000', '+86 138 0013 8000', '8613800138000', '１３８００１３８０００']) {
			expect(validateMobile(typed)).toEqual({ ok: true, normalized: '13800138000' });
		}
		expect(validateMobile('19912345678').ok).toBe(true);
	});

	it('rejects wrong lengths', () => {
		expect(validateMobile('1380013800')).toMatchObject({ ok: false, reason: 'length' });
		expect(validateMobile('138001380001')).toMatchObject({ ok: false, reason: 'length' });
		expect(validateMobile('')).toMatchObject({ ok: false, reason: 'length' });
	});

	it('rejects non-digits', () => {
		expect(validateMobile('1380013800a')).toMatchObject({ ok: false, reason: 'characters' });
	});

	it('rejects numbers not starting with 1 then 3-9', () => {
		expect(validateMobile('12800138000')).toMatchObject({ ok: false, reason: 'prefix' });
		expect(validateMobile('23800138000')).toMatchObject({ ok: false, reason: 'prefix' });
		expect(validateMobile('01012345678')).toMatchObject({ ok: false, reason: 'prefix' });
	});

	it('has a schema that outputs the normalised number', () => {
		expect(mobileSchema.parse('138 0013 8000')).toBe('13800138000');
		expect(mobileSchema.safeParse('12800138000').error?.issues[0]).toMatchObject({ params: { reason: 'prefix' } });
	});
});
