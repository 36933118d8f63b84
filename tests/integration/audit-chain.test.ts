import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { auditEvents } from '../../server/src/db/schema';
import { recordAudit, verifyAuditChain } from '../../server/src/services/audit.service';
import { createTestApp, type TestApp } from '../fixtures/test-app';
import { makeIntake } from '../fixtures/cases';
import { testDbKind } from '../fixtures/test-db';
import { PROTOCOL_VERSION } from '../../src/lib/domain/sync/protocol';

/** The audit log: what is recorded, that the chain holds under concurrency, and that tampering is named. */
describe(`audit chain (${testDbKind})`, () => {
	let app: TestApp;
	const clientId = uuidv7();
	let mutationId = 0;
	const events = (action: string) => app.db.select().from(auditEvents).where(eq(auditEvents.action, action)).orderBy(asc(auditEvents.seq));

	async function submitted() {
		const intake = makeIntake({ itemCodes: ['WJ-LNYD-001'], form: {}, materials: [] });
		const agent = await app.callerFor('agent.chenghu');
		const res = await agent.sync.push({ protocolVersion: PROTOCOL_VERSION, clientId, mutations: [{ id: ++mutationId, name: 'case.submit', args: intake, createdAt: intake.createdAt }] });
		expect(res.results[0]?.status, JSON.stringify(res.results[0])).toBe('applied');
		return intake;
	}

	beforeAll(async () => {
		app = await createTestApp();
	});
	afterAll(async () => app?.close());

	it('records logins, device enrolment, decisions and every read of a full ID number', async () => {
		const intake = await submitted();
		const desk = await app.callerFor('intake');
		await desk.case.act({ caseId: intake.id, event: { type: 'accept' } });
		await desk.case.get({ caseId: intake.id });
		await desk.case.queue({ statuses: ['accepted'] });

		expect((await events('auth.login')).length).toBeGreaterThanOrEqual(2);
		expect((await events('device.enroll')).length).toBeGreaterThanOrEqual(2);
		const [act] = (await events('case.act')).filter((e) => e.subject === intake.id);
		expect(act?.details).toMatchObject({ event: 'accept', from: 'received', to: 'accepted', caseNumber: intake.caseNumber });
		const reads = await events('pii.read');
		expect(reads.filter((e) => e.subject === intake.id).map((e) => (e.details as { procedure: string }).procedure)).toEqual(['case.act', 'case.get']);
		const queueRead = reads.find((e) => e.subject === 'case.queue');
		expect((queueRead?.details as { caseIds: string[] }).caseIds).toContain(intake.id);
		expect(queueRead?.actorId).toBeTruthy();
	});

	it('writes no audit event for a refused decision (the event commits with the action or not at all)', async () => {
		const intake = await submitted();
		const desk = await app.callerFor('intake');
		const before = (await events('case.act')).length;
		await expect(desk.case.act({ caseId: intake.id, event: { type: 'approve_step', itemCode: 'WJ-LNYD-001', stepId: 'nope' } })).rejects.toThrow();
		expect((await events('case.act')).length).toBe(before);
	});

	it('keeps one unbroken chain under concurrent appends', async () => {
		await Promise.all(Array.from({ length: 25 }, (_, i) => recordAudit(app.db, { action: 'test.concurrent', subject: `n${i}` })));
		const rows = await app.db.select({ seq: auditEvents.seq }).from(auditEvents).orderBy(asc(auditEvents.seq));
		expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
		expect(await verifyAuditChain(app.db, 7)).toEqual({ checked: rows.length, broken: null });
	});

	it('refuses UPDATE and DELETE in the database itself', async () => {
		await expect(app.db.execute(sql`update audit_events set subject = 'x' where seq = 1`)).rejects.toThrow();
		await expect(app.db.execute(sql`delete from audit_events where seq = 1`)).rejects.toThrow();
		expect((await verifyAuditChain(app.db)).broken).toBeNull();
	});

	it('names the first broken link when a row is changed or removed behind the trigger’s back', async () => {
		const [{ n }] = ((await app.db.execute(sql`select count(*)::int as n from audit_events`)) as unknown as { rows: [{ n: number }] }).rows;
		const target = Math.floor(n / 2);
		// An attacker with the database owner's rights can switch the trigger off; the chain still tells.
		await app.db.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
		try {
			await app.db.execute(sql`update audit_events set details = '{"forged":true}'::jsonb where seq = ${target}`);
			const changed = await verifyAuditChain(app.db, 5);
			expect(changed.broken).toEqual({ seq: target, reason: expect.stringMatching(/hash does not match its content/) });
			expect(changed.checked).toBe(target - 1);
		} finally {
			await app.db.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
		}
	});
});
