import { describe, expect, it } from 'vitest';
import { base64urlToBytes, bytesToBase64url, cryptoSuite, utf8, type CryptoSuiteName } from '../crypto';
import type { CertificateFacts, CertificateKey } from './certificate.schema';
import { certificateVerifyUrl, signCertificatePayload, verifyCertificatePayload } from './payload';

function setup(suite: CryptoSuiteName, keyId = `k-${suite}-1`) {
	const pair = cryptoSuite(suite).generateSigningKey();
	const key: CertificateKey = { keyId, suite, publicKey: bytesToBase64url(pair.publicKey) };
	const facts: CertificateFacts = {
		certificateNumber: '360121100-2026-000001',
		caseNumber: '3601211002012026112300012',
		itemCode: 'WJ-LNYD-001',
		itemName: '老年人优待证',
		holderName: '张秀英',
		holderIdMasked: '3601**********1234',
		issuedOn: '2026-11-23',
		townshipName: '城湖镇',
		keyId,
		suite
	};
	return { pair, key, facts, payload: signCertificatePayload(facts, pair.privateKey) };
}

/** Flip one bit of one byte of a base64url segment, re-encoded canonically. */
function flipByte(segment: string, index: number): string {
	const bytes = base64urlToBytes(segment);
	bytes[index]! ^= 0x01;
	return bytesToBase64url(bytes);
}

describe.each(['standard', 'sm'] as const)('certificate payload, %s suite', (suite) => {
	it('verifies as valid with its key and returns the facts', () => {
		const { key, facts, payload } = setup(suite);
		expect(verifyCertificatePayload(payload, [key])).toEqual({ status: 'valid', facts });
	});
	it('one changed byte in the facts is tampered', () => {
		const { key, payload } = setup(suite);
		const [body, signature] = payload.split('.') as [string, string];
		// Byte 40 sits inside the certificate number's digits: still valid JSON, different facts.
		const changed = flipByte(body, 40);
		expect(JSON.parse(utf8.decode(base64urlToBytes(changed)))).toBeTruthy();
		expect(verifyCertificatePayload(`${changed}.${signature}`, [key])).toEqual({ status: 'tampered' });
	});
	it('one changed byte in the signature is tampered', () => {
		const { key, payload } = setup(suite);
		const [body, signature] = payload.split('.') as [string, string];
		expect(verifyCertificatePayload(`${body}.${flipByte(signature, 5)}`, [key])).toEqual({ status: 'tampered' });
	});
	it('another key under the same id is tampered; an unknown key id is unknown', () => {
		const { payload, key } = setup(suite);
		const other = setup(suite);
		expect(verifyCertificatePayload(payload, [other.key])).toEqual({ status: 'tampered' });
		expect(verifyCertificatePayload(payload, [{ ...key, keyId: 'someone-else' }])).toEqual({ status: 'unknown' });
		expect(verifyCertificatePayload(payload, [])).toEqual({ status: 'unknown' });
	});
	it('a key revoked as compromised answers revoked', () => {
		const { key, facts, payload } = setup(suite);
		expect(verifyCertificatePayload(payload, [{ ...key, revokedAt: '2026-11-24T00:00:00Z' }])).toEqual({ status: 'revoked', facts });
	});
});

describe('certificate payload across suites', () => {
	it('verifies certificates of both suites side by side (a suite switch keeps old ones valid)', () => {
		const a = setup('standard');
		const b = setup('sm');
		const keys = [a.key, b.key];
		expect(verifyCertificatePayload(a.payload, keys).status).toBe('valid');
		expect(verifyCertificatePayload(b.payload, keys).status).toBe('valid');
	});
	it('facts that claim another suite than their key are tampered', () => {
		const a = setup('standard', 'shared');
		expect(verifyCertificatePayload(a.payload, [{ ...a.key, suite: 'sm' }])).toEqual({ status: 'tampered' });
	});
	it('malformed payloads are tampered, never a throw', () => {
		const { key, payload } = setup('standard');
		const [body] = payload.split('.') as [string, string];
		const nonCanonical = bytesToBase64url(utf8.encode(JSON.stringify(JSON.parse(utf8.decode(base64urlToBytes(body))), null, 1)));
		for (const bad of ['', '.', 'abc', `${payload}.x`, `${body}.`, `${nonCanonical}.${payload.split('.')[1]}`, 'x'.repeat(5000), '%%%.%%%']) {
			expect(verifyCertificatePayload(bad, [key])).toEqual({ status: 'tampered' });
		}
	});
});

describe('certificateVerifyUrl', () => {
	it('puts the payload in the query of the public /verify page, unescaped', () => {
		const { payload } = setup('standard');
		const url = certificateVerifyUrl('https://daiban.example.cn', payload);
		expect(url).toBe(`https://daiban.example.cn/verify?p=${payload}`);
		expect(new URL(url).searchParams.get('p')).toBe(payload);
	});
});
