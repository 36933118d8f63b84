import type { ResolvedPathname } from '$app/types';
import { FIELD_ROLES, hasRole, type PublicUser } from '$lib/domain/roles';
import { getDb, type DaibanDb } from '../db/db';
import { dropDataKey, hasDataKey, holdDataKey } from './data-key';
import { createDeviceKey, isLockedOut, readDeviceKey, rewrapPin, unlockWithPin, unlockWithRecovery, type PinUnlock } from './device-key';
import { deriveKek, type DerivedKek } from './key-wrap';
import { LockError } from './lock-error';
import { MAX_PIN_ATTEMPTS, PBKDF2_ITERATIONS } from './params';
import { checkPin } from './pin-policy';
import { discardSealedData } from '../vault/discard';

export type LockStatus =
	/** Not known yet (the app is starting). */
	| 'unknown'
	/** No field user on this device: nothing to lock. */
	| 'off'
	/** A field user without a usable key, and no password at hand: an online login comes first. */
	| 'needs-login'
	/** Just logged in online: a PIN must be set (the first one, or a new one after a lock-out). */
	| 'needs-pin'
	| 'locked'
	/** Too many wrong PINs: only an online login unlocks. */
	| 'locked-out'
	| 'unlocked';

export type LockReason = 'start' | 'idle' | 'manual';
/** 'new-key': the password no longer opens the old key and the PIN cannot either; a new key is made. */
export type SetPinReason = 'first' | 'after-lockout' | 'new-key';

export const isFieldUser = (user: Pick<PublicUser, 'roles'>): boolean => hasRole(user, ...FIELD_ROLES);

const CHANNEL = 'daiban-lock';

/**
 * Whether this tab holds the data key, as runes for the route guard and the lock screens. The
 * work is in device-key.ts (Dexie) and data-key.ts (the key in memory); see README.md.
 */
export class DeviceLock {
	status = $state<LockStatus>('unknown');
	remainingTries = $state(MAX_PIN_ATTEMPTS);
	lockReason = $state<LockReason>('start');
	setPinReason = $state<SetPinReason>('first');
	/** The page to go back to after unlocking (the guard sets it when it sends the user away). */
	returnTo: ResolvedPathname | null = null;

	readonly #db: () => DaibanDb;
	readonly #iterations: number;
	readonly #channel: BroadcastChannel | null = null;
	#userId: string | null = null;
	/** The KEK derived from the password of this tab's last online login, until a PIN is set with it. */
	#recovery: DerivedKek | null = null;

	constructor({ db = getDb, iterations = PBKDF2_ITERATIONS }: { db?: () => DaibanDb; iterations?: number } = {}) {
		this.#db = db;
		this.#iterations = iterations;
		if (typeof window !== 'undefined' && 'BroadcastChannel' in window) {
			// Locking (or logging out) in one tab locks the others.
			this.#channel = new BroadcastChannel(CHANNEL);
			this.#channel.onmessage = () => this.#lockHere('manual');
		}
	}

	/** A password is at hand from an online login in this tab, so a PIN can be set. */
	get canSetPin(): boolean {
		return this.#recovery !== null;
	}

	/** At app start: where this device stands, from Dexie and memory. */
	async load(user: PublicUser | null): Promise<LockStatus> {
		if (!user || !isFieldUser(user)) return this.#forgetAll();
		if (this.#userId !== user.id) {
			this.#forgetMemory();
			this.#userId = user.id;
		}
		if (hasDataKey()) return (this.status = 'unlocked');
		const record = await readDeviceKey(this.#db());
		if (!record || record.userId !== user.id) return (this.status = this.#recovery ? 'needs-pin' : 'needs-login');
		if (isLockedOut(record)) {
			this.remainingTries = 0;
			return (this.status = this.#recovery ? 'needs-pin' : 'locked-out');
		}
		this.remainingTries = MAX_PIN_ATTEMPTS - record.failedAttempts;
		this.lockReason = 'start';
		return (this.status = 'locked');
	}

	/**
	 * Right after the server accepted `password`: opens the device key with it when it can
	 * (forgiving earlier wrong PINs), else keeps the password's KEK in memory for setPin().
	 */
	async afterOnlineLogin(user: PublicUser, password: string): Promise<LockStatus> {
		this.#forgetMemory();
		if (!isFieldUser(user)) return this.#forgetAll();
		this.#userId = user.id;
		const db = this.#db();
		const record = await readDeviceKey(db);
		const mine = record?.userId === user.id ? record : undefined;
		const recovery = await deriveKek(password, mine?.recovery.salt, mine?.recovery.iterations ?? this.#iterations);
		if (!mine) {
			this.#recovery = recovery;
			this.setPinReason = 'first';
			return (this.status = 'needs-pin');
		}
		const opened = await unlockWithRecovery(db, user.id, recovery);
		if (opened.ok && opened.pinSet) {
			holdDataKey(opened.dataKey, opened.indexKey);
			this.remainingTries = MAX_PIN_ATTEMPTS;
			return (this.status = 'unlocked');
		}
		this.#recovery = recovery;
		if (opened.ok) {
			this.setPinReason = 'after-lockout';
			return (this.status = 'needs-pin');
		}
		// The password changed on the server: the PIN still opens the key and re-wraps it under the new one.
		if (!isLockedOut(mine)) {
			this.remainingTries = MAX_PIN_ATTEMPTS - mine.failedAttempts;
			this.lockReason = 'start';
			return (this.status = 'locked');
		}
		this.setPinReason = 'new-key';
		return (this.status = 'needs-pin');
	}

	/** Sets the PIN after an online login: wraps a new key, or the existing one after a lock-out. */
	async setPin(pin: string): Promise<void> {
		const problem = checkPin(pin);
		if (problem) throw new Error(`PIN refused: ${problem}`);
		const userId = this.#userId;
		const recovery = this.#recovery;
		if (!userId || !recovery) throw new LockError('NEEDS_LOGIN', 'setting a PIN needs an online login first');
		const db = this.#db();
		const pinKek = await deriveKek(pin, undefined, this.#iterations);
		// A new key for data sealed under one nobody can open: that data is dropped, sync brings it back.
		if (this.setPinReason === 'new-key') await discardSealedData(db);
		const keys =
			this.setPinReason === 'after-lockout'
				? await rewrapPin(db, userId, recovery, pinKek)
				: await createDeviceKey(db, { userId, pin: pinKek, recovery });
		holdDataKey(keys.dataKey, keys.indexKey);
		this.#recovery = null;
		this.remainingTries = MAX_PIN_ATTEMPTS;
		this.status = 'unlocked';
	}

	/** Offline unlock with the PIN. */
	async unlock(pin: string): Promise<PinUnlock> {
		const result = await unlockWithPin(this.#db(), pin, { refreshRecovery: this.#recovery ?? undefined });
		if (result.ok) {
			holdDataKey(result.dataKey, result.indexKey);
			this.#recovery = null;
			this.remainingTries = MAX_PIN_ATTEMPTS;
			this.status = 'unlocked';
		} else if (result.reason === 'wrong-pin') {
			this.remainingTries = result.remaining;
		} else if (this.#recovery) {
			// Locked out (or the key is gone) right after an online login whose password no longer opens it.
			this.remainingTries = 0;
			this.setPinReason = 'new-key';
			this.status = 'needs-pin';
		} else {
			this.remainingTries = 0;
			this.status = result.reason === 'locked-out' ? 'locked-out' : 'needs-login';
		}
		return result;
	}

	/** Drops the key from memory (idle timeout or the "lock" button), here and in other tabs. */
	lock(reason: Exclude<LockReason, 'start'> = 'manual'): void {
		if (this.#lockHere(reason)) this.#channel?.postMessage('lock');
	}

	/** At logout: forgets the key and any password-derived KEK; the wrapped key stays for the next login. */
	forget(): void {
		this.#forgetAll();
		this.#channel?.postMessage('lock');
	}

	#lockHere(reason: LockReason): boolean {
		if (this.status !== 'unlocked') return false;
		dropDataKey();
		this.lockReason = reason;
		this.status = 'locked';
		return true;
	}

	#forgetMemory(): void {
		dropDataKey();
		this.#recovery = null;
	}

	#forgetAll(): LockStatus {
		this.#forgetMemory();
		this.#userId = null;
		this.returnTo = null;
		return (this.status = 'off');
	}
}

export const deviceLock = new DeviceLock();
