import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { auditEvents } from '../../server/src/db/schema';
import { uuidv7 } from 'uuidv7';
import { PDFDocument } from 'pdf-lib';
import type { FastifyInstance } from 'fastify';
import { createTestApp, type TestApp } from '../fixtures/test-app';
import { makeIntake } from '../fixtures/cases';
import { testDbKind } from '../fixtures/test-db';
import { buildApp, SESSION_COOKIE } from '../../server/src/http';
import { authService } from '../../server/src/services/auth.service';
import { demoUsers } from '../../server/src/seed/demo-county';
import { certificatePayloads, embeddedFonts } from '../../server/src/pdf/pdf-inspect';
import { PROTOCOL_VERSION } from '../../src/lib/domain/sync/protocol';
import { seedCatalog } from '../../src/lib/domain/catalog/seed';
import type { CaseIntake } from '../../src/lib/domain/case/case.schema';
import { certificateKeySchema, parseCertificateNumber, verifyCertificatePayload } from '../../src/lib/domain/certificates';
import { base64urlToBytes, bytesToBase64url, utf8 } from '../../src/lib/domain/crypto';
import { cstDate } from '../../src/lib/domain/case/workflow';
import { RATE_LIMITS } from '../../server/src/services/public.service';
import { appRouter } from '../../server/src/routers/app.router';
import { createCallerFactory } from '../../server/src/trpc';

const seniorCard = seedCatalog.items.find((i) => i.code === 'WJ-LNYD-001')!;

function seniorCardIntake(overrides: Partial<CaseIntake> = {}): CaseIntake {
	return makeIntake({
		itemCodes: [seniorCard.code],
		form: Object.fromEntries(seniorCard.formFields.filter((f) => f.required).map((f) => [f.key, '测试'])),
		materials: seniorCard.materials.map((m) => ({ itemCode: seniorCard.code, materialId: m.id, received: true, checkedPoints: m.reviewPoints, replacedByCommitment: false, attachmentHashes: [] })),
		applicant: { name: '王秀英', idNumber: makeIntake().applicant.idNumber, phone: '13912345678', address: '澄湖村二组', gridCode: '360121100201-02' },
		delivery: { method: 'grid_delivery' },
		...overrides
	});
}

describe(`certificate window and public pages (${testDbKind})`, () => {
	let app: TestApp;
	let http: FastifyInstance;
	let mutationId = 0;
	const clientId = uuidv7();

	async function submitted(intake = seniorCardIntake()): Promise<CaseIntake> {
		const agent = await app.callerFor('agent.chenghu');
		const res = await agent.sync.push({ protocolVersion: PROTOCOL_VERSION, clientId, mutations: [{ id: ++mutationId, name: 'case.submit', args: intake, createdAt: intake.createdAt }] });
		expect(res.results[0]?.status).toBe('applied');
		return intake;
	}

	async function approved(intake?: CaseIntake): Promise<CaseIntake> {
		const c = await submitted(intake);
		const desk = await app.callerFor('intake');
		await desk.case.act({ caseId: c.id, event: { type: 'accept' } });
		await desk.case.act({ caseId: c.id, event: { type: 'start_review' } });
		const approver = await app.callerFor('approver.renshe');
		for (const step of seniorCard.approvalChain) {
			await approver.case.act({ caseId: c.id, event: { type: 'approve_step', itemCode: seniorCard.code, stepId: step.id } });
		}
		return c;
	}

	async function cookieFor(username: string): Promise<string> {
		const user = demoUsers.find((u) => u.username === username)!;
		const res = await authService.login(app.db, { username, password: user.password, deviceName: 'test' }, new Date(), 30);
		return `${SESSION_COOKIE}=${res.token}`;
	}

	async function publishedKeys() {
		const res = await http.inject({ method: 'GET', url: '/.well-known/daiban/certificate-keys.json' });
		expect(res.statusCode).toBe(200);
		return certificateKeySchema.array().parse(res.json<{ keys: unknown }>().keys);
	}

	beforeAll(async () => {
		app = await createTestApp();
		http = await buildApp({ services: app.services, logLevel: 'error' });
	});
	afterAll(async () => {
		await http.close();
		await app.close();
	});

	it('issues only approved cases, only by the issuer, once; numbers are township-year-sequence', async () => {
		const issuer = await app.callerFor('issuer');
		const pending = await submitted();
		await expect(issuer.certificates.issue({ caseId: pending.id })).rejects.toMatchObject({ code: 'CONFLICT' });

		const c = await approved();
		const queue = await issuer.certificates.queue();
		expect(queue.map((q) => q.caseId)).toContain(c.id);
		expect(queue.find((q) => q.caseId === c.id)).toMatchObject({ title: '老年人优待证', holderName: '王秀英', deliveryChoice: 'grid_delivery' });

		const approver = await app.callerFor('approver.renshe');
		await expect(approver.certificates.issue({ caseId: c.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		const supervisor = await app.callerFor('supervisor');
		await expect(supervisor.certificates.issue({ caseId: c.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });

		// The generic decision endpoint cannot issue an unsigned, unnumbered certificate.
		await expect(issuer.case.act({ caseId: c.id, event: { type: 'issue_certificate', number: 'X-1' } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		const cert = await issuer.certificates.issue({ caseId: c.id });
		expect(cert.caseStatus).toBe('certificate_issued');
		const number = parseCertificateNumber(cert.certificateNumber);
		expect(number).toMatchObject({ townshipCode: '360121100', year: Number(cstDate(new Date().toISOString()).slice(0, 4)) });
		await expect(issuer.certificates.issue({ caseId: c.id })).rejects.toMatchObject({ code: 'CONFLICT' });
		expect((await issuer.certificates.queue()).map((q) => q.caseId)).not.toContain(c.id);

		// The refused attempts consumed no number: the next certificate is the next sequence.
		const next = await issuer.certificates.issue({ caseId: (await approved()).id });
		expect(parseCertificateNumber(next.certificateNumber)?.sequence).toBe(number!.sequence + 1);

		// The payload verifies offline against the published keys, with the facts printed on it.
		const outcome = verifyCertificatePayload(cert.payload, await publishedKeys());
		expect(outcome).toMatchObject({ status: 'valid', facts: { certificateNumber: cert.certificateNumber, holderName: '王秀英', holderIdMasked: expect.stringMatching(/^3601\*{10}\w{4}$/), itemName: '老年人优待证', townshipName: expect.any(String), suite: 'standard' } });
		expect((await issuer.certificates.list({})).map((l) => l.id)).toContain(cert.id);
	});

	it('signs with SM2 after a suite switch, and certificates of both suites keep verifying', async () => {
		const issuer = await app.callerFor('issuer');
		const before = await issuer.certificates.issue({ caseId: (await approved()).id });
		expect(before.payload).toBeTruthy();
		const smIssuer = createCallerFactory(appRouter)({ ...app.services, cryptoSuite: 'sm', actor: await app.actorFor('issuer'), request: null });
		const after = await smIssuer.certificates.issue({ caseId: (await approved()).id });
		const keys = await publishedKeys();
		expect(new Set(keys.map((k) => k.suite))).toEqual(new Set(['standard', 'sm']));
		const anyone = app.caller(null);
		expect(await anyone.public.verifyCertificate({ payload: before.payload })).toMatchObject({ status: 'valid', facts: { suite: 'standard' } });
		expect(await anyone.public.verifyCertificate({ payload: after.payload })).toMatchObject({ status: 'valid', facts: { suite: 'sm' } });
	});

	it('publishes the keys as public, cacheable JSON', async () => {
		const res = await http.inject({ method: 'GET', url: '/.well-known/daiban/certificate-keys.json' });
		expect(res.headers['cache-control']).toContain('public');
		const keys = await publishedKeys();
		expect(keys.length).toBeGreaterThan(0);
		expect(JSON.stringify(res.json())).not.toMatch(/private/i);
	});

	it('serves the PDF once as the first print; a reprint needs a reason and is recorded', async () => {
		const issuer = await app.callerFor('issuer');
		const cert = await issuer.certificates.issue({ caseId: (await approved()).id });
		const cookie = await cookieFor('issuer');
		const url = `/api/certificates/${cert.id}.pdf`;

		expect((await http.inject({ method: 'GET', url })).statusCode).toBe(401);
		expect((await http.inject({ method: 'GET', url, headers: { cookie: await cookieFor('agent.chenghu') } })).statusCode).toBe(403);

		const first = await http.inject({ method: 'GET', url, headers: { cookie } });
		expect(first.statusCode).toBe(200);
		expect(first.headers['content-type']).toBe('application/pdf');
		expect(first.rawPayload.length).toBeLessThan(1024 * 1024);
		const doc = await PDFDocument.load(first.rawPayload);
		expect(doc.getPageCount()).toBe(1);
		const characters = embeddedFonts(doc)[0]!.characters;
		for (const ch of '老年人优待证王秀英') expect(characters).toContain(ch);
		expect(certificatePayloads(doc)).toEqual([cert.payload]);

		const again = await http.inject({ method: 'GET', url, headers: { cookie } });
		expect(again.statusCode).toBe(409);
		expect(again.json()).toMatchObject({ message: expect.stringMatching(/reprint needs a reason/) });

		await expect(issuer.certificates.reprint({ certificateId: cert.id, reason: ' ' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		const { printId } = await issuer.certificates.reprint({ certificateId: cert.id, reason: '原件污损' });
		const reprinted = await http.inject({ method: 'GET', url: `${url}?print=${printId}`, headers: { cookie } });
		expect(reprinted.statusCode).toBe(200);
		expect((await http.inject({ method: 'GET', url: `${url}?print=${uuidv7()}`, headers: { cookie } })).statusCode).toBe(404);
		expect((await issuer.certificates.list({})).find((l) => l.id === cert.id)?.printCount).toBe(2);
		// Both prints and the reprint with its reason are in the audit log.
		const audited = await app.db.select().from(auditEvents).where(eq(auditEvents.subject, cert.id)).orderBy(asc(auditEvents.seq));
		expect(audited.map((e) => e.action)).toEqual(['certificate.print', 'certificate.reprint', 'certificate.print']);
		expect(audited[1]?.details).toMatchObject({ reason: '原件污损' });
	});

	it('prints the day’s unprinted certificates as one batch PDF', async () => {
		const issuer = await app.callerFor('issuer');
		const unprinted = (await issuer.certificates.list({})).filter((l) => l.printCount === 0 && !l.revokedAt);
		expect(unprinted.length).toBeGreaterThan(0);
		const cookie = await cookieFor('issuer');
		const today = cstDate(new Date().toISOString());
		const batch = await http.inject({ method: 'GET', url: `/api/certificates/batch.pdf?date=${today}`, headers: { cookie } });
		expect(batch.statusCode).toBe(200);
		expect((await PDFDocument.load(batch.rawPayload)).getPageCount()).toBe(unprinted.length);
		const empty = await http.inject({ method: 'GET', url: `/api/certificates/batch.pdf?date=${today}`, headers: { cookie } });
		expect(empty.statusCode).toBe(404);
		expect((await http.inject({ method: 'GET', url: '/api/certificates/batch.pdf?date=23-11-2026', headers: { cookie } })).statusCode).toBe(400);
	});

	it('a supervisor revokes with a reason; public verification then says revoked; a changed payload is tampered', async () => {
		const issuer = await app.callerFor('issuer');
		const cert = await issuer.certificates.issue({ caseId: (await approved()).id });
		const anyone = app.caller(null);
		expect(await anyone.public.verifyCertificate({ payload: cert.payload })).toMatchObject({ status: 'valid' });

		const [body, signature] = cert.payload.split('.') as [string, string];
		const facts = JSON.parse(utf8.decode(base64urlToBytes(body))) as Record<string, string>;
		const forged = `${bytesToBase64url(utf8.encode(JSON.stringify({ ...facts, holderName: '李四' })))}.${signature}`;
		expect(await anyone.public.verifyCertificate({ payload: forged })).toEqual({ status: 'tampered' });
		expect(await anyone.public.verifyCertificate({ payload: 'not-a-certificate' })).toEqual({ status: 'tampered' });

		await expect(issuer.certificates.revoke({ certificateId: cert.id, reason: '信息有误' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		const supervisor = await app.callerFor('supervisor');
		await expect(supervisor.certificates.revoke({ certificateId: cert.id, reason: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		const revoked = await supervisor.certificates.revoke({ certificateId: cert.id, reason: '信息有误' });
		expect(revoked.revokedAt).not.toBeNull();
		expect(await anyone.public.verifyCertificate({ payload: cert.payload })).toMatchObject({ status: 'revoked', facts: { certificateNumber: cert.certificateNumber } });
		await expect(supervisor.certificates.revoke({ certificateId: cert.id, reason: '再次' })).rejects.toMatchObject({ code: 'CONFLICT' });
		await expect(issuer.certificates.reprint({ certificateId: cert.id, reason: '补打' })).rejects.toMatchObject({ code: 'CONFLICT' });
	});

	it('assigns delivery per the applicant’s choice: grid worker (preselected by grid), pickup, window, mail', async () => {
		const issuer = await app.callerFor('issuer');
		const gridCase = await approved();
		await issuer.certificates.issue({ caseId: gridCase.id });
		const options = await issuer.certificates.deliveryOptions({ caseId: gridCase.id });
		expect(options.choice).toBe('grid_delivery');
		const chenghu = options.gridWorkers.find((w) => w.preselected);
		const gridUser = await app.actorFor('grid.chenghu');
		expect(chenghu?.id).toBe(gridUser.id);
		// Someone who is not a grid worker of this village is refused with a reason.
		const stranger = await app.actorFor('agent.lianxi');
		await expect(issuer.certificates.assignDelivery({ caseId: gridCase.id, method: 'grid_delivery', gridWorkerId: stranger.id })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		expect(await issuer.certificates.assignDelivery({ caseId: gridCase.id, method: 'grid_delivery', gridWorkerId: gridUser.id })).toMatchObject({ status: 'out_for_delivery' });
		const detail = await issuer.case.get({ caseId: gridCase.id });
		expect(detail.workflow?.delivery.assignments.at(-1)?.gridWorkerId).toBe(gridUser.id);

		for (const method of ['station_pickup', 'township_window'] as const) {
			const c = await approved(seniorCardIntake({ delivery: { method } }));
			await issuer.certificates.issue({ caseId: c.id });
			expect(await issuer.certificates.assignDelivery({ caseId: c.id, method })).toMatchObject({ status: 'ready_for_pickup' });
			expect((await issuer.case.get({ caseId: c.id })).workflow?.delivery.channel).toBe(method);
		}

		const mailed = await approved(seniorCardIntake({ delivery: { method: 'mail', address: '南昌市某路1号' } }));
		await issuer.certificates.issue({ caseId: mailed.id });
		await expect(issuer.certificates.assignDelivery({ caseId: mailed.id, method: 'mail', trackingNumber: '12' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		expect(await issuer.certificates.assignDelivery({ caseId: mailed.id, method: 'mail', trackingNumber: 'SF1234567890' })).toMatchObject({ status: 'mailed' });
		expect((await issuer.case.get({ caseId: mailed.id })).workflow?.delivery.trackingNumber).toBe('SF1234567890');
	});

	it('answers the status query with status and date only; wrong digits answer exactly like an unknown case', async () => {
		const c = await approved();
		const anyone = app.caller(null);
		const answer = await anyone.public.caseStatus({ caseNumber: c.caseNumber, phoneLast4: '5678' });
		expect(Object.keys(answer).sort()).toEqual(['expectedCompletion', 'status']);
		expect(answer.status).toBe('approved');
		expect(answer.expectedCompletion).toMatch(/^\d{4}-\d{2}-\d{2}$/);

		const wrongDigits = await anyone.public.caseStatus({ caseNumber: c.caseNumber, phoneLast4: '0000' }).catch((e: unknown) => e);
		const unknown = await anyone.public.caseStatus({ caseNumber: makeIntake().caseNumber, phoneLast4: '5678' }).catch((e: unknown) => e);
		expect(wrongDigits).toMatchObject({ code: 'NOT_FOUND' });
		expect(unknown).toMatchObject({ code: 'NOT_FOUND' });
		expect((wrongDigits as Error).message).toBe((unknown as Error).message);
	});

	it('rate-limits the status query over HTTP: 429 after the per-case limit, whatever the address', async () => {
		const c = await submitted();
		const query = (ip: string) =>
			http.inject({
				method: 'GET',
				url: `/trpc/public.caseStatus?input=${encodeURIComponent(JSON.stringify({ caseNumber: c.caseNumber, phoneLast4: '0000' }))}`,
				remoteAddress: ip
			});
		const codes: number[] = [];
		for (let i = 0; i < RATE_LIMITS.statusPerCase; i++) codes.push((await query(`10.0.0.${i + 1}`)).statusCode);
		expect(codes.every((s) => s === 404)).toBe(true);
		const limited = await query('10.0.1.1');
		expect(limited.statusCode).toBe(429);
		expect(limited.json()).toMatchObject({ error: { message: expect.stringMatching(/too many/) } });
	});

	it('rate-limits the status query per address across case numbers', async () => {
		const ip = '10.9.9.9';
		let last = 0;
		for (let i = 0; i <= RATE_LIMITS.statusPerAddress && last !== 429; i++) {
			const input = encodeURIComponent(JSON.stringify({ caseNumber: makeIntake().caseNumber, phoneLast4: '1234' }));
			last = (await http.inject({ method: 'GET', url: `/trpc/public.caseStatus?input=${input}`, remoteAddress: ip })).statusCode;
		}
		expect(last).toBe(429);
	});
});
