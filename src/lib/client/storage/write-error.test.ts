import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { uuidv7 } from 'uuidv7';
import { DaibanDb } from '../db/db';
import { errorReason, isQuotaExceeded } from './write-error';
import { unlockForTest } from '../lock/test-keys';

// Personal data is sealed with the device's key: these tests run on an unlocked device.
beforeEach(unlockForTest);

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('isQuotaExceeded', () => {
	it('recognises the DOMException and Dexie’s own error class', () => {
		expect(isQuotaExceeded(quota())).toBe(true);
		expect(isQuotaExceeded(new Dexie.QuotaExceededError('full'))).toBe(true);
		expect(isQuotaExceeded(new DOMException('x', 'ConstraintError'))).toBe(false);
		expect(isQuotaExceeded(new Error('QuotaExceededError'))).toBe(false);
		expect(isQuotaExceeded(null)).toBe(false);
		expect(isQuotaExceeded('QuotaExceededError')).toBe(false);
	});

	it('finds it inside Dexie’s wrappers', () => {
		expect(isQuotaExceeded(new Dexie.AbortError('aborted', quota()))).toBe(true);
		expect(isQuotaExceeded(new Dexie.ModifyError('modify failed', [quota()], 0, []))).toBe(true);
		expect(isQuotaExceeded(new Dexie.BulkError('bulk', { 3: quota() }))).toBe(true);
		expect(isQuotaExceeded(new Error('outer', { cause: quota() }))).toBe(true);
		expect(isQuotaExceeded(new Dexie.ModifyError('modify failed', [new Error('other')], 0, []))).toBe(false);
	});

	describe('through a real Dexie write', () => {
		let db: DaibanDb;
		let put: typeof IDBObjectStore.prototype.put;
		beforeEach(() => {
			db = new DaibanDb(`test-${uuidv7()}`);
			put = IDBObjectStore.prototype.put;
		});
		afterEach(async () => {
			IDBObjectStore.prototype.put = put;
			await db.delete();
		});

		it('is recognised when the store refuses the put, and the stored value stays as it was', async () => {
			await db.meta.put({ key: 'k', value: 'before' });
			IDBObjectStore.prototype.put = function () {
				throw quota();
			};
			const failure = await db.transaction('rw', db.meta, () => db.meta.put({ key: 'k', value: 'after' })).catch((e: unknown) => e);
			expect(isQuotaExceeded(failure)).toBe(true);
			expect(errorReason(failure)).toMatch(/quota/i);
			IDBObjectStore.prototype.put = put;
			expect((await db.meta.get('k'))?.value).toBe('before');
		});
	});
});
