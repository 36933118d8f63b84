import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { DaibanDb } from '../db/db';
import type { PublicUser } from '$lib/domain/roles';
import { decryptJson, encryptJson, hasDataKey } from './data-key';
import { DeviceLock } from './lock.svelte';
import { MAX_PIN_ATTEMPTS } from './params';
import { putCase } from '../vault/case-vault';
import { queryCases } from '../cases/case-query';
import { getMeta, META, setMeta } from '../db/meta';
import { makeIntake } from '../../../../tests/fixtures/cases';

const agent: PublicUser = {
	id: 'u-agent',
	username: 'agent.chenghu',
	displayName: '陈晓梅',
	roles: ['village_agent'],
	scope: { townshipCode: '360121100', villageCodes: ['360121100201'], gridCodes: [], departmentCodes: [] }
};
const desk: PublicUser = { ...agent, id: 'u-desk', username: 'intake', roles: ['township_intake'] };

describe('DeviceLock: the lock as the app drives it', () => {
	let db: DaibanDb;
	let lock: DeviceLock;
	beforeEach(() => {
		db = new DaibanDb(`test-${uuidv7()}`);
		lock = new DeviceLock({ db: () => db, iterations: 1_000 });
	});
	afterEach(async () => {
		lock.forget();
		await db.delete();
	});

	it('first login → set PIN → unlocked; reload → locked; PIN → unlocked with the same key', async () => {
		expect(await lock.load(agent)).toBe('needs-login');
		expect(await lock.afterOnlineLogin(agent, 'daiban-agent-1')).toBe('needs-pin');
		expect(lock.setPinReason).toBe('first');
		await expect(lock.setPin('123456')).rejects.toThrow(/weak/);
		await lock.setPin('246810');
		expect(lock.status).toBe('unlocked');
		const sealed = await encryptJson({ name: '王桂兰' }, 'case:1');

		// A reload: a new tab state, nothing in memory.
		lock.forget();
		const reloaded = new DeviceLock({ db: () => db, iterations: 1_000 });
		expect(await reloaded.load(agent)).toBe('locked');
		expect(reloaded.remainingTries).toBe(MAX_PIN_ATTEMPTS);
		expect(await reloaded.unlock('135790')).toMatchObject({ ok: false, remaining: 4 });
		expect(reloaded.remainingTries).toBe(4);
		expect((await reloaded.unlock('246810')).ok).toBe(true);
		expect(reloaded.status).toBe('unlocked');
		expect(await decryptJson(sealed, 'case:1')).toEqual({ name: '王桂兰' });

		reloaded.lock('idle');
		expect(reloaded.status).toBe('locked');
		expect(reloaded.lockReason).toBe('idle');
		expect(hasDataKey()).toBe(false);
	});

	it('five wrong PINs lock out; an online login and a new PIN bring back the same data', async () => {
		await lock.afterOnlineLogin(agent, 'daiban-agent-1');
		await lock.setPin('246810');
		const sealed = await encryptJson({ idNumber: '36012119560315002X' });
		lock.lock();
		for (let i = 0; i < MAX_PIN_ATTEMPTS; i++) await lock.unlock('135790');
		expect(lock.status).toBe('locked-out');
		expect(lock.remainingTries).toBe(0);
		expect((await lock.unlock('246810')).ok).toBe(false);

		expect(await lock.afterOnlineLogin(agent, 'daiban-agent-1')).toBe('needs-pin');
		expect(lock.setPinReason).toBe('after-lockout');
		await lock.setPin('314159');
		expect(lock.status).toBe('unlocked');
		expect(await decryptJson(sealed)).toEqual({ idNumber: '36012119560315002X' });
	});

	it('an online login with a PIN already set unlocks at once', async () => {
		await lock.afterOnlineLogin(agent, 'daiban-agent-1');
		await lock.setPin('246810');
		lock.forget();
		expect(await lock.load(agent)).toBe('locked');
		expect(await lock.afterOnlineLogin(agent, 'daiban-agent-1')).toBe('unlocked');
	});

	it('after a password change the PIN still unlocks and adopts the new password', async () => {
		await lock.afterOnlineLogin(agent, 'daiban-agent-1');
		await lock.setPin('246810');
		lock.forget();
		expect(await lock.afterOnlineLogin(agent, 'changed-password')).toBe('locked');
		expect((await lock.unlock('246810')).ok).toBe(true);
		lock.forget();
		expect(await lock.afterOnlineLogin(agent, 'changed-password')).toBe('unlocked');
	});

	it('locked out and the password changed: a new key, and what the old one sealed is dropped for a fresh pull', async () => {
		await lock.afterOnlineLogin(agent, 'daiban-agent-1');
		await lock.setPin('246810');
		const intake = makeIntake();
		await putCase(db, { id: intake.id, caseNumber: intake.caseNumber, status: 'received', intake, syncState: 'received', updatedAt: intake.createdAt });
		await setMeta(db, META.cursor, 42);
		lock.lock();
		for (let i = 0; i < MAX_PIN_ATTEMPTS; i++) await lock.unlock('135790');
		expect(await lock.afterOnlineLogin(agent, 'a-new-password-2026')).toBe('needs-pin');
		expect(lock.setPinReason).toBe('new-key');
		await lock.setPin('314159');
		expect(lock.status).toBe('unlocked');
		expect(await db.cases.count()).toBe(0);
		expect(await getMeta(db, META.cursor, -1)).toBe(0);
		// The list works again (nothing left that the new key cannot open).
		expect((await queryCases(db, { group: 'all', search: '', limit: 10 })).total).toBe(0);
	});

	it('township users have no device lock', async () => {
		expect(await lock.afterOnlineLogin(desk, 'daiban-intake')).toBe('off');
		expect(await lock.load(desk)).toBe('off');
		expect(await lock.load(null)).toBe('off');
	});

	it('setting a PIN needs an online login in this tab', async () => {
		await expect(lock.setPin('246810')).rejects.toMatchObject({ code: 'NEEDS_LOGIN' });
	});
});
