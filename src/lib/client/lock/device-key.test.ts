import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { DaibanDb } from '../db/db';
import { seal, unseal } from './sealed';
import { createDeviceKey, DEVICE_KEY_ID, readDeviceKey, rewrapPin, unlockWithPin, unlockWithRecovery } from './device-key';
import { deriveKek } from './key-wrap';
import { MAX_PIN_ATTEMPTS, PBKDF2_ITERATIONS, SALT_BYTES } from './params';

// Few iterations keep the suite fast; one test below runs the real count.
const FAST = 1_000;
const USER = 'user-1';
const derive = (secret: string) => deriveKek(secret, undefined, FAST);

describe('the device key in Dexie', () => {
	let db: DaibanDb;
	beforeEach(() => {
		db = new DaibanDb(`test-${uuidv7()}`);
	});
	afterEach(async () => {
		await db.delete();
	});

	const create = async (pin = '246810', password = 'daiban-agent-1') =>
		createDeviceKey(db, { userId: USER, pin: await derive(pin), recovery: await derive(password) });

	it('stores only wrapped keys with their salts, at the production iteration count', async () => {
		const { dataKey, indexKey } = await createDeviceKey(db, {
			userId: USER,
			pin: await deriveKek('246810'),
			recovery: await deriveKek('daiban-agent-1')
		});
		const record = await readDeviceKey(db);
		expect(record).toMatchObject({ id: DEVICE_KEY_ID, userId: USER, failedAttempts: 0 });
		expect(record!.pin!.iterations).toBe(PBKDF2_ITERATIONS);
		expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(310_000);
		expect(record!.pin!.salt).toHaveLength(SALT_BYTES);
		expect(record!.recovery.salt).toHaveLength(SALT_BYTES);
		expect(record!.pin!.salt).not.toEqual(record!.recovery.salt);
		// A 256-bit key plus the 16-byte GCM tag: wrapped, not raw.
		expect(record!.pin!.wrapped).toHaveLength(48);
		// The key handed back for use cannot be read out of WebCrypto.
		expect(dataKey.extractable).toBe(false);
		await expect(crypto.subtle.exportKey('raw', dataKey)).rejects.toThrow();
		// The search-index key: HMAC, derived (HKDF) from the data key, just as unreadable.
		expect(indexKey.algorithm.name).toBe('HMAC');
		expect(indexKey.extractable).toBe(false);
	});

	it('unlocks with the right PIN: the same key opens what was sealed before', async () => {
		const { dataKey } = await create();
		const sealed = await seal(dataKey, new TextEncoder().encode('王桂兰'), 'case:1');
		const result = await unlockWithPin(db, '246810', {});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.dataKey.extractable).toBe(false);
		expect(new TextDecoder().decode(await unseal(result.dataKey, sealed, 'case:1'))).toBe('王桂兰');
	});

	it('a wrong PIN fails the unwrap, is counted in Dexie and tells the tries left; a right one resets the count', async () => {
		await create();
		expect(await unlockWithPin(db, '135790')).toEqual({ ok: false, reason: 'wrong-pin', remaining: 4 });
		expect(await unlockWithPin(db, '975310')).toEqual({ ok: false, reason: 'wrong-pin', remaining: 3 });
		expect((await readDeviceKey(db))!.failedAttempts).toBe(2);
		expect((await unlockWithPin(db, '246810')).ok).toBe(true);
		expect((await readDeviceKey(db))!.failedAttempts).toBe(0);
	});

	it(`locks out after ${MAX_PIN_ATTEMPTS} wrong PINs: even the right PIN is refused, the PIN wrap is gone`, async () => {
		await create();
		for (let remaining = MAX_PIN_ATTEMPTS - 1; remaining > 0; remaining--) {
			expect(await unlockWithPin(db, '135790')).toEqual({ ok: false, reason: 'wrong-pin', remaining });
		}
		expect(await unlockWithPin(db, '135790')).toEqual({ ok: false, reason: 'locked-out' });
		expect(await unlockWithPin(db, '246810')).toEqual({ ok: false, reason: 'locked-out' });
		const record = await readDeviceKey(db);
		expect(record!.pin).toBeNull();
		expect(record!.failedAttempts).toBe(MAX_PIN_ATTEMPTS);
	});

	it('counts a try before working on it (a tab closed mid-try gets no free try)', async () => {
		await createDeviceKey(db, { userId: USER, pin: await deriveKek('246810'), recovery: await derive('daiban-agent-1') });
		let settled = false;
		const pending = unlockWithPin(db, '246810').finally(() => (settled = true));
		// While the slow derivation (production iteration count) runs, the try is already on record.
		let seen = 0;
		while (!settled && seen === 0) seen = (await readDeviceKey(db))!.failedAttempts;
		expect(seen).toBe(1);
		expect((await pending).ok).toBe(true);
		expect((await readDeviceKey(db))!.failedAttempts).toBe(0);
	});

	it('after a lock-out, an online login re-wraps the same key under a new PIN: nothing is lost', async () => {
		const { dataKey: before } = await create();
		const sealed = await seal(before, new TextEncoder().encode('{"idNumber":"36012119560315002X"}'), 'case:9');
		for (let i = 0; i < MAX_PIN_ATTEMPTS; i++) await unlockWithPin(db, '135790');

		const recovery = await deriveKek('daiban-agent-1', (await readDeviceKey(db))!.recovery.salt, FAST);
		expect(await unlockWithRecovery(db, USER, recovery)).toMatchObject({ ok: true, pinSet: false });
		const { dataKey: after } = await rewrapPin(db, USER, recovery, await derive('314159'));
		expect(after.extractable).toBe(false);
		expect(new TextDecoder().decode(await unseal(after, sealed, 'case:9'))).toContain('36012119560315002X');

		expect((await readDeviceKey(db))!.failedAttempts).toBe(0);
		expect(await unlockWithPin(db, '246810')).toMatchObject({ ok: false, reason: 'wrong-pin' });
		const unlocked = await unlockWithPin(db, '314159');
		expect(unlocked.ok && (await unseal(unlocked.dataKey, sealed, 'case:9')).length).toBeGreaterThan(0);
	});

	it('an online login forgives earlier wrong PINs; a wrong password or another user opens nothing', async () => {
		await create();
		await unlockWithPin(db, '135790');
		await unlockWithPin(db, '135790');
		const salt = (await readDeviceKey(db))!.recovery.salt;
		expect(await unlockWithRecovery(db, USER, await deriveKek('not-the-password', salt, FAST))).toEqual({ ok: false, reason: 'wrong-secret' });
		expect((await readDeviceKey(db))!.failedAttempts).toBe(2);
		expect(await unlockWithRecovery(db, 'someone-else', await deriveKek('daiban-agent-1', salt, FAST))).toEqual({ ok: false, reason: 'no-key' });
		expect(await unlockWithRecovery(db, USER, await deriveKek('daiban-agent-1', salt, FAST))).toMatchObject({ ok: true, pinSet: true });
		expect((await readDeviceKey(db))!.failedAttempts).toBe(0);
	});

	it('after a password change, a PIN unlock re-wraps the key under the new password', async () => {
		await create();
		const salt = (await readDeviceKey(db))!.recovery.salt;
		const newPassword = await deriveKek('new-password-2026', salt, FAST);
		expect((await unlockWithRecovery(db, USER, newPassword)).ok).toBe(false);
		expect((await unlockWithPin(db, '246810', { refreshRecovery: newPassword })).ok).toBe(true);
		expect(await unlockWithRecovery(db, USER, await deriveKek('new-password-2026', salt, FAST))).toMatchObject({ ok: true });
		expect((await unlockWithRecovery(db, USER, await deriveKek('daiban-agent-1', salt, FAST))).ok).toBe(false);
	});

	it('refuses a wrapped key moved into another record (the wrap is bound to user and key id)', async () => {
		await create();
		const record = (await readDeviceKey(db))!;
		await db.deviceKeys.put({ ...record, userId: 'user-2' });
		expect(await unlockWithPin(db, '246810')).toMatchObject({ ok: false, reason: 'wrong-pin' });
	});
});
