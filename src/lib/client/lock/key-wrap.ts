import type { WrappedKey } from '../db/db';
import { randomBytes, randomSalt, toBytes } from './bytes';
import { IV_BYTES, PBKDF2_ITERATIONS } from './params';

/** A key-encryption key derived from a typed secret, with what is needed to derive it again. */
export interface DerivedKek {
	kek: CryptoKey;
	salt: Uint8Array<ArrayBuffer>;
	iterations: number;
}

/**
 * PBKDF2-SHA-256 from a PIN or password to an AES-GCM key that can only wrap and unwrap keys
 * (never encrypt data) and never leaves WebCrypto.
 */
export async function deriveKek(secret: string, salt: Uint8Array<ArrayBuffer> = randomSalt(), iterations = PBKDF2_ITERATIONS): Promise<DerivedKek> {
	const material = await crypto.subtle.importKey('raw', toBytes(secret), 'PBKDF2', false, ['deriveKey']);
	const kek = await crypto.subtle.deriveKey(
		{ name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
		material,
		{ name: 'AES-GCM', length: 256 },
		false,
		['wrapKey', 'unwrapKey']
	);
	return { kek, salt, iterations };
}

/** Makes a new data-encryption key. Extractable only so that it can be wrapped; see wrapDataKey. */
export function generateDataKey(): Promise<CryptoKey> {
	return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
}

/** Wraps a data key with AES-GCM: a fresh IV, and `context` bound as additional data. */
export async function wrapDataKey(dataKey: CryptoKey, derived: DerivedKek, context: string): Promise<WrappedKey> {
	const iv = randomBytes(IV_BYTES);
	const wrapped = await crypto.subtle.wrapKey('raw', dataKey, derived.kek, { name: 'AES-GCM', iv, additionalData: toBytes(context) });
	return { kdf: 'PBKDF2-SHA-256', salt: derived.salt, iterations: derived.iterations, iv, wrapped: new Uint8Array(wrapped) };
}

/**
 * Unwraps a data key. A wrong secret (hence wrong KEK), a changed byte or another context fails
 * the GCM tag and rejects. `extractable` is true only for the moment of re-wrapping it.
 */
export function unwrapDataKey(wrapped: WrappedKey, kek: CryptoKey, context: string, extractable = false): Promise<CryptoKey> {
	return crypto.subtle.unwrapKey(
		'raw',
		wrapped.wrapped,
		kek,
		{ name: 'AES-GCM', iv: wrapped.iv, additionalData: toBytes(context) },
		{ name: 'AES-GCM', length: 256 },
		extractable,
		['encrypt', 'decrypt']
	);
}

/** Bound into the HKDF step, so the search-index key is never the data key's own bytes. */
const INDEX_KEY_INFO = 'daiban/search-index/v1';

/**
 * The key of the blind search index (HMAC-SHA-256), derived from the data key with HKDF. WebCrypto
 * cannot derive from an AES-GCM key, so the same wrapped bytes are unwrapped a second time as HKDF
 * key material (non-extractable, derive only): one secret, two keys for two purposes.
 */
export async function unwrapIndexKey(wrapped: WrappedKey, kek: CryptoKey, context: string): Promise<CryptoKey> {
	const material = await crypto.subtle.unwrapKey(
		'raw',
		wrapped.wrapped,
		kek,
		{ name: 'AES-GCM', iv: wrapped.iv, additionalData: toBytes(context) },
		'HKDF',
		false,
		['deriveKey']
	);
	return crypto.subtle.deriveKey(
		{ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: toBytes(INDEX_KEY_INFO) },
		material,
		{ name: 'HMAC', hash: 'SHA-256', length: 256 },
		false,
		['sign']
	);
}

/** What an unlock puts in memory: the data key and the search-index key derived from it. */
export interface DeviceKeys {
	dataKey: CryptoKey;
	indexKey: CryptoKey;
}

export async function unwrapDeviceKeys(wrapped: WrappedKey, kek: CryptoKey, context: string): Promise<DeviceKeys> {
	const [dataKey, indexKey] = await Promise.all([unwrapDataKey(wrapped, kek, context), unwrapIndexKey(wrapped, kek, context)]);
	return { dataKey, indexKey };
}
