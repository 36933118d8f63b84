import { toBytes } from './bytes';
import { LockError } from './lock-error';
import { seal, unseal, type Aad } from './sealed';

/**
 * The unwrapped data-encryption key (DEK) while the device is unlocked. It lives only here, in
 * memory, as a non-extractable CryptoKey: nothing in this tab can read its bytes, and a reload,
 * a lock or a logout drops it. Only the lock state (lock.svelte.ts) puts a key here.
 */
let dataKey: CryptoKey | null = null;
/** The search-index key (HMAC-SHA-256), derived from the data key with HKDF; see key-wrap.ts. */
let indexKey: CryptoKey | null = null;

export function holdDataKey(key: CryptoKey, searchKey: CryptoKey): void {
	if (key.extractable || searchKey.extractable) throw new LockError('CORRUPT', 'the keys in memory must be non-extractable');
	if (searchKey.algorithm.name !== 'HMAC') throw new LockError('CORRUPT', 'the search-index key must be an HMAC key');
	dataKey = key;
	indexKey = searchKey;
}

export function dropDataKey(): void {
	dataKey = null;
	indexKey = null;
}

export function hasDataKey(): boolean {
	return dataKey !== null;
}

function requireIndexKey(): CryptoKey {
	if (!indexKey) throw new LockError('LOCKED', 'the device is locked');
	return indexKey;
}

function requireDataKey(): CryptoKey {
	if (!dataKey) throw new LockError('LOCKED', 'the device is locked');
	return dataKey;
}

/*
 * The API for personal fields and photos at rest. `aad` binds a message to where it belongs
 * (say `case:<id>:applicant`), so a ciphertext copied into another record does not open there.
 * All throw LockError: 'LOCKED' while locked, 'DECRYPT_FAILED' on a wrong key or changed bytes.
 */

export async function encryptBytes(plain: Uint8Array, aad?: Aad): Promise<Uint8Array<ArrayBuffer>> {
	return seal(requireDataKey(), plain, aad);
}

export async function decryptBytes(sealed: Uint8Array, aad?: Aad): Promise<Uint8Array<ArrayBuffer>> {
	return unseal(requireDataKey(), sealed, aad);
}

export async function encryptJson(value: unknown, aad?: Aad): Promise<Uint8Array<ArrayBuffer>> {
	return encryptBytes(toBytes(JSON.stringify(value)), aad);
}

/** The parsed JSON, not yet validated: callers parse it with their zod schema. */
export async function decryptJson(sealed: Uint8Array, aad?: Aad): Promise<unknown> {
	return JSON.parse(new TextDecoder().decode(await decryptBytes(sealed, aad))) as unknown;
}

/**
 * A blind-index token: HMAC-SHA-256 under the search-index key of an already normalised text,
 * cut to 128 bits and written base64url. Equal texts give equal tokens on this device, so an
 * exact-match index works, while the stored token says nothing about the text without the key.
 */
export async function blindToken(normalised: string): Promise<string> {
	const mac = new Uint8Array(await crypto.subtle.sign('HMAC', requireIndexKey(), toBytes(normalised)));
	let binary = '';
	for (const b of mac.subarray(0, 16)) binary += String.fromCharCode(b);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
