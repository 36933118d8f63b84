import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../fixtures/test-app';
import { makeIntake } from '../fixtures/cases';
import { testDbKind } from '../fixtures/test-db';
import { PROTOCOL_VERSION, type PullResponse } from '../../src/lib/domain/sync/protocol';
import { seedCatalog } from '../../src/lib/domain/catalog/seed';
import type { CaseIntake } from '../../src/lib/domain/case/case.schema';
import type { DeliveryRecordArgs } from '../../src/lib/domain/delivery/delivery.schema';
import { userRepository } from '../../server/src/repositories/user.repository';
import { cases } from '../../server/src/db/schema';
import type { Actor } from '../../server/src/context';

const ITEM = seedCatalog.items.find((i) => i.code === 'WJ-LNYD-001')!;
const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

/** One simulated grid worker's device: its own client id, mutation counter and pull cursor. */
function device(app: TestApp, actor: Actor) {
	const clientId = uuidv7();
	let nextId = 0;
	let cursor = 0;
	const caller = app.caller(actor);
	return {
		actor,
		async push(name: 'delivery.record' | 'delivery.fail', args: unknown, id = ++nextId) {
			const res = await caller.sync.push({ protocolVersion: PROTOCOL_VERSION, clientId, mutations: [{ id, name, args, createdAt: new Date().toISOString() }] });
			return res.results[0]!;
		},
		/** Pulls every page from the device's cursor; returns what came. */
		async pull(): Promise<Pick<PullResponse, 'deliveries' | 'tombstones' | 'cases'>> {
			const out: Pick<PullResponse, 'deliveries' | 'tombstones' | 'cases'> = { deliveries: [], tombstones: [], cases: [] };
			for (let page = 0; page < 50; page++) {
				const res = await caller.sync.pull({ protocolVersion: PROTOCOL_VERSION, clientId, cursor, limit: 2, catalogVersion: seedCatalog.version });
				out.deliveries.push(...res.deliveries);
				out.tombstones.push(...res.tombstones);
				out.cases.push(...res.cases);
				cursor = res.cursor;
				if (!res.hasMore) break;
			}
			return out;
		}
	};
}

describe(`grid worker deliveries over sync (${testDbKind})`, () => {
	let app: TestApp;
	let agentMutation = 0;
	const agentClient = uuidv7();
	let grid1: Actor;
	let grid2: Actor;

	beforeAll(async () => {
		app = await createTestApp();
		grid1 = await app.actorFor('grid.chenghu');
		// A second grid worker of the same village, for reassignment (the demo seed has one).
		const id = uuidv7();
		await userRepository.insert(app.db, {
			id,
			username: 'grid.chenghu2',
			displayName: '赵二（澄湖村网格员）',
			passwordHash: 'not-used-in-this-test',
			roles: ['grid_worker'],
			scope: grid1.scope
		});
		grid2 = { ...grid1, id, username: 'grid.chenghu2', displayName: '赵二（澄湖村网格员）', deviceId: uuidv7(), deviceTag: 'G02' };
	});
	afterAll(async () => {
		await app.close();
	});

	/** A senior card case taken by the agent, approved, issued and assigned to a grid worker. */
	async function outForDelivery(gridWorkerId: string, options: { viaCertificateWindow?: boolean } = {}): Promise<CaseIntake> {
		const intake = makeIntake({
			itemCodes: [ITEM.code],
			form: Object.fromEntries(ITEM.formFields.filter((f) => f.required).map((f) => [f.key, '澄湖村一组 8 号'])),
			materials: ITEM.materials.map((m) => ({ itemCode: ITEM.code, materialId: m.id, received: true, checkedPoints: m.reviewPoints, replacedByCommitment: false, attachmentHashes: [] })),
			applicant: { name: '王秀兰', idNumber: '36012119400101009X', phone: '13800138000', address: '澄湖村一组 8 号', gridCode: '360121100201-01' }
		});
		const agent = await app.callerFor('agent.chenghu');
		const pushed = await agent.sync.push({
			protocolVersion: PROTOCOL_VERSION,
			clientId: agentClient,
			mutations: [{ id: ++agentMutation, name: 'case.submit', args: intake, createdAt: intake.createdAt }]
		});
		expect(pushed.results[0]?.reason ?? 'applied').toBe('applied');
		const desk = await app.callerFor('intake');
		await desk.case.act({ caseId: intake.id, event: { type: 'accept' } });
		await desk.case.act({ caseId: intake.id, event: { type: 'start_review' } });
		const approver = await app.callerFor('approver.renshe');
		for (const step of ITEM.approvalChain) {
			await approver.case.act({ caseId: intake.id, event: { type: 'approve_step', itemCode: ITEM.code, stepId: step.id } });
		}
		const issuer = await app.callerFor('issuer');
		if (options.viaCertificateWindow) {
			await issuer.certificates.issue({ caseId: intake.id });
			const assigned = await issuer.certificates.assignDelivery({ caseId: intake.id, method: 'grid_delivery', gridWorkerId });
			expect(assigned.status).toBe('out_for_delivery');
			return intake;
		}
		// A certificate exists only numbered and signed (case.act refuses issue_certificate); the
		// delivery is then assigned through the lifecycle event directly.
		await issuer.certificates.issue({ caseId: intake.id });
		const assigned = await issuer.case.act({ caseId: intake.id, event: { type: 'assign_delivery', gridWorkerId } });
		expect(assigned.case.status).toBe('out_for_delivery');
		return intake;
	}

	function recordArgs(caseId: string, overrides: Partial<DeliveryRecordArgs> = {}): DeliveryRecordArgs {
		return {
			caseId,
			recipient: { kind: 'applicant' },
			idLast4: '009x',
			signatureHash: HASH_A,
			photoHash: HASH_B,
			at: new Date(Date.now() - 60_000).toISOString(),
			location: { lat: 28.68, lng: 115.89, accuracy: 12 },
			rating: { level: 'very_satisfied', comment: '送上门，很方便' },
			...overrides
		};
	}

	it('a grid worker pulls only his deliveries, with only the fields a hand-over needs', async () => {
		const mine = await outForDelivery(grid1.id);
		const theirs = await outForDelivery(grid2.id);
		const d1 = device(app, grid1);
		const got = await d1.pull();
		expect(got.cases).toEqual([]);
		const ids = got.deliveries.map((d) => d.caseId);
		expect(ids).toContain(mine.id);
		expect(ids).not.toContain(theirs.id);
		const delivery = got.deliveries.find((d) => d.caseId === mine.id)!;
		expect(delivery.personal).toEqual({ applicantName: '王秀兰', maskedId: '3601**********009X', phone: '13800138000', address: '澄湖村一组 8 号' });
		expect(delivery.villageName).toBe('澄湖村');
		expect(delivery.gridCode).toBe('360121100201-01');
		// The signed certificate of the window: its number and the QR payload the worker checks offline.
		expect(delivery.certificates).toEqual([
			{ itemCode: ITEM.code, title: '老年人优待证', number: expect.stringMatching(/^360121100-\d{4}-\d{6}$/), qrPayload: expect.stringMatching(/^[\w-]+\.[\w-]+$/) }
		]);
		const wire = JSON.stringify(got.deliveries);
		expect(wire).not.toContain('36012119400101009X');
		expect(wire).not.toContain('materials');
		expect(wire).not.toContain('intake');
	});

	it('a certificate issued and assigned by the certificate window reaches the device with its signed QR payload', async () => {
		const c = await outForDelivery(grid1.id, { viaCertificateWindow: true });
		const got = await device(app, grid1).pull();
		const cert = got.deliveries.find((d) => d.caseId === c.id)?.certificates[0];
		expect(cert?.qrPayload).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
		const keysRes = await (await import('../../server/src/services/certificate-key.service')).certificateKeyService.publishedKeys(app.db);
		const { verifyCertificatePayload } = await import('../../src/lib/domain/certificates');
		const outcome = verifyCertificatePayload(cert!.qrPayload!, keysRes);
		expect(outcome).toMatchObject({ status: 'valid', facts: { certificateNumber: cert!.number, holderIdMasked: '3601**********009X' } });
	});

	it('a reassigned delivery leaves the old device by a tombstone and arrives on the new one', async () => {
		const c = await outForDelivery(grid1.id);
		const d1 = device(app, grid1);
		const d2 = device(app, grid2);
		expect((await d1.pull()).deliveries.map((d) => d.caseId)).toContain(c.id);
		const issuer = await app.callerFor('issuer');
		await issuer.case.act({ caseId: c.id, event: { type: 'assign_delivery', gridWorkerId: grid2.id } });
		const after = await d1.pull();
		expect(after.tombstones).toContainEqual({ entityType: 'delivery', entityId: c.id });
		expect(after.deliveries.map((d) => d.caseId)).not.toContain(c.id);
		const onNew = await d2.pull();
		expect(onNew.deliveries.map((d) => d.caseId)).toContain(c.id);
		expect(onNew.tombstones.map((t) => t.entityId)).not.toContain(c.id);
	});

	it('records the hand-over exactly once: delivered, completed and rated in one step; a resend changes nothing', async () => {
		const c = await outForDelivery(grid1.id);
		const d1 = device(app, grid1);
		await d1.pull();
		const first = await d1.push('delivery.record', recordArgs(c.id), 1);
		expect(first).toMatchObject({ status: 'applied' });
		const again = await d1.push('delivery.record', recordArgs(c.id), 1);
		expect(again).toMatchObject({ status: 'duplicate' });

		const issuer = await app.callerFor('issuer');
		const detail = await issuer.case.get({ caseId: c.id });
		expect(detail.case.status).toBe('completed');
		expect(detail.events.map((e) => e.type).slice(-3)).toEqual(['record_delivery', 'complete', 'rate']);
		expect(detail.events.filter((e) => e.type === 'record_delivery')).toHaveLength(1);
		expect(detail.workflow?.delivery.delivered).toMatchObject({
			by: grid1.id,
			recipient: { name: '王秀兰', relation: 'applicant' },
			proofRefs: [HASH_A, HASH_B],
			place: '28.680000,115.890000 ±12 m'
		});
		expect(detail.workflow?.rating).toMatchObject({ level: 'very_satisfied', comment: '送上门，很方便', by: grid1.id, followUpRequired: false });
		// The delivery left his scope with the hand-over: his device drops it on the next pull.
		expect((await d1.pull()).tombstones).toContainEqual({ entityType: 'delivery', entityId: c.id });
	});

	it('a bad rating asks for a follow-up', async () => {
		const c = await outForDelivery(grid1.id);
		const res = await device(app, grid1).push('delivery.record', recordArgs(c.id, { rating: { level: 'dissatisfied' } }));
		expect(res.status).toBe('applied');
		const detail = await (await app.callerFor('issuer')).case.get({ caseId: c.id });
		expect(detail.workflow?.rating).toMatchObject({ level: 'dissatisfied', followUpRequired: true });
	});

	it('refuses a hand-over whose ID last 4 do not match the applicant, and keeps the case out for delivery', async () => {
		const c = await outForDelivery(grid1.id);
		const res = await device(app, grid1).push('delivery.record', recordArgs(c.id, { idLast4: '1234' }));
		expect(res).toMatchObject({ status: 'rejected', code: 'VALIDATION' });
		expect(res.reason).toMatch(/last 4 characters of the ID \(1234\) do not match/);
		const [row] = await app.db.select().from(cases).where(eq(cases.id, c.id));
		expect(row?.status).toBe('out_for_delivery');
	});

	it('race: reassigned while the old worker was offline; the first record wins, the second is refused with what happened', async () => {
		const c = await outForDelivery(grid1.id);
		const old = device(app, grid1);
		const current = device(app, grid2);
		await old.pull();
		await (await app.callerFor('issuer')).case.act({ caseId: c.id, event: { type: 'assign_delivery', gridWorkerId: grid2.id } });
		await current.pull();
		// Both hand over offline; the new assignee's device reaches the server first.
		expect((await current.push('delivery.record', recordArgs(c.id, { signatureHash: 'c'.repeat(64) }))).status).toBe('applied');
		const lost = await old.push('delivery.record', recordArgs(c.id));
		expect(lost).toMatchObject({ status: 'rejected', code: 'CONFLICT' });
		expect(lost.reason).toMatch(/already delivered by 赵二（澄湖村网格员）.*this record was not applied/);
		const detail = await (await app.callerFor('issuer')).case.get({ caseId: c.id });
		expect(detail.events.filter((e) => e.type === 'record_delivery')).toHaveLength(1);
		expect(detail.workflow?.delivery.delivered?.by).toBe(grid2.id);
	});

	it('race the other way: the old worker records after reassignment, before the new one: refused as reassigned', async () => {
		const c = await outForDelivery(grid1.id);
		await (await app.callerFor('issuer')).case.act({ caseId: c.id, event: { type: 'assign_delivery', gridWorkerId: grid2.id } });
		const lost = await device(app, grid1).push('delivery.record', recordArgs(c.id));
		expect(lost).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
		expect(lost.reason).toMatch(/reassigned to 赵二（澄湖村网格员）/);
	});

	it('three failed attempts send the certificate back to pickup at the station, and the township sees it', async () => {
		const c = await outForDelivery(grid1.id);
		const d1 = device(app, grid1);
		await d1.pull();
		const fail = (n: number) =>
			d1.push('delivery.fail', { caseId: c.id, reason: 'nobody_home', note: `第${n}次无人`, nextPlannedDate: '2026-11-30', at: new Date().toISOString() });
		expect((await fail(1)).status).toBe('applied');
		expect((await fail(2)).status).toBe('applied');
		const mid = await d1.pull();
		expect(mid.deliveries.find((d) => d.caseId === c.id)?.failedAttempts).toHaveLength(2);
		expect((await fail(3)).status).toBe('applied');
		const detail = await (await app.callerFor('issuer')).case.get({ caseId: c.id });
		expect(detail.case.status).toBe('ready_for_pickup');
		expect(detail.workflow?.delivery.returnedToStation).toBe(true);
		expect(detail.workflow?.delivery.assignments.at(-1)?.failedAttempts.map((a) => a.reason)).toEqual([
			'nobody_home (next try 2026-11-30): 第1次无人',
			'nobody_home (next try 2026-11-30): 第2次无人',
			'nobody_home (next try 2026-11-30): 第3次无人'
		]);
		const queue = await (await app.callerFor('issuer')).case.queue({ statuses: ['ready_for_pickup'], limit: 50, offset: 0 });
		expect(queue.cases.map((x) => x.id)).toContain(c.id);
		expect((await d1.pull()).tombstones).toContainEqual({ entityType: 'delivery', entityId: c.id });
		// A fourth attempt is refused: it is no longer his to deliver.
		expect(await fail(4)).toMatchObject({ status: 'rejected', code: 'ILLEGAL_TRANSITION' });
	});

	it('only a grid worker may record deliveries, and never one that was not his', async () => {
		const c = await outForDelivery(grid1.id);
		const agentActor = await app.actorFor('agent.chenghu');
		expect(await device(app, agentActor).push('delivery.record', recordArgs(c.id))).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
		expect(await device(app, grid2).push('delivery.record', recordArgs(c.id))).toMatchObject({ status: 'rejected', code: 'NOT_FOUND' });
	});

	it('the township may open the hand-over proof the workflow references', async () => {
		const c = await outForDelivery(grid1.id);
		await device(app, grid1).push('delivery.record', recordArgs(c.id));
		const { attachmentRepository } = await import('../../server/src/repositories/attachment.repository');
		const ref = await attachmentRepository.caseRef(app.db, c.id);
		expect(ref?.hashes).toEqual(expect.arrayContaining([HASH_A, HASH_B]));
	});
});
