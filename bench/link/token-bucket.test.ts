import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
	it('sends a burst at once, then paces at its rate', () => {
		const bucket = new TokenBucket(1000, 500, 0); // 1000 B/s, 500 B burst
		expect(bucket.reserve(500, 0)).toBe(0);
		// Empty bucket: 250 more bytes are paid for 250 ms later.
		expect(bucket.reserve(250, 0)).toBe(250);
		// The debt accumulates in order: the next 1000 bytes end one second after that.
		expect(bucket.reserve(1000, 0)).toBe(1250);
	});

	it('averages exactly its rate over many reservations', () => {
		const bucket = new TokenBucket(48_000, 0, 0);
		let done = 0;
		for (let i = 0; i < 1000; i++) done = bucket.reserve(1460, 0);
		expect(done).toBeCloseTo((1000 * 1460 * 1000) / 48_000, 6);
	});

	it('refills while idle, but never above its burst', () => {
		const bucket = new TokenBucket(1000, 100, 0);
		bucket.reserve(100, 0);
		// Ten seconds idle would be 10,000 tokens; the bucket holds 100.
		expect(bucket.reserve(100, 10_000)).toBe(10_000);
		expect(bucket.reserve(100, 10_000)).toBe(10_100);
	});

	it('refuses nonsense', () => {
		expect(() => new TokenBucket(0, 10, 0)).toThrow(/positive rate/);
		expect(() => new TokenBucket(10, -1, 0)).toThrow(/burst/);
		expect(() => new TokenBucket(10, 10, 0).reserve(-1, 0)).toThrow(/-1 bytes/);
	});
});
