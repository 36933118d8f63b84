import { concatBytes, randomBytes, toBytes } from './bytes';
import { LockError } from './lock-error';
import { IV_BYTES } from './params';

/**
 * One encrypted message: `version (1 byte) ‖ IV (12 bytes) ‖ AES-GCM ciphertext with its
 * 16-byte tag`. The IV is fresh for every message (random 96 bits: safe far beyond the number
 * of records a device will ever write under one key). The version byte is authenticated too,
 * as additional data in front of the caller's own `aad`.
 */
export const SEALED_VERSION = 1;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES;

export type Aad = Uint8Array | string;

function additionalData(version: number, aad: Aad | undefined): Uint8Array<ArrayBuffer> {
	return concatBytes(Uint8Array.of(version), aad === undefined ? new Uint8Array(0) : toBytes(aad));
}

export async function seal(key: CryptoKey, plain: Uint8Array, aad?: Aad): Promise<Uint8Array<ArrayBuffer>> {
	const iv = randomBytes(IV_BYTES);
	const cipher = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv, additionalData: additionalData(SEALED_VERSION, aad) },
		key,
		toBytes(plain)
	);
	return concatBytes(Uint8Array.of(SEALED_VERSION), iv, new Uint8Array(cipher));
}

export async function unseal(key: CryptoKey, sealed: Uint8Array, aad?: Aad): Promise<Uint8Array<ArrayBuffer>> {
	if (sealed.length < HEADER_BYTES + TAG_BYTES) throw new LockError('UNSUPPORTED_FORMAT', 'sealed message too short');
	const version = sealed[0]!;
	if (version !== SEALED_VERSION) throw new LockError('UNSUPPORTED_FORMAT', `sealed message version ${version}`);
	const bytes = toBytes(sealed);
	try {
		const plain = await crypto.subtle.decrypt(
			{ name: 'AES-GCM', iv: bytes.subarray(1, HEADER_BYTES), additionalData: additionalData(version, aad) },
			key,
			bytes.subarray(HEADER_BYTES)
		);
		return new Uint8Array(plain);
	} catch {
		// WebCrypto says only "OperationError": a wrong key and changed bytes look the same, by design.
		throw new LockError('DECRYPT_FAILED', 'the message does not open with this key');
	}
}
