import { z } from 'zod';
import { cryptoSuiteNameSchema } from '../crypto';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD');
const line = (max: number) => z.string().min(1).max(max);

/**
 * A township's public signing key as published at /.well-known/daiban/certificate-keys.json.
 * `revokedAt` is set when the key itself must no longer be trusted (compromise), not when a key
 * is merely retired: a retired key still verifies what it signed.
 */
export const certificateKeySchema = z.object({
	keyId: line(64),
	suite: cryptoSuiteNameSchema,
	publicKey: z.string().regex(/^[A-Za-z0-9_-]+$/, 'public key: base64url'),
	revokedAt: z.string().nullable().optional()
});
export type CertificateKey = z.infer<typeof certificateKeySchema>;

/**
 * What a certificate asserts, in the order it is serialised and signed. Only what is printed
 * on the paper: the ID number is masked (PIPL), the phone is not there at all.
 */
export const certificateFactsSchema = z.strictObject({
	certificateNumber: line(64),
	caseNumber: line(64),
	itemCode: line(40),
	itemName: line(200),
	holderName: line(50),
	holderIdMasked: line(32),
	issuedOn: isoDay,
	townshipName: line(100),
	keyId: line(64),
	suite: cryptoSuiteNameSchema
});
export type CertificateFacts = z.infer<typeof certificateFactsSchema>;

/** The key order of the canonical form: fixed here, never taken from an object's insertion order. */
export const CERTIFICATE_FACT_KEYS = Object.keys(certificateFactsSchema.shape) as readonly (keyof CertificateFacts)[];

export type VerifyOutcome =
	| { status: 'valid'; facts: CertificateFacts }
	| { status: 'tampered' }
	| { status: 'unknown' }
	| { status: 'revoked'; facts: CertificateFacts };

export const verifyOutcomeSchema = z.discriminatedUnion('status', [
	z.object({ status: z.literal('valid'), facts: certificateFactsSchema }),
	z.object({ status: z.literal('tampered') }),
	z.object({ status: z.literal('unknown') }),
	z.object({ status: z.literal('revoked'), facts: certificateFactsSchema })
]);
