import { describe, expect, it } from 'vitest';
import { randomFillSync } from 'node:crypto';
import { jpegSegmentsWellFormed, padJpeg, TestJpegError } from './test-jpeg';

// A minimal JPEG header: SOI, an APP0 (JFIF) segment, then SOS and two bytes of scan data, EOI.
const base = Uint8Array.from([
	0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
	0xff, 0xda, 0x00, 0x02, 0x12, 0x34, 0xff, 0xd9
]);
const fill = (b: Uint8Array) => void randomFillSync(b);

describe('padJpeg', () => {
	it.each([0, 40, 1000, 65_537, 65_540, 65_541, 200_000, 3 * 65_535 + 7])('makes a well-formed JPEG of exactly the asked size (%i bytes)', (target) => {
		const out = padJpeg(base, target, fill);
		expect(out.length).toBe(Math.max(target, base.length + 20));
		expect(jpegSegmentsWellFormed(out)).toBe(true);
		// The image itself (everything after SOI) is intact at the end.
		expect(Array.from(out.subarray(out.length - (base.length - 2)))).toEqual(Array.from(base.subarray(2)));
	});

	it('makes different bytes each time (no deduplication of test photos)', () => {
		const a = padJpeg(base, 500, fill);
		const b = padJpeg(base, 500, fill);
		expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
	});

	it('refuses a base that is not a JPEG', () => {
		expect(() => padJpeg(Uint8Array.from([0x89, 0x50, 0x4e, 0x47]), 100, fill)).toThrow(TestJpegError);
		expect(() => padJpeg(base, -1, fill)).toThrow(/whole number/);
	});
});
