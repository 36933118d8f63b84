import { describe, expect, it } from 'vitest';
import { chinaDate } from './time';

describe('chinaDate', () => {
	it('moves to the next day from 16:00 UTC, when it is midnight in Beijing', () => {
		expect(chinaDate(new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-23');
		expect(chinaDate(new Date('2026-11-23T16:00:00Z'))).toBe('2026-11-24');
	});
	it('crosses a year boundary', () => {
		expect(chinaDate(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
	});
});
