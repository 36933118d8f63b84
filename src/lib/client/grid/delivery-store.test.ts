import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatCaseNumber } from '$lib/domain/case/case-number';
import { uuidv7 } from 'uuidv7';
import { DaibanDb } from '../db/db';
import { dropDataKey } from '../lock/data-key';
import { unlockForTest } from '../lock/test-keys';
import { openOutboxEntry } from '../vault/outbox-vault';
import {
	applyDeliveryChanges,
	deliveryRecords,
	dismissRejected,
	failedSoFar,
	openDelivery,
	recordFailedAttempt,
	recordHandOver,
	sealDeliveries
} from './delivery-store';
import type { DeliveryProjection, DeliveryRecordArgs } from '$lib/domain/delivery/delivery.schema';

let db: DaibanDb;
beforeEach(async () => {
	db = new DaibanDb(`grid-${Math.random()}`);
	await unlockForTest();
});
afterEach(async () => {
	dropDataKey();
	db.close();
	await db.delete();
});

function projection(overrides: Partial<DeliveryProjection> = {}): DeliveryProjection {
	return {
		caseId: uuidv7(),
		caseNumber: formatCaseNumber({ villageCode: '360121100201', date: '2026-11-23', deviceTag: 'T01', sequence: 1 }),
		villageCode: '360121100201',
		villageName: '澄湖村',
		gridCode: '360121100201-01',
		gridName: '澄湖村第一网格',
		assignedAt: '2026-11-20T08:00:00.000Z',
		failedAttempts: [],
		certificates: [{ itemCode: 'WJ-LNYD-001', title: '老年人优待证', number: 'LN-1', qrPayload: null }],
		personal: { applicantName: '王秀兰', maskedId: '3601**********009X', phone: '13800138000', address: '澄湖村一组 8 号' },
		changeSeq: 10,
		...overrides
	};
}

function handOver(caseId: string): DeliveryRecordArgs {
	return {
		caseId,
		recipient: { kind: 'applicant' },
		idLast4: '009X',
		signatureHash: 'a'.repeat(64),
		photoHash: 'b'.repeat(64),
		at: '2026-11-23T09:00:00.000Z',
		rating: { level: 'satisfied' }
	};
}

async function pull(deliveries: DeliveryProjection[], gone: string[] = []) {
	const sealed = await sealDeliveries(deliveries);
	await db.transaction('rw', [db.deliveries, db.deliveryRecords, db.outbox], () => applyDeliveryChanges(db, sealed, gone, new Date()));
}

describe('grid delivery store', () => {
	it('keeps personal fields sealed at rest and opens them with the data key', async () => {
		const p = projection();
		await pull([p]);
		const stored = await db.deliveries.get(p.caseId);
		const raw = JSON.stringify({ ...stored, sealed: new TextDecoder().decode(stored!.sealed) });
		expect(raw).not.toContain('王秀兰');
		expect(raw).not.toContain('13800138000');
		expect(raw).not.toContain('LN-1');
		const open = await openDelivery(stored!);
		expect(open.personal.applicantName).toBe('王秀兰');
		expect(open.certificates[0]?.number).toBe('LN-1');
		dropDataKey();
		await expect(openDelivery(stored!)).rejects.toMatchObject({ code: 'LOCKED' });
	});

	it('a newer copy replaces an older one, never the reverse', async () => {
		const p = projection({ changeSeq: 20 });
		await pull([p]);
		await pull([{ ...p, changeSeq: 15, failedAttempts: [{ at: p.assignedAt, reason: 'old' }] }]);
		expect((await db.deliveries.get(p.caseId))?.failedAttempts).toEqual([]);
	});

	it('a hand-over and its outbox entry are written together; a second one for the same delivery is refused', async () => {
		const p = projection();
		await pull([p]);
		const record = await recordHandOver(db, handOver(p.caseId));
		const entry = await db.outbox.get(record.mutationId);
		expect(entry?.name).toBe('delivery.record');
		expect(entry && (await openOutboxEntry(entry)).args).toMatchObject({ caseId: p.caseId, idLast4: '009X' });
		await expect(recordHandOver(db, handOver(p.caseId))).rejects.toThrow(/already recorded/);
		expect(await db.outbox.count()).toBe(1);
		expect((await deliveryRecords(db)).map((r) => r.state.kind)).toEqual(['pending']);
	});

	it('a tombstone drops the delivery but keeps it while its proof is unsent; it goes once the server confirmed', async () => {
		const kept = projection();
		const plain = projection();
		await pull([kept, plain]);
		const record = await recordHandOver(db, handOver(kept.caseId));
		await pull([], [kept.caseId, plain.caseId]);
		expect(await db.deliveries.get(plain.caseId)).toBeUndefined();
		expect((await db.deliveries.get(kept.caseId))?.droppedAt).toBeTruthy();
		expect(await db.deliveryRecords.get(record.id)).toBeDefined();
		// The push is confirmed: the entry leaves the outbox; the next pull lets the delivery go.
		await db.outbox.delete(record.mutationId);
		await pull([]);
		expect(await db.deliveries.get(kept.caseId)).toBeUndefined();
		expect((await deliveryRecords(db)).map((r) => r.state.kind)).toEqual(['synced']);
	});

	it('a refused record is shown with the reason and can be dismissed, letting a dropped delivery go', async () => {
		const p = projection();
		await pull([p]);
		const record = await recordHandOver(db, handOver(p.caseId));
		await db.outbox.update(record.mutationId, { quarantined: { code: 'CONFLICT', reason: 'already delivered by 赵二', at: new Date().toISOString() } });
		await pull([], [p.caseId]);
		const [shown] = await deliveryRecords(db);
		expect(shown?.state).toEqual({ kind: 'rejected', code: 'CONFLICT', reason: 'already delivered by 赵二' });
		expect((await db.deliveries.get(p.caseId))?.droppedAt).toBeTruthy();
		await dismissRejected(db, record.id);
		expect(await db.deliveries.get(p.caseId)).toBeUndefined();
		expect(await db.outbox.count()).toBe(0);
	});

	it('counts failed attempts from the server and those still waiting to be sent', async () => {
		const p = projection({ failedAttempts: [{ at: '2026-11-21T08:00:00.000Z', reason: 'nobody_home' }] });
		await pull([p]);
		await recordFailedAttempt(db, { caseId: p.caseId, reason: 'refused', note: '', nextPlannedDate: '2026-11-25', at: '2026-11-23T09:00:00.000Z' });
		expect(await failedSoFar(db, p)).toBe(2);
		await expect(recordFailedAttempt(db, { caseId: p.caseId, reason: 'other', note: '', nextPlannedDate: 'soon', at: '2026-11-23T09:00:00.000Z' })).rejects.toThrow();
	});
});
