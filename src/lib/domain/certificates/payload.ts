import { base64urlToBytes, bytesToBase64url, cryptoSuite, utf8 } from '../crypto';
import { CERTIFICATE_FACT_KEYS, certificateFactsSchema, type CertificateFacts, type CertificateKey, type VerifyOutcome } from './certificate.schema';

/*
 * The certificate payload, the compact string in the QR code:
 *
 *   base64url(canonical JSON of the facts) "." base64url(signature)
 *
 * The signature covers DOMAIN_TAG followed by the canonical JSON bytes, so a Daiban signature
 * over something else can never be passed off as a certificate. Canonical = the facts' keys in
 * schema order, JSON.stringify spacing; a payload whose JSON is not canonical is refused, so
 * each certificate has exactly one payload.
 */

const DOMAIN_TAG = 'daiban-certificate-v1\n';
/** Far above a real payload (~600 chars), far below anything that could hurt a phone. */
export const MAX_PAYLOAD_LENGTH = 4096;

export function canonicalFacts(facts: CertificateFacts): string {
	const ordered: Record<string, unknown> = {};
	for (const key of CERTIFICATE_FACT_KEYS) ordered[key] = facts[key];
	return JSON.stringify(ordered);
}

function signedBytes(canonicalJson: string): Uint8Array {
	return utf8.encode(DOMAIN_TAG + canonicalJson);
}

/** Signs the facts with the key they name (facts.keyId / facts.suite must describe `privateKey`). */
export function signCertificatePayload(facts: CertificateFacts, privateKey: Uint8Array): string {
	const parsed = certificateFactsSchema.parse(facts);
	const json = canonicalFacts(parsed);
	const signature = cryptoSuite(parsed.suite).sign(privateKey, signedBytes(json));
	return `${bytesToBase64url(utf8.encode(json))}.${bytesToBase64url(signature)}`;
}

type Decoded = { facts: CertificateFacts; json: string; signature: Uint8Array };

/** The facts and signature of a well-formed payload, or null (malformed counts as tampered). */
export function decodeCertificatePayload(payload: string): Decoded | null {
	if (payload.length === 0 || payload.length > MAX_PAYLOAD_LENGTH) return null;
	const parts = payload.split('.');
	if (parts.length !== 2) return null;
	try {
		const json = utf8.decode(base64urlToBytes(parts[0]!));
		const facts = certificateFactsSchema.safeParse(JSON.parse(json));
		if (!facts.success || canonicalFacts(facts.data) !== json) return null;
		return { facts: facts.data, json, signature: base64urlToBytes(parts[1]!) };
	} catch {
		return null;
	}
}

/**
 * Offline verification against the published keys (the grid worker's phone does this):
 * valid, tampered (malformed, wrong suite for the key, or a bad signature) or unknown (no such
 * key). A key revoked as compromised answers `revoked`. Per-certificate revocation is known
 * only to the server, which adds it on top of this answer.
 */
export function verifyCertificatePayload(payload: string, keys: readonly CertificateKey[]): VerifyOutcome {
	const decoded = decodeCertificatePayload(payload);
	if (!decoded) return { status: 'tampered' };
	const { facts, json, signature } = decoded;
	const key = keys.find((k) => k.keyId === facts.keyId);
	if (!key) return { status: 'unknown' };
	if (key.suite !== facts.suite) return { status: 'tampered' };
	let publicKey: Uint8Array;
	try {
		publicKey = base64urlToBytes(key.publicKey);
	} catch {
		return { status: 'unknown' };
	}
	if (!cryptoSuite(key.suite).verify(publicKey, signedBytes(json), signature)) return { status: 'tampered' };
	return key.revokedAt ? { status: 'revoked', facts } : { status: 'valid', facts };
}

/** The path of the public verification page (an app route). */
export const VERIFY_PATH = '/verify';

/** What the QR code holds: the public page with the payload in the query string. */
export function certificateVerifyUrl(origin: string, payload: string): string {
	const url = new URL(VERIFY_PATH, origin);
	url.searchParams.set('p', payload);
	return url.toString();
}
