import smCrypto from 'sm-crypto';
import { bytesToHex, concatBytes, constantTimeEqual, hexToBytes, randomBytes, utf8 } from './bytes';
import type { CryptoSuite } from './suite';

/** sm-crypto 0.5 has these; its DefinitelyTyped types (0.3) do not list them yet. */
const sm2 = smCrypto.sm2 as typeof smCrypto.sm2 & {
	getPublicKeyFromPrivateKey(privateKeyHex: string): string;
	verifyPublicKey(publicKeyHex: string): boolean;
};
const { sm3, sm4 } = smCrypto;

/** Order n of the SM2 recommended curve (GB/T 32918.5 / GM/T 0003.5). */
const SM2_N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
const SM2_PUBLIC_KEY_BYTES = 65; // 04 || x || y
const SM2_SIGNATURE_BYTES = 64; // r || s
const SM4_BLOCK = 16;
const HMAC_SM3_BYTES = 32;

export function sm3Hash(message: Uint8Array): Uint8Array {
	return hexToBytes(sm3(Array.from(message)));
}

export function hmacSm3(key: Uint8Array, message: Uint8Array): Uint8Array {
	return hexToBytes(sm3(Array.from(message), { key: Array.from(key), mode: 'hmac' }));
}

/** One SM4 block, no padding: exported for the GB/T 32907 example only. */
export function sm4EncryptBlocks(key: Uint8Array, plaintext: Uint8Array): Uint8Array {
	return Uint8Array.from(sm4.encrypt(Array.from(plaintext), Array.from(key), { padding: 'none', output: 'array' }));
}

/**
 * A private key d in [1, n-2] straight from the platform CSPRNG (rejection sampling, no modulo
 * bias), instead of sm-crypto's default generator (an RC4 stream seeded once at load).
 */
function randomSm2PrivateKey(): string {
	for (let attempt = 0; attempt < 64; attempt++) {
		const d = BigInt('0x' + bytesToHex(randomBytes(32)));
		if (d >= 1n && d <= SM2_N - 2n) return d.toString(16).padStart(64, '0');
	}
	throw new Error('SM2: the random source keeps producing out-of-range values');
}

/**
 * SM4 has no GCM mode in sm-crypto, so `seal` is SM4-CBC + HMAC-SM3, encrypt-then-MAC
 * (GB/T 17964 CBC; GB/T 15852.2 HMAC): the 32-byte key is split by HMAC-SM3 with two labels into
 * a 16-byte SM4 key and a 32-byte MAC key; the tag covers the associated data's length and bytes,
 * the IV and the ciphertext. Layout: IV(16) || ciphertext || tag(32).
 */
function sm4Keys(key: Uint8Array): { enc: number[]; mac: Uint8Array } {
	if (key.length !== 32) throw new Error('SM4-CBC-HMAC-SM3 needs a 32-byte key');
	return {
		enc: Array.from(hmacSm3(key, utf8.encode('daiban sm4-cbc enc')).subarray(0, 16)),
		mac: hmacSm3(key, utf8.encode('daiban sm4-cbc mac'))
	};
}

function macInput(associatedData: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array {
	const length = new Uint8Array(8);
	new DataView(length.buffer).setBigUint64(0, BigInt(associatedData.length));
	return concatBytes(length, associatedData, iv, ciphertext);
}

export const smSuite: CryptoSuite = {
	name: 'sm',
	algorithms: { sign: 'SM2', hash: 'SM3', cipher: 'SM4-CBC + HMAC-SM3' },
	hash: sm3Hash,
	generateSigningKey() {
		const privateKeyHex = randomSm2PrivateKey();
		return { privateKey: hexToBytes(privateKeyHex), publicKey: hexToBytes(sm2.getPublicKeyFromPrivateKey(privateKeyHex)) };
	},
	publicKeyOf: (privateKey) => hexToBytes(sm2.getPublicKeyFromPrivateKey(bytesToHex(privateKey))),
	sign(privateKey, message) {
		const privateKeyHex = bytesToHex(privateKey);
		// hash: true = the GB/T 32918.2 digest e = SM3(Z_A || M) with the default ID 1234567812345678.
		const signature = sm2.doSignature(Array.from(message), privateKeyHex, {
			hash: true,
			publicKey: sm2.getPublicKeyFromPrivateKey(privateKeyHex)
		});
		return hexToBytes(signature);
	},
	verify(publicKey, message, signature) {
		if (publicKey.length !== SM2_PUBLIC_KEY_BYTES || signature.length !== SM2_SIGNATURE_BYTES) return false;
		try {
			const publicKeyHex = bytesToHex(publicKey);
			if (!sm2.verifyPublicKey(publicKeyHex)) return false;
			return sm2.doVerifySignature(Array.from(message), bytesToHex(signature), publicKeyHex, { hash: true });
		} catch {
			return false;
		}
	},
	symmetricKeyLength: 32,
	async seal(key, plaintext, associatedData = new Uint8Array()) {
		const { enc, mac } = sm4Keys(key);
		const iv = randomBytes(SM4_BLOCK);
		const ciphertext = Uint8Array.from(
			sm4.encrypt(Array.from(plaintext), enc, { mode: 'cbc', iv: Array.from(iv), padding: 'pkcs#7', output: 'array' })
		);
		return concatBytes(iv, ciphertext, hmacSm3(mac, macInput(associatedData, iv, ciphertext)));
	},
	async open(key, sealed, associatedData = new Uint8Array()) {
		const { enc, mac } = sm4Keys(key);
		const bodyLength = sealed.length - SM4_BLOCK - HMAC_SM3_BYTES;
		if (bodyLength < SM4_BLOCK || bodyLength % SM4_BLOCK !== 0) throw new Error('SM4: sealed data has an impossible length');
		const iv = sealed.subarray(0, SM4_BLOCK);
		const ciphertext = sealed.subarray(SM4_BLOCK, SM4_BLOCK + bodyLength);
		const tag = sealed.subarray(SM4_BLOCK + bodyLength);
		// Check the MAC before decrypting: no padding oracle.
		if (!constantTimeEqual(tag, hmacSm3(mac, macInput(associatedData, iv, ciphertext)))) {
			throw new Error('SM4: the ciphertext or its associated data was changed (MAC mismatch)');
		}
		return Uint8Array.from(sm4.decrypt(Array.from(ciphertext), enc, { mode: 'cbc', iv: Array.from(iv), padding: 'pkcs#7', output: 'array' }));
	}
};
