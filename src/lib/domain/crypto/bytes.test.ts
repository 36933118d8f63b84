import { describe, expect, it } from 'vitest';
import { base64urlToBytes, bytesToBase64url, utf8 } from './bytes';

describe('base64url', () => {
	it('matches RFC 4648 §10 test vectors (url alphabet, no padding)', () => {
		const cases: Array<[string, string]> = [['', ''], ['f', 'Zg'], ['fo', 'Zm8'], ['foo', 'Zm9v'], ['foob', 'Zm9vYg'], ['fooba', 'Zm9vYmE'], ['foobar', 'Zm9vYmFy']];
		for (const [plain, encoded] of cases) {
			expect(bytesToBase64url(utf8.encode(plain))).toBe(encoded);
			expect(utf8.decode(base64urlToBytes(encoded))).toBe(plain);
		}
		expect(bytesToBase64url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
	});
	it('rejects padding, the standard alphabet, impossible lengths and non-canonical spellings', () => {
		for (const bad of ['Zg==', 'a+b/', 'Z', 'Zh']) expect(() => base64urlToBytes(bad)).toThrow();
	});
});
