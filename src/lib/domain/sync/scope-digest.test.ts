import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sameDigest, scopeDigest } from './scope-digest';

describe('scopeDigest', () => {
	it('is empty for no records', () => {
		expect(scopeDigest([])).toEqual({ count: 0, checksum: '0000000000000000' });
	});

	it('does not depend on the order of the ids', () => {
		fc.assert(
			fc.property(fc.uniqueArray(fc.uuid(), { maxLength: 40 }), (ids) => {
				expect(sameDigest(scopeDigest(ids), scopeDigest([...ids].reverse()))).toBe(true);
			}),
			{ numRuns: 100 }
		);
	});

	it('changes when a record is missing, added, or replaced by another', () => {
		fc.assert(
			fc.property(fc.uniqueArray(fc.uuid(), { minLength: 2, maxLength: 40 }), fc.uuid(), (ids, other) => {
				fc.pre(!ids.includes(other));
				const full = scopeDigest(ids);
				expect(sameDigest(full, scopeDigest(ids.slice(1)))).toBe(false);
				expect(sameDigest(full, scopeDigest([...ids, other]))).toBe(false);
				// Same count, one id swapped: only the checksum can tell.
				const swapped = scopeDigest([other, ...ids.slice(1)]);
				expect(swapped.count).toBe(full.count);
				expect(swapped.checksum).not.toBe(full.checksum);
			}),
			{ numRuns: 100 }
		);
	});

	it('is a fixed function (the device and the server must agree across versions)', () => {
		// FNV-1a-32 of "a" is e40c292c (the published test vector); the second half uses another basis.
		expect(scopeDigest(['a'])).toEqual({ count: 1, checksum: 'e40c292c70772d5a' });
		expect(scopeDigest(['a', 'b'])).toEqual({ count: 2, checksum: '030004c91f00069d' });
	});
});
