import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents, sessions, users } from '../../server/src/db/schema';
import { testDbKind } from '../fixtures/test-db';
import { startClockedServer, type ClockedServer } from '../fixtures/clocked-server';
import { errorOf, loginHttp, trpcHttp } from '../fixtures/trpc-http';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const me = (s: ClockedServer, cookie: string) => trpcHttp(s.url, 'auth.me', undefined, { type: 'query', cookie });
const login = (s: ClockedServer, username: string, password: string) =>
	trpcHttp(s.url, 'auth.login', { username, password, deviceName: 'test device' }, { type: 'mutation' });

/** A 401 whose data.reason says why the session does not work. */
function expectRefused(answer: Awaited<ReturnType<typeof me>>, reason: string) {
	expect(answer.status, answer.text).toBe(401);
	expect(errorOf(answer)?.data.reason).toBe(reason);
}

describe(`sessions, login throttling and devices over HTTP (${testDbKind})`, () => {
	let s: ClockedServer;
	beforeAll(async () => {
		s = await startClockedServer({ loginLimits: { perAccount: 5, perAddress: 12, windowMinutes: 15 } });
	});
	afterAll(async () => s?.close());

	it('sets an HttpOnly, SameSite=Strict cookie holding a token that is stored only as its SHA-256', async () => {
		const answer = await login(s, 'intake', 'daiban-intake');
		const raw = answer.headers.getSetCookie().find((c) => c.startsWith('daiban_session='));
		expect(raw).toMatch(/HttpOnly/i);
		expect(raw).toMatch(/SameSite=Strict/i);
		// Plain http here: a Secure cookie would never come back.
		expect(raw).not.toMatch(/;\s*Secure/i);
		const rows = await s.db.select().from(sessions);
		expect(rows.some((r) => r.tokenHash === answer.sessionCookie)).toBe(false);
	});

	it('locks an account after 5 failures with a message that does not tell whether the user exists', async () => {
		for (let i = 0; i < 5; i++) expect((await login(s, 'approver.renshe', `wrong-${i}`)).status).toBe(401);
		const locked = await login(s, 'approver.renshe', 'daiban-approver-rs');
		expect(locked.status, locked.text).toBe(429);
		for (let i = 0; i < 5; i++) expect((await login(s, 'nobody.here', `wrong-${i}`)).status).toBe(401);
		const ghost = await login(s, 'nobody.here', 'whatever-password');
		expect(ghost.status).toBe(429);
		expect(errorOf(ghost)?.message).toBe(errorOf(locked)?.message);
		expect(errorOf(locked)?.message).toMatch(/too many failed logins/);
		// Other accounts are not affected (the address limit is not reached yet).
		expect((await login(s, 'issuer', 'daiban-issuer')).status).toBe(200);
		// After the window the right password works again, and success clears the account's count.
		s.advance(16 * 60_000);
		expect((await login(s, 'approver.renshe', 'daiban-approver-rs')).status).toBe(200);
		const failures = await s.db.select().from(auditEvents).where(eq(auditEvents.action, 'auth.login_failed'));
		expect(failures.length).toBeGreaterThanOrEqual(10);
	});

	it('limits failures per address across accounts', async () => {
		s.advance(16 * 60_000);
		for (let i = 0; i < 12; i++) expect((await login(s, `spray.${i}`, 'password-guess')).status).toBe(401);
		const refused = await login(s, 'grid.chenghu', 'daiban-grid-1');
		expect(refused.status).toBe(429);
		s.advance(16 * 60_000);
		expect((await login(s, 'grid.chenghu', 'daiban-grid-1')).status).toBe(200);
	});

	it('rotates the token after a day: the new one works, the old one only for a short grace', async () => {
		s.advance(16 * 60_000);
		const { cookie } = await loginHttp(s.url, 'supervisor', 'daiban-supervisor');
		expect((await me(s, cookie)).sessionCookie).toBeUndefined();
		s.advance(25 * HOUR);
		const rotated = await me(s, cookie);
		expect(rotated.status).toBe(200);
		const next = rotated.sessionCookie;
		expect(next).toBeTruthy();
		expect(next).not.toBe(cookie);
		s.advance(30_000);
		expect((await me(s, cookie)).status).toBe(200);
		s.advance(2 * 60_000);
		expectRefused(await me(s, cookie), 'SESSION_EXPIRED');
		expect((await me(s, next!)).status).toBe(200);
	});

	it('ends an idle session, and a used one at its absolute expiry however often it rotated', async () => {
		const idle = await loginHttp(s.url, 'issuer', 'daiban-issuer');
		s.advance(15 * DAY);
		expectRefused(await me(s, idle.cookie), 'SESSION_IDLE');

		let { cookie } = await loginHttp(s.url, 'issuer', 'daiban-issuer');
		let day = 0;
		for (; day < 40; day++) {
			s.advance(DAY);
			const answer = await me(s, cookie);
			if (answer.status !== 200) {
				expectRefused(answer, 'SESSION_EXPIRED');
				break;
			}
			if (answer.sessionCookie) cookie = answer.sessionCookie;
		}
		expect(day + 1).toBe(30);
	});

	it('logs out everywhere: every session of the user on every device ends', async () => {
		const a = await loginHttp(s.url, 'agent.lianxi', 'daiban-agent-2');
		const b = await loginHttp(s.url, 'agent.lianxi', 'daiban-agent-2');
		expect(a.deviceId).not.toBe(b.deviceId);
		const out = await trpcHttp(s.url, 'auth.logoutEverywhere', undefined, { type: 'mutation', cookie: a.cookie });
		expect(out.status, out.text).toBe(200);
		expect(out.sessionCookie).toBe('');
		expectRefused(await me(s, a.cookie), 'SESSION_REVOKED');
		expectRefused(await me(s, b.cookie), 'SESSION_REVOKED');
	});

	it('a password reset by the IT admin ends the user’s sessions; the old password stops working', async () => {
		const agent = await loginHttp(s.url, 'agent.lianxi', 'daiban-agent-2');
		const admin = await loginHttp(s.url, 'admin', 'daiban-admin');
		const [user] = await s.db.select().from(users).where(eq(users.username, 'agent.lianxi'));
		const reset = await trpcHttp(s.url, 'admin.resetPassword', { userId: user!.id, password: 'new-secret-2026' }, { type: 'mutation', cookie: admin.cookie });
		expect(reset.status, reset.text).toBe(200);
		expectRefused(await me(s, agent.cookie), 'SESSION_REVOKED');
		expect((await login(s, 'agent.lianxi', 'daiban-agent-2')).status).toBe(401);
		expect((await login(s, 'agent.lianxi', 'new-secret-2026')).status).toBe(200);
	});

	it('a revoked device is refused at once with DEVICE_REVOKED; the user’s other devices keep working', async () => {
		const lost = await loginHttp(s.url, 'agent.chenghu', 'daiban-agent-1');
		const other = await loginHttp(s.url, 'agent.chenghu', 'daiban-agent-1');
		const supervisor = await loginHttp(s.url, 'supervisor', 'daiban-supervisor');
		const list = await trpcHttp(s.url, 'admin.devices', undefined, { type: 'query', cookie: supervisor.cookie });
		expect(list.status, list.text).toBe(200);
		const devices = (list.body as { result: { data: { id: string; username: string }[] } }).result.data;
		expect(devices.some((d) => d.id === lost.deviceId && d.username === 'agent.chenghu')).toBe(true);
		const revoke = await trpcHttp(s.url, 'admin.revokeDevice', { deviceId: lost.deviceId, reason: 'lost on the bus' }, { type: 'mutation', cookie: supervisor.cookie });
		expect(revoke.status, revoke.text).toBe(200);
		const refused = await trpcHttp(s.url, 'sync.pull', { protocolVersion: 1 }, { type: 'query', cookie: lost.cookie });
		expectRefused(refused, 'DEVICE_REVOKED');
		expect((await me(s, other.cookie)).status).toBe(200);
		// Logging in again with the revoked device's id enrols a new device instead of reviving it.
		const again = await loginHttp(s.url, 'agent.chenghu', 'daiban-agent-1', lost.deviceId);
		expect(again.deviceId).not.toBe(lost.deviceId);
		const [event] = await s.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'device.revoke'), eq(auditEvents.subject, lost.deviceId)));
		expect(event?.details).toMatchObject({ reason: 'lost on the bus', user: 'agent.chenghu' });
		// A second revocation is a clear conflict, not a silent success.
		const twice = await trpcHttp(s.url, 'admin.revokeDevice', { deviceId: lost.deviceId, reason: 'again' }, { type: 'mutation', cookie: supervisor.cookie });
		expect(twice.status).toBe(409);
	});
});

describe(`cookies behind a trusted proxy (${testDbKind})`, () => {
	let s: ClockedServer;
	beforeAll(async () => {
		s = await startClockedServer({ trustProxy: true });
	});
	afterAll(async () => s?.close());

	it('marks the cookie Secure when the proxy says the browser used https', async () => {
		const res = await fetch(`${s.url}/trpc/auth.login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' },
			body: JSON.stringify({ username: 'intake', password: 'daiban-intake', deviceName: 'desk' })
		});
		expect(res.status).toBe(200);
		expect(res.headers.getSetCookie().find((c) => c.startsWith('daiban_session='))).toMatch(/;\s*Secure/i);
		const [event] = await s.db.select().from(auditEvents).where(eq(auditEvents.action, 'auth.login'));
		expect(event?.details).toMatchObject({ ip: '203.0.113.9' });
	});
});
