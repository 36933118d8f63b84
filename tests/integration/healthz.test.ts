import { describe, expect, it } from 'vitest';
import { createTestApp } from '../fixtures/test-app';
import { buildApp } from '../../server/src/http';
import { testDbKind } from '../fixtures/test-db';

describe(`/healthz (${testDbKind})`, () => {
	it('answers up while the database answers, and 503 once it is gone', async () => {
		const t = await createTestApp();
		const app = await buildApp({ services: t.services, logLevel: 'silent' });
		try {
			const up = await app.inject({ method: 'GET', url: '/healthz' });
			expect(up.statusCode).toBe(200);
			expect(up.json()).toEqual({ ok: true, database: 'up' });
			await t.close();
			const down = await app.inject({ method: 'GET', url: '/healthz' });
			expect(down.statusCode).toBe(503);
			expect(down.json()).toEqual({ ok: false, database: 'down' });
		} finally {
			await app.close();
		}
	});
});
