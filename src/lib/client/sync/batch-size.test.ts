import { describe, expect, it } from 'vitest';
import { TRPCClientError } from '@trpc/client';
import { AdaptiveBatchSize, isTimeout, isTooLarge } from './batch-size';

describe('AdaptiveBatchSize', () => {
	it('halves on each refusal down to the minimum, then says there is nothing left to try', () => {
		const b = new AdaptiveBatchSize(50);
		const seen = [b.size];
		while (b.shrink()) seen.push(b.size);
		expect(seen).toEqual([50, 25, 12, 6, 3, 1]);
		expect(b.shrink()).toBe(false);
		expect(b.size).toBe(1);
	});

	it('grows back by doubling after successes, never above the maximum', () => {
		const b = new AdaptiveBatchSize(50);
		b.shrink();
		b.shrink();
		b.shrink();
		expect(b.size).toBe(6);
		b.grow();
		expect(b.size).toBe(12);
		b.grow();
		b.grow();
		b.grow();
		expect(b.size).toBe(50);
	});

	it('refuses nonsense sizes', () => {
		expect(() => new AdaptiveBatchSize(0)).toThrow(RangeError);
		expect(() => new AdaptiveBatchSize(10, 11)).toThrow(/minimum/);
		expect(() => new AdaptiveBatchSize(2.5)).toThrow(/whole number/);
	});
});

describe('what makes a push shrink', () => {
	it('recognises a 413 in the server error shape and from a proxy page', () => {
		const fromServer = new TRPCClientError('too large', {
			result: { error: { message: 'too large', code: -32413, data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 } } }
		} as never);
		expect(isTooLarge(fromServer)).toBe(true);
		const fromProxy = new TRPCClientError('Unexpected token <', { meta: { response: { status: 413 } } } as never);
		expect(isTooLarge(fromProxy)).toBe(true);
		expect(isTooLarge(new TRPCClientError('nope', { meta: { response: { status: 500 } } } as never))).toBe(false);
		expect(isTooLarge(new Error('413'))).toBe(false);
	});

	it('recognises the client timeout through the error causes', () => {
		const timeout = new DOMException('the server did not answer in time', 'TimeoutError');
		expect(isTimeout(new TRPCClientError('fetch failed', { cause: timeout } as never))).toBe(true);
		expect(isTimeout(new TRPCClientError('fetch failed', { cause: new TypeError('fetch failed') } as never))).toBe(false);
	});
});
