/**
 * Test photos for the harness: a real JPEG (encoded by the browser) grown to an exact size with
 * comment segments (APP/COM markers any decoder skips). The filler is random, so every photo has its
 * own SHA-256 and nothing is deduplicated away. Pure bytes in, bytes out: unit-tested in Node.
 */

/** A JPEG segment's length field counts itself (2 bytes) and the payload: at most 65,535. */
const MAX_SEGMENT_PAYLOAD = 65_535 - 2;
/** Marker (2) + length (2): the smallest segment. */
const SEGMENT_OVERHEAD = 4;

export class TestJpegError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'TestJpegError';
	}
}

/**
 * `base` with COM segments inserted right after SOI so that the result has exactly `targetBytes`
 * (or `base.length + 4` at least: one small segment keeps even a tiny photo unique).
 * `fill` writes random bytes into a buffer (crypto.getRandomValues in the browser).
 */
export function padJpeg(base: Uint8Array, targetBytes: number, fill: (into: Uint8Array<ArrayBuffer>) => void): Uint8Array<ArrayBuffer> {
	if (base.length < 4 || base[0] !== 0xff || base[1] !== 0xd8) throw new TestJpegError('the base image is not a JPEG (no SOI marker)');
	if (!Number.isInteger(targetBytes) || targetBytes < 0) throw new TestJpegError(`photo size must be a whole number of bytes, not ${targetBytes}`);
	let extra = Math.max(targetBytes - base.length, SEGMENT_OVERHEAD + 16);
	const out = new Uint8Array(base.length + extra);
	out.set(base.subarray(0, 2), 0);
	let at = 2;
	// Bounded: each pass writes at least one segment of >= 4 bytes, and extra shrinks by its size.
	while (extra > 0) {
		// Never leave a remainder smaller than one segment's overhead.
		let payload = Math.min(extra - SEGMENT_OVERHEAD, MAX_SEGMENT_PAYLOAD);
		const rest = extra - SEGMENT_OVERHEAD - payload;
		if (rest > 0 && rest < SEGMENT_OVERHEAD) payload -= SEGMENT_OVERHEAD;
		out[at] = 0xff;
		out[at + 1] = 0xfe; // COM
		out[at + 2] = ((payload + 2) >> 8) & 0xff;
		out[at + 3] = (payload + 2) & 0xff;
		const body = out.subarray(at + 4, at + 4 + payload);
		for (let i = 0; i < body.length; i += 65_536) fill(body.subarray(i, Math.min(i + 65_536, body.length)));
		at += SEGMENT_OVERHEAD + payload;
		extra -= SEGMENT_OVERHEAD + payload;
	}
	out.set(base.subarray(2), at);
	return out;
}

/** Walks the segments up to SOS: true when every marker and length is well formed (for tests). */
export function jpegSegmentsWellFormed(bytes: Uint8Array): boolean {
	if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return false;
	let at = 2;
	for (let n = 0; n < 10_000 && at + 4 <= bytes.length; n++) {
		if (bytes[at] !== 0xff) return false;
		const marker = bytes[at + 1] ?? 0;
		if (marker === 0xda) return true; // start of scan: the entropy-coded image follows
		const length = ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0);
		if (length < 2) return false;
		at += 2 + length;
	}
	return false;
}
