import { describe, expect, it } from 'vitest';
import { createTestApp } from '../fixtures/test-app';
import { buildApp } from '../../server/src/http';
import { readEnv } from '../../server/src/env';

describe('GET /api/harness (the test harness switch)', () => {
	it('is a 404 unless the server was started with the harness on', async () => {
		const t = await createTestApp();
		const off = await buildApp({ services: t.services, logLevel: 'silent' });
		const on = await buildApp({ services: t.services, logLevel: 'silent', testHarness: true });
		try {
			const offRes = await off.inject({ method: 'GET', url: '/api/harness' });
			expect(offRes.statusCode).toBe(404);
			const onRes = await on.inject({ method: 'GET', url: '/api/harness' });
			expect(onRes.statusCode).toBe(200);
			expect(onRes.json()).toEqual({ harness: true });
			expect(onRes.headers['cache-control']).toBe('no-store');
		} finally {
			await off.close();
			await on.close();
			await t.close();
		}
	});

	it('is off by default and only "1" turns it on', () => {
		expect(readEnv({}).DAIBAN_TEST_HARNESS).toBe('0');
		expect(readEnv({ DAIBAN_TEST_HARNESS: '1' }).DAIBAN_TEST_HARNESS).toBe('1');
		expect(() => readEnv({ DAIBAN_TEST_HARNESS: 'yes' })).toThrow(/DAIBAN_TEST_HARNESS/);
	});
});
