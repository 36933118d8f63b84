import { uuidv7 } from 'uuidv7';
import type { Db, DbOrTx, Tx } from '../db/database';
import type { Actor } from '../context';
import { DomainError } from '../../../src/lib/domain/errors';
import { isRedacted } from '../../../src/lib/domain/keeping/keeping.schema';
import { hasRole } from '../../../src/lib/domain/roles';
import type { CaseIntake, CaseRecord } from '../../../src/lib/domain/case/case.schema';
import type { CaseStatus } from '../../../src/lib/domain/case/status';
import { caseRepository, type CaseRow } from '../repositories/case.repository';
import { syncRepository } from '../repositories/sync.repository';
import { catalogService } from './catalog.service';
import { canSeeCaseOf } from './case-access';
import { recordDeliveryScopeChange } from './delivery-scope';
import { appendAudit, recordAudit } from './audit.service';
import { createWorkflow, toDomainError, transition, type TransitionRecord } from '../../../src/lib/domain/case/transition';
import { actorFromUser } from '../../../src/lib/domain/case/guards';
import type { WorkflowState } from '../../../src/lib/domain/case/workflow';
import type { CaseEventInput } from '../../../src/lib/domain/case/events';
import type { ServiceItem } from '../../../src/lib/domain/catalog/item.schema';
import type { CaseResubmitArgs } from '../../../src/lib/domain/sync/protocol';

export function toCaseRecord(row: CaseRow): CaseRecord {
	return {
		...row.intake,
		status: row.status,
		createdBy: row.createdBy,
		receivedAt: row.receivedAt.toISOString(),
		updatedAt: row.updatedAt.toISOString(),
		// What a device needs to answer a correction offline and show the deadline light.
		...(row.workflow
			? {
					corrections: row.workflow.corrections.map((r) => ({
						deficiencies: r.deficiencies,
						requestedAt: r.requestedAt,
						returnTo: r.returnTo,
						closedAt: r.closedAt,
						outcome: r.outcome
					})),
					clock: row.workflow.clock
				}
			: {})
	};
}

/** The intake's materials with the resubmitted ones merged in: a material named again replaces its entry. */
function mergeMaterials(current: CaseIntake['materials'], added: CaseIntake['materials']): CaseIntake['materials'] {
	const key = (m: { itemCode: string; materialId: string }) => `${m.itemCode}\u0000${m.materialId}`;
	const byKey = new Map(added.map((m) => [key(m), m]));
	const merged = current.map((m) => byKey.get(key(m)) ?? m);
	const known = new Set(current.map(key));
	return [...merged, ...added.filter((m) => !known.has(key(m)))];
}

export function eventRow(caseId: string, record: TransitionRecord, at: Date) {
	return {
		id: uuidv7(),
		caseId,
		type: record.event.type,
		fromStatus: record.from,
		toStatus: record.to,
		actorId: record.by,
		deviceId: record.deviceId,
		note: record.note,
		data: record.event,
		at
	};
}

export interface CaseDetail {
	case: CaseRecord;
	workflow: WorkflowState | null;
	items: ServiceItem[];
	departments: { code: string; name: string }[];
	events: { type: string; fromStatus: string | null; toStatus: string; actorId: string; deviceId: string | null; note: string | null; at: string }[];
}

/** Row-level rule: which villages' cases this actor may see on the township side. */
function townshipVillageFilter(actor: Actor): string[] | undefined {
	// Township staff see every village of their township; an empty list means "no filter".
	return actor.scope.villageCodes.length > 0 && !hasRole(actor, 'supervisor') ? actor.scope.villageCodes : undefined;
}

/** One audit event for a read that returned the full ID numbers of these cases' applicants. */
export function auditFullIdRead(db: Db, actor: Actor, procedure: string, caseIds: string[]): Promise<number> {
	return recordAudit(db, {
		action: 'pii.read',
		subject: procedure,
		actorId: actor.id,
		deviceId: actor.deviceId,
		details: { procedure, fields: ['applicant.idNumber'], caseIds }
	});
}

export const caseService = {
	/**
	 * A village agent's submitted case arrives (mutation `case.submit`). Runs inside the
	 * push transaction so the case and the client's mutation id commit together.
	 */
	async receiveSubmitted(tx: DbOrTx, db: Db, actor: Actor, intake: CaseIntake, now: Date): Promise<void> {
		if (!hasRole(actor, 'village_agent')) {
			throw new DomainError('FORBIDDEN', 'only a village agent may submit a case');
		}
		if (!actor.scope.villageCodes.includes(intake.villageCode)) {
			throw new DomainError('FORBIDDEN', `village ${intake.villageCode} is not in your service area`);
		}
		const catalog = await catalogService.version(db, intake.catalogVersion, tx);
		for (const code of intake.itemCodes) {
			const item = catalog.items.find((i) => i.code === code);
			if (!item) throw new DomainError('VALIDATION', `item ${code} is not in catalog version ${intake.catalogVersion}`);
			if (!item.proxyEligible) throw new DomainError('VALIDATION', `item ${code} may not be proxied by a village agent`);
		}
		if (await caseRepository.findById(tx, intake.id)) {
			throw new DomainError('CONFLICT', `case ${intake.id} already exists`);
		}
		if (await caseRepository.findByNumber(tx, intake.caseNumber)) {
			throw new DomainError('CONFLICT', `case number ${intake.caseNumber} is already used by another case`);
		}
		// The device ran `submit` for instant feedback; the server replays it and adds
		// `receive`: its answer is the authority (STYLE habit 3).
		const context = { items: catalog.items, bundles: catalog.bundles };
		const created = createWorkflow(intake, context);
		if (!created.ok) throw toDomainError(created.error);
		const domainActor = actorFromUser(actor, actor.deviceId);
		const at = now.toISOString();
		const records: TransitionRecord[] = [];
		let state: WorkflowState = created.state;
		for (const event of [{ type: 'submit' as const }, { type: 'receive' as const }]) {
			const result = transition(state, event, domainActor, at, context);
			if (!result.ok) throw toDomainError(result.error);
			state = result.state;
			records.push(result.record);
		}
		const changeSeq = await syncRepository.nextChangeSeq(tx);
		await caseRepository.insert(tx, {
			id: intake.id,
			caseNumber: intake.caseNumber,
			villageCode: intake.villageCode,
			itemCodes: intake.itemCodes,
			status: state.status,
			intake,
			workflow: state,
			createdBy: actor.id,
			receivedAt: now,
			updatedAt: now,
			changeSeq
		});
		for (const record of records) await caseRepository.insertEvent(tx, eventRow(intake.id, record, now));
	},

	/**
	 * The agent's answer to a correction request (mutation `case.resubmit`), inside the push
	 * transaction. The server runs `resubmit` itself: the round closes, the clock resumes, the
	 * case goes back to the queue it came from, and the added materials are merged into the intake.
	 */
	async resubmitFromDevice(tx: DbOrTx, db: Db, actor: Actor, args: CaseResubmitArgs, now: Date): Promise<void> {
		if (!hasRole(actor, 'village_agent')) throw new DomainError('FORBIDDEN', 'only a village agent may resubmit a case');
		// Lock order: the change clock first, then the case row (as applyEvent).
		const changeSeq = await syncRepository.nextChangeSeq(tx);
		const row = await caseRepository.findByIdForUpdate(tx, args.caseId);
		if (!row) throw new DomainError('NOT_FOUND', `case ${args.caseId} not found`);
		if (!actor.scope.villageCodes.includes(row.villageCode)) {
			throw new DomainError('FORBIDDEN', `case ${row.caseNumber} belongs to village ${row.villageCode}, which is not in your service area`);
		}
		if (!row.workflow) throw new DomainError('CONFLICT', `case ${row.caseNumber} has no workflow state`);
		if (row.status !== 'correction_requested') {
			throw new DomainError(
				'ILLEGAL_TRANSITION',
				`case ${row.caseNumber} is not waiting for a correction (it is ${row.status}): the resubmission was not applied`
			);
		}
		const catalog = await catalogService.version(db, row.intake.catalogVersion, tx);
		for (const m of args.materials) {
			const item = catalog.items.find((i) => i.code === m.itemCode);
			if (item && !item.materials.some((x) => x.id === m.materialId)) {
				throw new DomainError('VALIDATION', `item ${m.itemCode} has no material ${m.materialId}`);
			}
		}
		const context = { items: catalog.items, bundles: catalog.bundles };
		const event: CaseEventInput = { type: 'resubmit', materials: args.materials, ...(args.note ? { note: args.note } : {}) };
		const result = transition(row.workflow, event, actorFromUser(actor, actor.deviceId), now.toISOString(), context);
		if (!result.ok) throw toDomainError(result.error);
		await caseRepository.update(tx, row.id, {
			status: result.state.status,
			workflow: result.state,
			intake: { ...row.intake, materials: mergeMaterials(row.intake.materials, args.materials) },
			updatedAt: now,
			changeSeq
		});
		await caseRepository.insertEvent(tx, eventRow(row.id, result.record, now));
	},

	/**
	 * A township decision (or any lifecycle event fired online): the pure transition decides,
	 * this applies its result with the event record and a new change sequence, in one transaction.
	 */
	async applyEvent(db: Db, actor: Actor, caseId: string, event: CaseEventInput, now: Date): Promise<CaseDetail> {
		await db.transaction((tx) => this.applyEventInTx(tx, db, actor, caseId, event, now));
		return this.detail(db, actor, caseId, 'case.act');
	},

	/**
	 * `applyEvent` inside a transaction the caller opened, for a service that writes more in the
	 * same transaction (the certificate window issues the certificate with its lifecycle event).
	 * Returns the row as it was (locked) and the new workflow state.
	 */
	async applyEventInTx(
		tx: Tx,
		db: Db,
		actor: Actor,
		caseId: string,
		event: CaseEventInput,
		now: Date
	): Promise<{ row: CaseRow; state: WorkflowState }> {
		const changeSeq = await syncRepository.nextChangeSeq(tx);
		const row = await caseRepository.findByIdForUpdate(tx, caseId);
		if (!row || !canSeeCaseOf(actor, row.villageCode)) throw new DomainError('NOT_FOUND', `case ${caseId} not found`);
		if (!row.workflow) throw new DomainError('CONFLICT', `case ${row.caseNumber} has no workflow state`);
		const catalog = await catalogService.version(db, row.intake.catalogVersion, tx);
		const context = { items: catalog.items, bundles: catalog.bundles };
		const result = transition(row.workflow, event, actorFromUser(actor, actor.deviceId), now.toISOString(), context);
		if (!result.ok) throw toDomainError(result.error);
		await caseRepository.update(tx, caseId, {
			status: result.state.status,
			workflow: result.state,
			updatedAt: now,
			changeSeq
		});
		await caseRepository.insertEvent(tx, eventRow(caseId, result.record, now));
		await recordDeliveryScopeChange(tx, { caseId, villageCode: row.villageCode, before: row.workflow, after: result.state, changeSeq });
		// Every township decision (and the certificate window's issue and delivery steps, which come
		// through here too) is audited in its own transaction (accountability, 责任追究制).
		await appendAudit(
			tx,
			{
				action: 'case.act',
				subject: caseId,
				actorId: actor.id,
				deviceId: actor.deviceId,
				details: { caseNumber: row.caseNumber, event: event.type, from: result.record.from, to: result.record.to }
			},
			now
		);
		return { row, state: result.state };
	},

	/** One case with its workflow and every recorded event, for the township's case view. */
	async detail(db: Db, actor: Actor, caseId: string, procedure = 'case.get'): Promise<CaseDetail> {
		const row = await caseRepository.findById(db, caseId);
		if (!row || !canSeeCaseOf(actor, row.villageCode)) throw new DomainError('NOT_FOUND', `case ${caseId} not found`);
		if (isRedacted(row.intake)) {
			throw new DomainError('NOT_FOUND', `the personal data of case ${row.caseNumber} was removed after the retention period; only its statistics remain`);
		}
		// The detail carries the applicant's full resident ID number: PIPL wants every such read logged.
		await recordAudit(db, { action: 'pii.read', subject: caseId, actorId: actor.id, deviceId: actor.deviceId, details: { procedure, fields: ['applicant.idNumber'] } });
		const events = await caseRepository.eventsOf(db, caseId);
		const catalog = await catalogService.version(db, row.intake.catalogVersion);
		return {
			case: toCaseRecord(row),
			workflow: row.workflow,
			// The items as the case's catalog version had them: a case keeps its version for life.
			items: catalog.items.filter((i) => row.itemCodes.includes(i.code)),
			departments: catalog.departments,
			events: events.map((e) => ({
				type: e.type,
				fromStatus: e.fromStatus,
				toStatus: e.toStatus,
				actorId: e.actorId,
				deviceId: e.deviceId,
				note: e.note,
				at: e.at.toISOString()
			}))
		};
	},

	async queue(db: Db, actor: Actor, input: { statuses: CaseStatus[]; limit: number; offset: number }) {
		const { rows, total } = await caseRepository.queue(db, {
			...input,
			townshipCode: actor.scope.townshipCode,
			villageCodes: townshipVillageFilter(actor)
		});
		if (rows.length > 0) await auditFullIdRead(db, actor, 'case.queue', rows.map((r) => r.id));
		return { total, cases: rows.map(toCaseRecord) };
	}
};
