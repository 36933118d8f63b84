import { z } from 'zod';

/**
 * The algorithm suites (issue #6, 密评): `standard` = Ed25519 / SHA-256 / AES-256-GCM,
 * `sm` = SM2 / SM3 / SM4. Everything that signs, hashes or encrypts goes through this
 * interface, so a deployment switches suite by configuration and records which one it used.
 */
export const cryptoSuiteNameSchema = z.enum(['standard', 'sm']);
export type CryptoSuiteName = z.infer<typeof cryptoSuiteNameSchema>;

export type SigningKeyPair = { privateKey: Uint8Array; publicKey: Uint8Array };

export interface CryptoSuite {
	readonly name: CryptoSuiteName;
	/** Human-readable algorithm names, printed small on certificates and shown in docs. */
	readonly algorithms: { readonly sign: string; readonly hash: string; readonly cipher: string };
	hash(message: Uint8Array): Uint8Array;
	generateSigningKey(): SigningKeyPair;
	publicKeyOf(privateKey: Uint8Array): Uint8Array;
	sign(privateKey: Uint8Array, message: Uint8Array): Uint8Array;
	/** Never throws: a malformed key or signature is simply not valid. */
	verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
	/** Length of the secret key `seal`/`open` take. */
	readonly symmetricKeyLength: number;
	/** Authenticated encryption; the result carries its own random nonce/IV. */
	seal(key: Uint8Array, plaintext: Uint8Array, associatedData?: Uint8Array): Promise<Uint8Array>;
	/** Throws when the ciphertext, its tag or the associated data was changed. */
	open(key: Uint8Array, sealed: Uint8Array, associatedData?: Uint8Array): Promise<Uint8Array>;
}
