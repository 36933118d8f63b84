import { describe, expect, it } from 'vitest';
import { ed25519 } from '@noble/curves/ed25519.js';
import { certificateVerifyUrl, signCertificatePayload, verifyCertificatePayload, type CertificateFacts, type CertificateKey } from '$lib/domain/certificates';
import { payloadFromInput } from './verify-input';

function b64url(bytes: Uint8Array): string {
	return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const secret = ed25519.utils.randomSecretKey();
const key: CertificateKey = { keyId: 'k1', suite: 'standard', publicKey: b64url(ed25519.getPublicKey(secret)) };
const facts: CertificateFacts = {
	certificateNumber: 'LN-2026-0001',
	caseNumber: 'X',
	itemCode: 'WJ-LNYD-001',
	itemName: '老年人优待证办理',
	holderName: '王秀兰',
	holderIdMasked: '3601**********009X',
	issuedOn: '2026-11-23',
	townshipName: '示范镇',
	keyId: 'k1',
	suite: 'standard'
};

describe('offline certificate check on the grid worker’s device', () => {
	const payload = signCertificatePayload(facts, secret);
	it('takes the payload out of the scanned check URL, or as typed', () => {
		expect(payloadFromInput(certificateVerifyUrl('https://daiban.example', payload))).toBe(payload);
		expect(payloadFromInput(`  ${payload}\n`)).toBe(payload);
	});
	it('valid with the cached key; one changed byte is tampered; a wrong key is unknown', () => {
		expect(verifyCertificatePayload(payloadFromInput(certificateVerifyUrl('https://x.example', payload)), [key])).toEqual({ status: 'valid', facts });
		const [body, sig] = payload.split('.') as [string, string];
		const flipped = `${body}.${sig.slice(0, 5)}${sig[5] === 'A' ? 'B' : 'A'}${sig.slice(6)}`;
		expect(verifyCertificatePayload(flipped, [key]).status).toBe('tampered');
		const otherKey = { ...key, keyId: 'k2' };
		expect(verifyCertificatePayload(payload, [otherKey]).status).toBe('unknown');
		const wrongBytes = { ...key, publicKey: b64url(ed25519.getPublicKey(ed25519.utils.randomSecretKey())) };
		expect(verifyCertificatePayload(payload, [wrongBytes]).status).toBe('tampered');
	});
});
