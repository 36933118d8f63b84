import { describe, expect, it } from 'vitest';
import { readEnv } from './env';

describe('certificate settings in the environment', () => {
	it('defaults to the standard suite and accepts sm', () => {
		expect(readEnv({}).DAIBAN_CRYPTO_SUITE).toBe('standard');
		expect(readEnv({ DAIBAN_CRYPTO_SUITE: 'sm' }).DAIBAN_CRYPTO_SUITE).toBe('sm');
	});
	it('stops on an unknown suite or a public URL that is not http(s)', () => {
		expect(() => readEnv({ DAIBAN_CRYPTO_SUITE: 'SM2' })).toThrow(/DAIBAN_CRYPTO_SUITE: must be standard or sm/);
		expect(() => readEnv({ DAIBAN_PUBLIC_URL: 'ftp://x.example' })).toThrow(/DAIBAN_PUBLIC_URL: /);
		expect(() => readEnv({ DAIBAN_PUBLIC_URL: 'not a url' })).toThrow(/DAIBAN_PUBLIC_URL: /);
		expect(readEnv({ DAIBAN_PUBLIC_URL: 'https://daiban.example.gov.cn' }).DAIBAN_PUBLIC_URL).toBe('https://daiban.example.gov.cn');
	});
});
