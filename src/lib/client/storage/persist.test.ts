import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { DaibanDb } from '../db/db';
import { getMeta } from '../db/meta';
import { PERSIST_META_KEY, requestPersistenceOnce, type PersistApi } from './persist';

function fakeStorage(answer: boolean, already = false) {
	const calls = { persist: 0, persisted: 0 };
	const api: PersistApi = {
		async persisted() {
			calls.persisted++;
			return already;
		},
		async persist() {
			calls.persist++;
			return answer;
		}
	};
	return { api, calls };
}

describe('requestPersistenceOnce', () => {
	let db: DaibanDb;
	const at = () => new Date('2026-03-02T01:00:00Z');
	beforeEach(() => {
		db = new DaibanDb(`test-${uuidv7()}`);
	});
	afterEach(async () => {
		await db.delete();
	});

	it('asks once per login and records the answer', async () => {
		const { api, calls } = fakeStorage(false);
		const first = await requestPersistenceOnce(db, api, 'login-1', at);
		expect(first).toEqual({ granted: false, askedAt: '2026-03-02T01:00:00.000Z', loginAt: 'login-1' });
		expect(await getMeta(db, PERSIST_META_KEY, null)).toEqual(first);
		expect(await requestPersistenceOnce(db, api, 'login-1', at)).toEqual(first);
		expect(calls.persist).toBe(1);

		// The next login asks again (the browser may have changed its mind, e.g. after an install).
		const { api: granting } = fakeStorage(true);
		expect(await requestPersistenceOnce(db, granting, 'login-2', at)).toMatchObject({ granted: true, loginAt: 'login-2' });
	});

	it('does not ask when the data is already persistent', async () => {
		const { api, calls } = fakeStorage(false, true);
		expect(await requestPersistenceOnce(db, api, 'login-1', at)).toMatchObject({ granted: true });
		expect(calls.persist).toBe(0);
	});

	it('does nothing without a Storage API', async () => {
		expect(await requestPersistenceOnce(db, undefined, 'login-1', at)).toBeNull();
		expect(await getMeta(db, PERSIST_META_KEY, null)).toBeNull();
	});
});
