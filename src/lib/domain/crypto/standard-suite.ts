import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, randomBytes } from './bytes';
import type { CryptoSuite } from './suite';

const GCM_IV_BYTES = 12;
const GCM_TAG_BITS = 128;

/** WebCrypto wants an ArrayBuffer-backed view; copying avoids SharedArrayBuffer typing trouble. */
function buffer(bytes: Uint8Array): ArrayBuffer {
	return bytes.slice().buffer as ArrayBuffer;
}

async function aesKey(key: Uint8Array, usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
	if (key.length !== 32) throw new Error('AES-256-GCM needs a 32-byte key');
	return globalThis.crypto.subtle.importKey('raw', buffer(key), 'AES-GCM', false, [usage]);
}

/** AES-256-GCM with a caller-chosen IV: exported for the NIST/GCM-spec test vectors only. */
export async function aesGcmEncrypt(
	key: Uint8Array,
	iv: Uint8Array,
	plaintext: Uint8Array,
	associatedData: Uint8Array = new Uint8Array()
): Promise<Uint8Array> {
	const params: AesGcmParams = { name: 'AES-GCM', iv: buffer(iv), tagLength: GCM_TAG_BITS, additionalData: buffer(associatedData) };
	return new Uint8Array(await globalThis.crypto.subtle.encrypt(params, await aesKey(key, 'encrypt'), buffer(plaintext)));
}

export async function aesGcmDecrypt(
	key: Uint8Array,
	iv: Uint8Array,
	ciphertextAndTag: Uint8Array,
	associatedData: Uint8Array = new Uint8Array()
): Promise<Uint8Array> {
	const params: AesGcmParams = { name: 'AES-GCM', iv: buffer(iv), tagLength: GCM_TAG_BITS, additionalData: buffer(associatedData) };
	try {
		return new Uint8Array(await globalThis.crypto.subtle.decrypt(params, await aesKey(key, 'decrypt'), buffer(ciphertextAndTag)));
	} catch {
		throw new Error('AES-GCM: the ciphertext or its associated data was changed (tag mismatch)');
	}
}

/**
 * Ed25519 and SHA-256 from @noble (audited, pure JS: identical in the browser and Node);
 * AES-GCM from WebCrypto, which both have and which is constant-time in native code.
 */
export const standardSuite: CryptoSuite = {
	name: 'standard',
	algorithms: { sign: 'Ed25519', hash: 'SHA-256', cipher: 'AES-256-GCM' },
	hash: (message) => sha256(message),
	generateSigningKey() {
		const privateKey = ed25519.utils.randomSecretKey();
		return { privateKey, publicKey: ed25519.getPublicKey(privateKey) };
	},
	publicKeyOf: (privateKey) => ed25519.getPublicKey(privateKey),
	sign: (privateKey, message) => ed25519.sign(message, privateKey),
	verify(publicKey, message, signature) {
		try {
			return ed25519.verify(signature, message, publicKey);
		} catch {
			return false;
		}
	},
	symmetricKeyLength: 32,
	async seal(key, plaintext, associatedData) {
		const iv = randomBytes(GCM_IV_BYTES);
		return concatBytes(iv, await aesGcmEncrypt(key, iv, plaintext, associatedData));
	},
	async open(key, sealed, associatedData) {
		if (sealed.length < GCM_IV_BYTES + GCM_TAG_BITS / 8) throw new Error('AES-GCM: sealed data is too short');
		return aesGcmDecrypt(key, sealed.subarray(0, GCM_IV_BYTES), sealed.subarray(GCM_IV_BYTES), associatedData);
	}
};
