import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { startTestServer, type HttpServer } from '../fixtures/http-server';
import { createSimDevice, type SimDevice } from '../fixtures/sync-sim';
import { makeIntake } from '../fixtures/cases';
import { testDbKind } from '../fixtures/test-db';
import { appRouter } from '../../server/src/routers/app.router';
import { createCallerFactory } from '../../server/src/trpc';
import { authService } from '../../server/src/services/auth.service';
import { FsAttachmentStore } from '../../server/src/storage/fs-attachment-store';
import { demoUsers } from '../../server/src/seed/demo-county';
import { seedCatalog } from '../../src/lib/domain/catalog/seed';
import { PROTOCOL_VERSION } from '../../src/lib/domain/sync/protocol';
import { dropDataKey } from '../../src/lib/client/lock/data-key';
import { unlockForTest } from '../../src/lib/client/lock/test-keys';
import { deliveryRecords, dismissRejected, openDelivery, recordHandOver } from '../../src/lib/client/grid/delivery-store';

const ITEM = seedCatalog.items.find((i) => i.code === 'WJ-LNYD-001')!;
const createCaller = createCallerFactory(appRouter);

/**
 * The grid worker's device end to end in Node: the app's own sync engine and Dexie store (over
 * fake-indexeddb) against a real HTTP server, the township acting through the real routers.
 */
describe(`grid worker's device over real sync (${testDbKind})`, () => {
	let server: HttpServer;
	let grid: SimDevice;
	let agentMutation = 0;
	const agentClient = uuidv7();

	async function callerFor(username: string) {
		const user = demoUsers.find((u) => u.username === username)!;
		const services = { db: server.db, now: () => new Date(), sessionDays: 30, attachments: await FsAttachmentStore.open(server.attachmentsDir) };
		const res = await authService.login(server.db, { username, password: user.password, deviceName: 'test' }, new Date(), 30);
		const actor = await authService.resolveSession(server.db, res.token, new Date());
		return createCaller({ ...services, actor, request: null });
	}

	async function outForDelivery(name: string): Promise<string> {
		const intake = makeIntake({
			itemCodes: [ITEM.code],
			form: { householdAddress: '澄湖村二组 3 号' },
			materials: ITEM.materials.map((m) => ({ itemCode: ITEM.code, materialId: m.id, received: true, checkedPoints: m.reviewPoints, replacedByCommitment: false, attachmentHashes: [] })),
			applicant: { name, idNumber: '36012119400101009X', phone: '13800138000', address: '' }
		});
		const agent = await callerFor('agent.chenghu');
		const res = await agent.sync.push({ protocolVersion: PROTOCOL_VERSION, clientId: agentClient, mutations: [{ id: ++agentMutation, name: 'case.submit', args: intake, createdAt: intake.createdAt }] });
		expect(res.results[0]?.reason ?? 'applied').toBe('applied');
		const desk = await callerFor('intake');
		await desk.case.act({ caseId: intake.id, event: { type: 'accept' } });
		await desk.case.act({ caseId: intake.id, event: { type: 'start_review' } });
		const approver = await callerFor('approver.renshe');
		for (const step of ITEM.approvalChain) await approver.case.act({ caseId: intake.id, event: { type: 'approve_step', itemCode: ITEM.code, stepId: step.id } });
		const issuer = await callerFor('issuer');
		await issuer.certificates.issue({ caseId: intake.id });
		await issuer.certificates.assignDelivery({ caseId: intake.id, method: 'grid_delivery', gridWorkerId: grid.user.id });
		return intake.id;
	}

	const handOver = (caseId: string) => ({
		caseId,
		recipient: { kind: 'applicant' as const },
		idLast4: '009X',
		signatureHash: 'd'.repeat(64),
		photoHash: 'e'.repeat(64),
		at: new Date().toISOString(),
		rating: { level: 'very_satisfied' as const }
	});

	beforeAll(async () => {
		server = await startTestServer();
		await unlockForTest();
		grid = await createSimDevice({ origins: server.url, username: 'grid.chenghu', password: 'daiban-grid-1', name: 'grid-phone' });
	});
	afterAll(async () => {
		dropDataKey();
		await grid?.close();
		await server?.close();
	});

	it('pulls his delivery sealed, records the hand-over offline, syncs it, and lets the delivery go', async () => {
		const caseId = await outForDelivery('孙玉兰');
		expect((await grid.syncOnce()).ok).toBe(true);
		const stored = await grid.db.deliveries.get(caseId);
		expect(stored).toBeDefined();
		const open = await openDelivery(stored!);
		expect(open.personal).toMatchObject({ applicantName: '孙玉兰', maskedId: '3601**********009X', address: '澄湖村二组 3 号' });
		expect(open.certificates[0]?.qrPayload).toBeTruthy();

		await recordHandOver(grid.db, handOver(caseId));
		const round = await grid.syncOnce();
		expect(round.ok && round.result.rejected).toBe(0);
		expect(await grid.db.deliveries.get(caseId)).toBeUndefined();
		expect((await deliveryRecords(grid.db)).find((r) => r.caseId === caseId)?.state).toEqual({ kind: 'synced' });
		const detail = await (await callerFor('issuer')).case.get({ caseId });
		expect(detail.case.status).toBe('completed');
	});

	it('a hand-over recorded after the township took the delivery back is refused with the reason; the delivery stays until dismissed', async () => {
		const caseId = await outForDelivery('钱秀梅');
		expect((await grid.syncOnce()).ok).toBe(true);
		// The township moves it to pickup while the worker, offline, records a hand-over.
		await (await callerFor('issuer')).case.act({ caseId, event: { type: 'ready_for_pickup', place: 'station_pickup' } });
		const record = await recordHandOver(grid.db, handOver(caseId));
		const round = await grid.syncOnce();
		expect(round.ok && round.result.rejected).toBe(1);
		const shown = (await deliveryRecords(grid.db)).find((r) => r.id === record.id);
		expect(shown?.state).toMatchObject({ kind: 'rejected', code: 'ILLEGAL_TRANSITION' });
		expect(shown?.state.kind === 'rejected' && shown.state.reason).toMatch(/no longer out for delivery \(moved to pickup at the station\)/);
		// Tombstoned, but kept (marked dropped) while the refusal is unread.
		expect((await grid.db.deliveries.get(caseId))?.droppedAt).toBeTruthy();
		await dismissRejected(grid.db, record.id);
		expect(await grid.db.deliveries.get(caseId)).toBeUndefined();
		expect((await grid.syncOnce()).ok).toBe(true);
		expect(await grid.db.outbox.count()).toBe(0);
	});
});
