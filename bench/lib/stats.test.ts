import { describe, expect, it } from 'vitest';
import { percentile } from './stats';

describe('percentile (nearest rank)', () => {
	it('picks the nearest-rank element of the sorted sample', () => {
		const sample = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
		expect(percentile(sample, 50)).toBe(5);
		expect(percentile(sample, 95)).toBe(10);
		expect(percentile(sample, 10)).toBe(1);
		expect(percentile(sample, 0)).toBe(1);
		expect(percentile(sample, 100)).toBe(10);
	});
	it('refuses an empty sample', () => {
		expect(() => percentile([], 50)).toThrow(/nothing/);
	});
});
