import type { Db, DbOrTx } from '../db/database';
import { certificateRepository, type CertificateKeyRow } from '../repositories/certificate.repository';
import { base64urlToBytes, bytesToBase64url, bytesToHex, cryptoSuite, type CryptoSuiteName } from '../../../src/lib/domain/crypto';
import type { CertificateKey } from '../../../src/lib/domain/certificates';
import { cstDate } from '../../../src/lib/domain/case/workflow';

/** What signing needs; the private key never leaves this service and the certificate service. */
export interface SigningKey {
	keyId: string;
	suite: CryptoSuiteName;
	privateKey: Uint8Array;
}

function toSigningKey(row: CertificateKeyRow): SigningKey {
	return { keyId: row.keyId, suite: row.suite, privateKey: base64urlToBytes(row.privateKey) };
}

/** Readable and unique: township, suite, creation day, 4 random bytes (two keys the same day differ). */
function newKeyId(townshipCode: string, suite: CryptoSuiteName, now: Date): string {
	const random = bytesToHex(globalThis.crypto.getRandomValues(new Uint8Array(4)));
	return `${townshipCode}-${suite}-${cstDate(now.toISOString()).replace(/-/g, '')}-${random}`;
}

export const certificateKeyService = {
	/**
	 * The township's active key for the suite, generated on first use. Safe under concurrency:
	 * the partial unique index admits one active key; a loser of the race reads the winner's.
	 */
	async activeKey(db: DbOrTx, townshipCode: string, suite: CryptoSuiteName, now: Date): Promise<SigningKey> {
		const existing = await certificateRepository.activeKey(db, townshipCode, suite);
		if (existing) return toSigningKey(existing);
		const pair = cryptoSuite(suite).generateSigningKey();
		await certificateRepository.insertKeyIfNoneActive(db, {
			keyId: newKeyId(townshipCode, suite, now),
			townshipCode,
			suite,
			publicKey: bytesToBase64url(pair.publicKey),
			privateKey: bytesToBase64url(pair.privateKey),
			createdAt: now
		});
		const created = await certificateRepository.activeKey(db, townshipCode, suite);
		if (!created) throw new Error(`no active ${suite} key for township ${townshipCode} after creating one`);
		return toSigningKey(created);
	},

	/** At server start: every township gets its key for the configured suite before the first issue. */
	async ensureKeys(db: Db, townshipCodes: readonly string[], suite: CryptoSuiteName, now: Date): Promise<void> {
		for (const code of townshipCodes) await this.activeKey(db, code, suite, now);
	},

	/** The public half of every key ever used, for /.well-known/daiban/certificate-keys.json. */
	async publishedKeys(db: DbOrTx): Promise<CertificateKey[]> {
		const rows = await certificateRepository.allKeys(db);
		return rows.map((r) => ({ keyId: r.keyId, suite: r.suite, publicKey: r.publicKey, revokedAt: r.revokedAt?.toISOString() ?? null }));
	}
};
