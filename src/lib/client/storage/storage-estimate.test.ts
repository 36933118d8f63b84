import { describe, expect, it } from 'vitest';
import { assessStorage, formatBytes, LOW_BYTES } from './storage-estimate';

const MB = 1024 * 1024;
const GB = 1024 * MB;

describe('assessStorage', () => {
	it('reports used and available space and no warning on a roomy device', () => {
		expect(assessStorage({ usage: 300 * MB, quota: 10 * GB })).toEqual({
			used: 300 * MB,
			quota: 10 * GB,
			available: 10 * GB - 300 * MB,
			usedShare: (300 * MB) / (10 * GB),
			low: false
		});
	});

	it('warns when less than 10% of the quota is left', () => {
		expect(assessStorage({ usage: 9.05 * GB, quota: 10 * GB })?.low).toBe(true);
		expect(assessStorage({ usage: 8.9 * GB, quota: 10 * GB })?.low).toBe(false);
	});

	it('warns when less than 50 MB is left, even if that is more than 10%', () => {
		expect(assessStorage({ usage: 60 * MB, quota: 100 * MB })?.low).toBe(true);
		expect(assessStorage({ usage: 400 * MB, quota: 400 * MB + LOW_BYTES - 1 })?.low).toBe(true);
		expect(assessStorage({ usage: 400 * MB, quota: 400 * MB + LOW_BYTES + 100 * MB })?.low).toBe(false);
	});

	it('knows nothing without a quota, and clamps odd figures', () => {
		expect(assessStorage(undefined)).toBeNull();
		expect(assessStorage({ usage: 5 })).toBeNull();
		expect(assessStorage({ usage: 5, quota: 0 })).toBeNull();
		expect(assessStorage({ quota: 1 * GB })).toMatchObject({ used: 0, available: 1 * GB, low: false });
		expect(assessStorage({ usage: 2 * GB, quota: 1 * GB })).toMatchObject({ used: 1 * GB, available: 0, low: true });
	});
});

describe('formatBytes', () => {
	it('uses binary units with one decimal below 100', () => {
		expect(formatBytes(0)).toBe('0 B');
		expect(formatBytes(900)).toBe('900 B');
		expect(formatBytes(250 * 1024)).toBe('250 KB');
		expect(formatBytes(48.5 * MB)).toBe('48.5 MB');
		expect(formatBytes(2 * GB)).toBe('2.0 GB');
	});
});
