import { describe, expect, it } from 'vitest';
import {
	fitsLimits,
	initialQuality,
	MAX_ATTEMPTS,
	MAX_LONG_SIDE,
	OUTPUT_TYPE,
	planCompression,
	TARGET_BYTES,
	targetDimensions
} from './compression-plan';

describe('targetDimensions', () => {
	it('brings the longest side to 1600 px and keeps the aspect ratio', () => {
		expect(targetDimensions(3000, 2000)).toEqual({ width: 1600, height: 1066 });
		expect(targetDimensions(3024, 4032)).toEqual({ width: 1200, height: 1600 });
		expect(targetDimensions(4000, 4000)).toEqual({ width: 1600, height: 1600 });
		// A long strip (a receipt photographed end to end) keeps at least one pixel across.
		expect(targetDimensions(20000, 5)).toEqual({ width: 1600, height: 1 });
	});

	it('never enlarges a small picture', () => {
		expect(targetDimensions(1600, 1200)).toEqual({ width: 1600, height: 1200 });
		expect(targetDimensions(640, 480)).toEqual({ width: 640, height: 480 });
	});

	it('never exceeds the limit on either side, whatever the input', () => {
		for (const [w, h] of [[1601, 1599], [12000, 9000], [4032, 3024], [1, 9999], [3333, 2222]] as const) {
			const out = targetDimensions(w, h);
			expect(Math.max(out.width, out.height)).toBe(MAX_LONG_SIDE);
			expect(Math.min(out.width, out.height)).toBeGreaterThanOrEqual(1);
			// The short side is rounded down: off by less than one pixel from the exact ratio.
			const exactShort = (Math.min(w, h) * MAX_LONG_SIDE) / Math.max(w, h);
			expect(exactShort - Math.min(out.width, out.height)).toBeLessThan(1);
		}
	});

	it('refuses a picture without a size', () => {
		expect(() => targetDimensions(0, 100)).toThrow(RangeError);
		expect(() => targetDimensions(Number.NaN, 100)).toThrow(RangeError);
	});
});

describe('initialQuality', () => {
	it('starts high for small pictures and lower for large ones, within 0.3–0.92', () => {
		expect(initialQuality(640 * 480)).toBe(0.92);
		const full = initialQuality(1600 * 1066);
		expect(full).toBeGreaterThan(0.5);
		expect(full).toBeLessThan(0.7);
		expect(initialQuality(12_000 * 9_000)).toBeGreaterThanOrEqual(0.3);
		expect(initialQuality(12_000 * 9_000)).toBeLessThan(0.5);
		expect(initialQuality(1600 * 1200)).toBeLessThan(initialQuality(1600 * 900));
	});
});

describe('planCompression', () => {
	it('keeps a JPEG that is already within 1600 px and 250 KB byte for byte', () => {
		expect(planCompression({ width: 1200, height: 900, bytes: 180_000, type: 'image/jpeg' })).toEqual({ action: 'keep' });
		expect(planCompression({ width: 1600, height: 1200, bytes: TARGET_BYTES, type: 'image/webp' })).toEqual({ action: 'keep' });
	});

	it('re-encodes a small PNG or HEIC-sized scan as JPEG', () => {
		const png = planCompression({ width: 800, height: 600, bytes: 90_000, type: 'image/png' });
		expect(png).toMatchObject({ action: 'compress', fileType: OUTPUT_TYPE, maxWidthOrHeight: 800, expected: { width: 800, height: 600 } });
	});

	it('asks the library for 1600 px and 250 KB for a 12-megapixel camera photo', () => {
		const plan = planCompression({ width: 4032, height: 3024, bytes: 4_800_000, type: 'image/jpeg' });
		expect(plan).toEqual({
			action: 'compress',
			attempt: 0,
			maxWidthOrHeight: 1600,
			maxSizeMB: 250 / 1024,
			fileType: 'image/jpeg',
			initialQuality: initialQuality(1600 * 1200),
			expected: { width: 1600, height: 1200 }
		});
		// The library compares against maxSizeMB × 1024 × 1024 bytes: exactly the target.
		if (plan?.action === 'compress') expect(plan.maxSizeMB * 1024 * 1024).toBe(TARGET_BYTES);
	});

	it('shrinks the picture and the quality on each retry, then gives up', () => {
		const facts = { width: 3000, height: 2000, bytes: 9_000_000, type: 'image/png' };
		const plans = Array.from({ length: MAX_ATTEMPTS }, (_, i) => planCompression(facts, i));
		const sides = plans.map((p) => (p?.action === 'compress' ? p.maxWidthOrHeight : 0));
		const qualities = plans.map((p) => (p?.action === 'compress' ? p.initialQuality : 0));
		expect(sides).toEqual([1600, 1280, 1024, 819]);
		for (let i = 1; i < MAX_ATTEMPTS; i++) {
			expect(sides[i]).toBeLessThan(sides[i - 1]!);
			expect(qualities[i]).toBeLessThanOrEqual(qualities[i - 1]!);
			expect(qualities[i]).toBeGreaterThanOrEqual(0.3);
		}
		expect(planCompression(facts, MAX_ATTEMPTS)).toBeNull();
	});

	it('never keeps an oversized file, even in a photo format', () => {
		expect(planCompression({ width: 1600, height: 1200, bytes: TARGET_BYTES + 1, type: 'image/jpeg' })?.action).toBe('compress');
		expect(planCompression({ width: 1601, height: 1200, bytes: 100_000, type: 'image/jpeg' })?.action).toBe('compress');
	});
});

describe('fitsLimits', () => {
	it('accepts at most 250 KB and 1600 px on the longest side', () => {
		expect(fitsLimits({ width: 1600, height: 1066, bytes: TARGET_BYTES })).toBe(true);
		expect(fitsLimits({ width: 1066, height: 1600, bytes: TARGET_BYTES + 1 })).toBe(false);
		expect(fitsLimits({ width: 1066, height: 1601, bytes: 1000 })).toBe(false);
	});
});
