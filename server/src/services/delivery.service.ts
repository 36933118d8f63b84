import type { Db, DbOrTx } from '../db/database';
import type { Actor } from '../context';
import { DomainError } from '../../../src/lib/domain/errors';
import { hasRole } from '../../../src/lib/domain/roles';
import { actorFromUser } from '../../../src/lib/domain/case/guards';
import { toDomainError, transition, type TransitionRecord } from '../../../src/lib/domain/case/transition';
import type { CaseEventInput } from '../../../src/lib/domain/case/events';
import type { WorkflowState } from '../../../src/lib/domain/case/workflow';
import type { DeliveryFailArgs, DeliveryProjection, DeliveryRecordArgs } from '../../../src/lib/domain/delivery/delivery.schema';
import {
	deliveryInstant,
	failedAttemptText,
	idLast4Matches,
	lifecycleRecipient,
	placeText
} from '../../../src/lib/domain/delivery/delivery-rules';
import { projectDelivery } from '../../../src/lib/domain/delivery/projection';
import { caseRepository, type CaseRow } from '../repositories/case.repository';
import { deliveryRepository } from '../repositories/delivery.repository';
import { syncRepository } from '../repositories/sync.repository';
import { userRepository } from '../repositories/user.repository';
import { catalogService } from './catalog.service';
import { eventRow } from './case.service';
import { recordDeliveryScopeChange } from './delivery-scope';

async function displayName(tx: DbOrTx, userId: string): Promise<string> {
	return (await userRepository.findById(tx, userId))?.displayName ?? userId;
}

/**
 * Why this grid worker's hand-over or failed attempt cannot be applied now, in words that say what
 * happened (docs/SYNC.md, "Delivery race"): the first record applied wins; a later one from
 * another device is refused with this reason, which the device shows its worker.
 */
async function raceRefusal(tx: DbOrTx, row: CaseRow, state: WorkflowState, actor: Actor): Promise<DomainError | null> {
	const delivered = state.delivery.delivered;
	if (delivered) {
		const who = delivered.by === actor.id ? 'you (from another device or an earlier record)' : await displayName(tx, delivered.by);
		return new DomainError(
			'CONFLICT',
			`case ${row.caseNumber} was already delivered by ${who} at ${delivered.at}: this record was not applied`,
			{ reason: 'ALREADY_DELIVERED' }
		);
	}
	const assignee = state.delivery.assignments.at(-1);
	if (state.status === 'out_for_delivery' && assignee && assignee.gridWorkerId !== actor.id) {
		return new DomainError(
			'FORBIDDEN',
			`case ${row.caseNumber} was reassigned to ${await displayName(tx, assignee.gridWorkerId)} at ${assignee.assignedAt}: this record was not applied`,
			{ reason: 'REASSIGNED' }
		);
	}
	if (state.status !== 'out_for_delivery') {
		const where = state.status === 'ready_for_pickup' ? 'moved to pickup at the station' : `now ${state.status}`;
		return new DomainError('ILLEGAL_TRANSITION', `case ${row.caseNumber} is no longer out for delivery (${where}): this record was not applied`, {
			reason: 'NOT_OUT_FOR_DELIVERY'
		});
	}
	return null;
}

/** Runs events one after the other through the lifecycle; any refusal aborts them all. */
function runEvents(
	start: WorkflowState,
	steps: readonly { event: CaseEventInput; at: string }[],
	actor: Actor,
	context: Parameters<typeof transition>[4]
): { state: WorkflowState; records: TransitionRecord[] } {
	let state = start;
	const records: TransitionRecord[] = [];
	const domainActor = actorFromUser(actor, actor.deviceId);
	for (const step of steps) {
		const result = transition(state, step.event, domainActor, step.at, context);
		if (!result.ok) throw toDomainError(result.error);
		state = result.state;
		records.push(result.record);
	}
	return { state, records };
}

/** Locks the case (clock first, then the row: the lock order of docs/SYNC.md) and checks the race. */
async function lockDelivery(tx: DbOrTx, actor: Actor, caseId: string) {
	if (!hasRole(actor, 'grid_worker')) throw new DomainError('FORBIDDEN', 'only a grid worker records deliveries');
	const changeSeq = await syncRepository.nextChangeSeq(tx);
	const row = await caseRepository.findByIdForUpdate(tx, caseId);
	// Not found and not his look the same to a grid worker: he learns nothing about other cases.
	const everHis = row?.workflow?.delivery.assignments.some((a) => a.gridWorkerId === actor.id) ?? false;
	if (!row || !row.workflow || !everHis) throw new DomainError('NOT_FOUND', `delivery ${caseId} not found`);
	const refusal = await raceRefusal(tx, row, row.workflow, actor);
	if (refusal) throw refusal;
	return { row, workflow: row.workflow, changeSeq };
}

async function save(tx: DbOrTx, row: CaseRow, before: WorkflowState, after: WorkflowState, records: TransitionRecord[], changeSeq: number, now: Date) {
	await caseRepository.update(tx, row.id, { status: after.status, workflow: after, updatedAt: now, changeSeq });
	for (const record of records) await caseRepository.insertEvent(tx, eventRow(row.id, record, now));
	await recordDeliveryScopeChange(tx, { caseId: row.id, villageCode: row.villageCode, before, after, changeSeq });
}

export const deliveryService = {
	/**
	 * Mutation `delivery.record`: the hand-over, the completion (办结) and the applicant's rating,
	 * in the push's transaction, all or nothing.
	 */
	async record(tx: DbOrTx, db: Db, actor: Actor, args: DeliveryRecordArgs, now: Date): Promise<void> {
		const { row, workflow, changeSeq } = await lockDelivery(tx, actor, args.caseId);
		if (!idLast4Matches(row.intake.applicant.idNumber, args.idLast4)) {
			throw new DomainError('VALIDATION', `case ${row.caseNumber}: the last 4 characters of the ID (${args.idLast4}) do not match the applicant's ID`, {
				reason: 'ID_MISMATCH'
			});
		}
		const catalog = await catalogService.version(db, row.intake.catalogVersion, tx);
		const context = { items: catalog.items, bundles: catalog.bundles };
		const place = placeText(args.location);
		const at = now.toISOString();
		const { state, records } = runEvents(
			workflow,
			[
				{
					event: {
						type: 'record_delivery',
						recipient: lifecycleRecipient(args.recipient, row.intake.applicant.name),
						proofRefs: [args.signatureHash, args.photoHash],
						...(place ? { place } : {})
					},
					at: deliveryInstant(args.at, now)
				},
				{ event: { type: 'complete' }, at },
				{ event: { type: 'rate', level: args.rating.level, ...(args.rating.comment ? { comment: args.rating.comment } : {}) }, at }
			],
			actor,
			context
		);
		await save(tx, row, workflow, state, records, changeSeq, now);
	},

	/** Mutation `delivery.fail`: one failed attempt; the third sends the certificate back to the station. */
	async fail(tx: DbOrTx, db: Db, actor: Actor, args: DeliveryFailArgs, now: Date): Promise<void> {
		const { row, workflow, changeSeq } = await lockDelivery(tx, actor, args.caseId);
		const catalog = await catalogService.version(db, row.intake.catalogVersion, tx);
		const { state, records } = runEvents(
			workflow,
			[{ event: { type: 'record_failed_attempt', reason: failedAttemptText(args) }, at: deliveryInstant(args.at, now) }],
			actor,
			{ items: catalog.items, bundles: catalog.bundles }
		);
		await save(tx, row, workflow, state, records, changeSeq, now);
	},

	/** A grid worker's deliveries changed after `cursor` (the pull merges them with the cases by change number). */
	async changedSince(db: Db, actor: Actor, cursor: number, limit: number): Promise<CaseRow[]> {
		return hasRole(actor, 'grid_worker') ? deliveryRepository.assignedChangedSince(db, actor.id, cursor, limit) : [];
	},

	/** The device's copy of each delivery: only the fields a hand-over needs (projection.ts). */
	async project(db: Db, rows: readonly CaseRow[]): Promise<DeliveryProjection[]> {
		const codes = [...new Set(rows.flatMap((r) => (r.intake.applicant.gridCode ? [r.villageCode, r.intake.applicant.gridCode] : [r.villageCode])))];
		const orgNames = await deliveryRepository.orgNames(db, codes);
		const qrPayloads = await deliveryRepository.qrPayloads(db, rows.map((r) => r.id));
		const out: DeliveryProjection[] = [];
		for (const r of rows) {
			if (!r.workflow) continue;
			const catalog = await catalogService.version(db, r.intake.catalogVersion);
			out.push(projectDelivery({ ...r, workflow: r.workflow }, { orgNames, items: catalog.items, qrPayloads }));
		}
		return out;
	},

	/** Case ids of deliveries that left this grid worker with a change number in (from, to]. */
	async tombstones(db: Db, actor: Actor, from: number, to: number): Promise<string[]> {
		if (!hasRole(actor, 'grid_worker')) return [];
		const rows = await deliveryRepository.tombstonesIn(db, actor.id, from, to);
		return rows.map((t) => t.entityId.slice(0, t.entityId.indexOf(':')));
	}
};
