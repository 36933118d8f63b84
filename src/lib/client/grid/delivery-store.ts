import { z } from 'zod';
import { uuidv7 } from 'uuidv7';
import type { DaibanDb, DeliveryRecord, LocalDelivery } from '../db/db';
import { decryptJson, encryptJson } from '../lock/data-key';
import { enqueue } from '../sync/outbox';
import {
	deliveryCertificateSchema,
	deliveryFailArgsSchema,
	deliveryPersonalSchema,
	deliveryRecordArgsSchema,
	type DeliveryFailInput,
	type DeliveryProjection,
	type DeliveryRecordArgs
} from '$lib/domain/delivery/delivery.schema';

/**
 * The grid worker's deliveries on the device (Dexie v5 `deliveries`, `deliveryRecords`).
 * Personal fields are sealed under the unlocked data key; a hand-over and its outbox entry are
 * written in one transaction (STYLE habit 4). See README.md beside this file.
 */

const sealedPartSchema = z.object({ personal: deliveryPersonalSchema, certificates: z.array(deliveryCertificateSchema) });
type SealedPart = z.infer<typeof sealedPartSchema>;

/** A delivery opened for display: the clear fields and the decrypted personal part. */
export type OpenDelivery = Omit<LocalDelivery, 'sealed'> & SealedPart;

const aadOf = (caseId: string) => `delivery:${caseId}`;

/**
 * Seals pulled deliveries. Runs BEFORE the pull's Dexie transaction: WebCrypto promises are not
 * Dexie's, and awaiting them inside a transaction would let it commit early.
 */
export async function sealDeliveries(pulled: readonly DeliveryProjection[]): Promise<LocalDelivery[]> {
	const out: LocalDelivery[] = [];
	for (const d of pulled) {
		const { personal, certificates, ...clear } = d;
		const sealed = await encryptJson({ personal, certificates } satisfies SealedPart, aadOf(d.caseId));
		out.push({ ...clear, sealed, certificateCount: certificates.length });
	}
	return out;
}

export async function openDelivery(local: LocalDelivery): Promise<OpenDelivery> {
	const { sealed, ...clear } = local;
	const part = sealedPartSchema.parse(await decryptJson(sealed, aadOf(local.caseId)));
	return { ...clear, ...part };
}

/** Whether the outbox still holds work (sent or refused) for this delivery: its proof must stay. */
async function hasUnconfirmedWork(db: DaibanDb, caseId: string): Promise<boolean> {
	const ids = (await db.deliveryRecords.where('caseId').equals(caseId).toArray()).map((r) => r.mutationId);
	if (ids.length === 0) return false;
	return (await db.outbox.where('id').anyOf(ids).count()) > 0;
}

/**
 * Applies one pull page inside the engine's transaction (over deliveries, deliveryRecords, outbox):
 * tombstones first (a delivery that came back to this worker later has a newer copy in the page),
 * then the deliveries. A tombstoned delivery with proof not yet confirmed by the server is kept,
 * marked dropped, until that proof is pushed (or the refusal is dismissed); then it goes.
 */
export async function applyDeliveryChanges(db: DaibanDb, deliveries: readonly LocalDelivery[], goneCaseIds: readonly string[], now: Date): Promise<void> {
	for (const caseId of goneCaseIds) {
		if (await hasUnconfirmedWork(db, caseId)) await db.deliveries.update(caseId, { droppedAt: now.toISOString() });
		else await db.deliveries.delete(caseId);
	}
	for (const d of deliveries) {
		const current = await db.deliveries.get(d.caseId);
		if (current && current.changeSeq > d.changeSeq) continue;
		await db.deliveries.put(d);
	}
	// Dropped deliveries whose proof the server has now confirmed are no longer needed here.
	const dropped = await db.deliveries.filter((d) => d.droppedAt !== undefined).toArray();
	for (const d of dropped) if (!(await hasUnconfirmedWork(db, d.caseId))) await db.deliveries.delete(d.caseId);
}

export type RecordState = { kind: 'pending' } | { kind: 'synced' } | { kind: 'rejected'; code: string; reason: string };
export type RecordWithState = DeliveryRecord & { state: RecordState };

/** Every record made on this device, newest first, with where it stands (from the outbox). */
export async function deliveryRecords(db: DaibanDb): Promise<RecordWithState[]> {
	const records = await db.deliveryRecords.orderBy('at').reverse().toArray();
	const entries = await db.outbox.bulkGet(records.map((r) => r.mutationId));
	return records.map((r, i) => {
		const e = entries[i];
		const state: RecordState = !e ? { kind: 'synced' } : e.quarantined ? { kind: 'rejected', code: e.quarantined.code, reason: e.quarantined.reason } : { kind: 'pending' };
		return { ...r, state };
	});
}

/** Records of one delivery, newest first. */
export async function recordsOf(db: DaibanDb, caseId: string): Promise<RecordWithState[]> {
	return (await deliveryRecords(db)).filter((r) => r.caseId === caseId);
}

export class DeliveryInputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DeliveryInputError';
	}
}

async function requireOpen(db: DaibanDb, caseId: string): Promise<LocalDelivery> {
	const d = await db.deliveries.get(caseId);
	if (!d || d.droppedAt) throw new DeliveryInputError(`delivery ${caseId} is not on this device (any more)`);
	return d;
}

/** Queues a hand-over (mutation `delivery.record`) and keeps its record, in one transaction. */
export async function recordHandOver(db: DaibanDb, input: DeliveryRecordArgs, now: Date = new Date()): Promise<DeliveryRecord> {
	const args = deliveryRecordArgsSchema.parse(input);
	return db.transaction('rw', [db.deliveries, db.deliveryRecords, db.outbox, db.meta], async () => {
		const d = await requireOpen(db, args.caseId);
		if (await hasPending(db, args.caseId, 'delivered')) throw new DeliveryInputError(`delivery ${d.caseNumber} is already recorded as handed over`);
		const entry = await enqueue(db, 'delivery.record', args, now);
		const record: DeliveryRecord = {
			id: uuidv7(),
			caseId: args.caseId,
			kind: 'delivered',
			mutationId: entry.id,
			caseNumber: d.caseNumber,
			at: args.at,
			proofHashes: [args.signatureHash, args.photoHash],
			summary: { ratingLevel: args.rating.level }
		};
		await db.deliveryRecords.add(record);
		return record;
	});
}

/** Queues a failed attempt (mutation `delivery.fail`) and keeps its record, in one transaction. */
export async function recordFailedAttempt(db: DaibanDb, input: DeliveryFailInput, now: Date = new Date()): Promise<DeliveryRecord> {
	const args = deliveryFailArgsSchema.parse(input);
	return db.transaction('rw', [db.deliveries, db.deliveryRecords, db.outbox, db.meta], async () => {
		const d = await requireOpen(db, args.caseId);
		if (await hasPending(db, args.caseId, 'delivered')) throw new DeliveryInputError(`delivery ${d.caseNumber} is already recorded as handed over`);
		const entry = await enqueue(db, 'delivery.fail', args, now);
		const record: DeliveryRecord = {
			id: uuidv7(),
			caseId: args.caseId,
			kind: 'failed',
			mutationId: entry.id,
			caseNumber: d.caseNumber,
			at: args.at,
			proofHashes: [],
			summary: { failReason: args.reason, nextPlannedDate: args.nextPlannedDate }
		};
		await db.deliveryRecords.add(record);
		return record;
	});
}

/** Whether a record of this kind is waiting in the outbox (not refused) for the delivery. */
async function hasPending(db: DaibanDb, caseId: string, kind: DeliveryRecord['kind']): Promise<boolean> {
	const records = await db.deliveryRecords.where('caseId').equals(caseId).filter((r) => r.kind === kind).toArray();
	const entries = await db.outbox.bulkGet(records.map((r) => r.mutationId));
	return entries.some((e) => e !== undefined && !e.quarantined);
}

/** Failed attempts known for a delivery: the server's, plus those recorded here and not yet confirmed. */
export async function failedSoFar(db: DaibanDb, d: Pick<LocalDelivery, 'caseId' | 'failedAttempts'>): Promise<number> {
	const mine = (await recordsOf(db, d.caseId)).filter((r) => r.kind === 'failed' && r.state.kind === 'pending');
	return d.failedAttempts.length + mine.length;
}

/**
 * The worker read a refusal (e.g. the delivery was handed over by someone else first): the refused
 * entry leaves the outbox and, if the server already took the delivery away, so does the delivery.
 */
export async function dismissRejected(db: DaibanDb, recordId: string): Promise<void> {
	await db.transaction('rw', [db.deliveries, db.deliveryRecords, db.outbox], async () => {
		const record = await db.deliveryRecords.get(recordId);
		if (!record) return;
		const entry = await db.outbox.get(record.mutationId);
		if (!entry?.quarantined) throw new DeliveryInputError('only a refused record can be dismissed');
		await db.outbox.delete(record.mutationId);
		await db.deliveryRecords.delete(recordId);
		const d = await db.deliveries.get(record.caseId);
		if (d?.droppedAt && !(await hasUnconfirmedWork(db, record.caseId))) await db.deliveries.delete(record.caseId);
	});
}
