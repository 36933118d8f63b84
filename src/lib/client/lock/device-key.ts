import { uuidv7 } from 'uuidv7';
import type { DaibanDb, DeviceKeyRecord } from '../db/db';
import { equalBytes, toBytes } from './bytes';
import { deriveKek, generateDataKey, unwrapDataKey, unwrapDeviceKeys, wrapDataKey, type DerivedKek, type DeviceKeys } from './key-wrap';
import { LockError } from './lock-error';
import { MAX_PIN_ATTEMPTS } from './params';
import { seal, unseal } from './sealed';

/**
 * The device's data-encryption key in Dexie: created at the first PIN, opened by the PIN
 * offline or by the password at an online login, re-wrapped under a new PIN after a lock-out.
 * The key itself is never stored unwrapped; every function returns it non-extractable.
 */
export const DEVICE_KEY_ID = 'device';
const KEY_CHECK_TEXT = 'daiban key check v1';

// Bound into each wrap as additional data: a wrap copied into another user's or key's record fails.
const wrapContext = (purpose: 'pin' | 'recovery', record: Pick<DeviceKeyRecord, 'userId' | 'keyId'>) =>
	`daiban/data-key/v1/${purpose}/${record.userId}/${record.keyId}`;
const checkAad = (keyId: string) => `daiban/key-check/v1/${keyId}`;

export function readDeviceKey(db: DaibanDb): Promise<DeviceKeyRecord | undefined> {
	return db.deviceKeys.get(DEVICE_KEY_ID);
}

/** True once the PIN no longer opens the key: too many wrong tries. */
export const isLockedOut = (record: DeviceKeyRecord): boolean => record.pin === null || record.failedAttempts >= MAX_PIN_ATTEMPTS;

async function verifyKeyCheck(record: DeviceKeyRecord, dataKey: CryptoKey): Promise<void> {
	const text = await unseal(dataKey, record.check, checkAad(record.keyId)).catch(() => null);
	if (!text || !equalBytes(text, toBytes(KEY_CHECK_TEXT))) throw new LockError('CORRUPT', 'the key does not match its key-check value');
}

/** First PIN of this user on this device: a new random key, wrapped under the PIN and the password. */
export async function createDeviceKey(
	db: DaibanDb,
	{ userId, pin, recovery, now = new Date() }: { userId: string; pin: DerivedKek; recovery: DerivedKek; now?: Date }
): Promise<DeviceKeys> {
	const ids = { userId, keyId: uuidv7() };
	const dataKey = await generateDataKey();
	const record: DeviceKeyRecord = {
		id: DEVICE_KEY_ID,
		...ids,
		pin: await wrapDataKey(dataKey, pin, wrapContext('pin', ids)),
		recovery: await wrapDataKey(dataKey, recovery, wrapContext('recovery', ids)),
		check: await seal(dataKey, toBytes(KEY_CHECK_TEXT), checkAad(ids.keyId)),
		failedAttempts: 0,
		createdAt: now.toISOString(),
		pinSetAt: now.toISOString()
	};
	await db.deviceKeys.put(record);
	// The generated key is extractable; what stays in memory is a non-extractable copy.
	return unwrapDeviceKeys(record.recovery, recovery.kek, wrapContext('recovery', record));
}

export type PinUnlock =
	| ({ ok: true } & DeviceKeys)
	| { ok: false; reason: 'wrong-pin'; remaining: number }
	| { ok: false; reason: 'locked-out' | 'no-key' };

/**
 * Offline unlock. The try is counted in Dexie before the PIN is tried, so closing the tab
 * mid-way gives no free try; the fifth wrong PIN deletes the PIN's wrap, so from then on
 * nothing but an online login (the password's wrap) reaches the key.
 * `refreshRecovery`: a password-derived KEK from an online login whose password no longer
 * opened the recovery wrap (the password was changed); the key is wrapped under it anew.
 */
export async function unlockWithPin(db: DaibanDb, pin: string, { refreshRecovery }: { refreshRecovery?: DerivedKek } = {}): Promise<PinUnlock> {
	const counted = await db.transaction('rw', db.deviceKeys, async () => {
		const record = await readDeviceKey(db);
		if (!record) return 'no-key' as const;
		if (isLockedOut(record)) return 'locked-out' as const;
		await db.deviceKeys.update(DEVICE_KEY_ID, { failedAttempts: record.failedAttempts + 1 });
		return record;
	});
	if (typeof counted === 'string') return { ok: false, reason: counted };
	const record = counted;
	const wrapped = record.pin!;
	const { kek } = await deriveKek(pin, wrapped.salt, wrapped.iterations);
	let keys: DeviceKeys;
	try {
		keys = await unwrapDeviceKeys(wrapped, kek, wrapContext('pin', record));
	} catch {
		return db.transaction('rw', db.deviceKeys, async () => {
			const now = await readDeviceKey(db);
			const attempts = now?.failedAttempts ?? MAX_PIN_ATTEMPTS;
			if (attempts < MAX_PIN_ATTEMPTS) return { ok: false, reason: 'wrong-pin', remaining: MAX_PIN_ATTEMPTS - attempts } as const;
			if (now) await db.deviceKeys.update(DEVICE_KEY_ID, { pin: null });
			return { ok: false, reason: 'locked-out' } as const;
		});
	}
	await verifyKeyCheck(record, keys.dataKey);
	const changes: Partial<DeviceKeyRecord> = { failedAttempts: 0 };
	if (refreshRecovery) {
		const exportable = await unwrapDataKey(wrapped, kek, wrapContext('pin', record), true);
		changes.recovery = await wrapDataKey(exportable, refreshRecovery, wrapContext('recovery', record));
	}
	await db.deviceKeys.update(DEVICE_KEY_ID, changes);
	return { ok: true, ...keys };
}

export type RecoveryUnlock = ({ ok: true; pinSet: boolean } & DeviceKeys) | { ok: false; reason: 'no-key' | 'wrong-secret' };

/**
 * Online login: the password (checked by the server a moment ago) opens the recovery wrap.
 * Earlier wrong PINs are forgiven. After a lock-out `pinSet` is false: a new PIN comes first.
 */
export async function unlockWithRecovery(db: DaibanDb, userId: string, recovery: DerivedKek): Promise<RecoveryUnlock> {
	const record = await readDeviceKey(db);
	if (!record || record.userId !== userId) return { ok: false, reason: 'no-key' };
	let keys: DeviceKeys;
	try {
		keys = await unwrapDeviceKeys(record.recovery, recovery.kek, wrapContext('recovery', record));
	} catch {
		return { ok: false, reason: 'wrong-secret' };
	}
	await verifyKeyCheck(record, keys.dataKey);
	if (record.pin) await db.deviceKeys.update(DEVICE_KEY_ID, { failedAttempts: 0 });
	return { ok: true, ...keys, pinSet: record.pin !== null };
}

/**
 * A new PIN for the existing key, reached through the recovery wrap (after a lock-out): the same
 * data key, so everything encrypted before still opens. Resets the failed tries.
 */
export async function rewrapPin(db: DaibanDb, userId: string, recovery: DerivedKek, pin: DerivedKek, now = new Date()): Promise<DeviceKeys> {
	const record = await readDeviceKey(db);
	if (!record || record.userId !== userId) throw new LockError('NEEDS_LOGIN', 'no key of this user on the device');
	const context = wrapContext('recovery', record);
	const exportable = await unwrapDataKey(record.recovery, recovery.kek, context, true).catch(() => {
		throw new LockError('NEEDS_LOGIN', 'the password does not open the device key');
	});
	await verifyKeyCheck(record, exportable);
	const pinWrap = await wrapDataKey(exportable, pin, wrapContext('pin', record));
	await db.deviceKeys.update(DEVICE_KEY_ID, { pin: pinWrap, failedAttempts: 0, pinSetAt: now.toISOString() });
	return unwrapDeviceKeys(record.recovery, recovery.kek, context);
}
