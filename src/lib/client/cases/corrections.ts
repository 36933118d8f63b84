import type { DaibanDb, LocalCase } from '../db/db';
import { enqueue } from '../sync/outbox';
import { getCase, putCase } from '../vault/case-vault';
import type { CorrectionSummary, MaterialIntake } from '$lib/domain/case/case.schema';
import { transition } from '$lib/domain/case/transition';
import { actorFromUser } from '$lib/domain/case/guards';
import { noOutcomesYet, type WorkflowState } from '$lib/domain/case/workflow';
import { caseResubmitArgsSchema, type CaseResubmitArgs } from '$lib/domain/sync/protocol';
import type { PublicUser } from '$lib/domain/roles';

/**
 * Answering a correction request (补正) on the device, offline: the agent adds what the
 * township asked for and resubmits. Like submitting a draft, the device runs the lifecycle's
 * `resubmit` for instant feedback and queues `case.resubmit` in the same Dexie transaction; the
 * server runs `resubmit` again when the mutation arrives, and its answer is final.
 */

/** The round the agent has to answer: the last one, while the case waits for the correction. */
export function openCorrection(c: LocalCase): CorrectionSummary | null {
	if (c.status !== 'correction_requested') return null;
	const last = c.corrections?.at(-1);
	return last && last.closedAt === null ? last : null;
}

/** Who asked stays on the server; the device's copy of a round names nobody. */
const TOWNSHIP = 'township';

/**
 * The lifecycle state as far as the device knows it: what `resubmit` reads (status, items,
 * village, clock, rounds). Review branches and decisions stay on the server, which replays the
 * event on its full state.
 */
export function deviceWorkflow(c: LocalCase): WorkflowState {
	return {
		caseId: c.id,
		villageCode: c.intake.villageCode,
		itemCodes: [...c.intake.itemCodes],
		bundleCode: c.intake.bundleCode ?? null,
		status: c.status,
		clock: c.clock ?? { startedOn: null, limitDays: 1, pauses: [], stoppedOn: null },
		branches: [],
		corrections: (c.corrections ?? []).map((r) => ({
			deficiencies: r.deficiencies,
			requestedBy: TOWNSHIP,
			requestedAt: r.requestedAt,
			returnTo: r.returnTo,
			closedBy: r.closedAt === null ? null : TOWNSHIP,
			closedAt: r.closedAt,
			outcome: r.outcome,
			addedMaterials: []
		})),
		...noOutcomesYet()
	};
}

const materialKey = (m: { itemCode: string; materialId: string }) => `${m.itemCode}/${m.materialId}`;

/** Deficient materials the answer does not provide (received, or replaced by the commitment letter). */
export function missingMaterials(round: CorrectionSummary, materials: readonly MaterialIntake[]): { itemCode: string; materialId: string }[] {
	const given = new Map(materials.map((m) => [materialKey(m), m]));
	return round.deficiencies.flatMap((d) => {
		if (d.materialId === undefined) return [];
		const m = given.get(materialKey({ itemCode: d.itemCode, materialId: d.materialId }));
		return m && (m.received || m.replacedByCommitment) ? [] : [{ itemCode: d.itemCode, materialId: d.materialId }];
	});
}

/**
 * What a photo component needs for one deficient material in the correction panel (the photo
 * component itself belongs to the intake form); it reports new hashes through onAdd/onRemove.
 */
export interface CorrectionPhotoSlot {
	caseId: string;
	itemCode: string;
	materialId: string;
	materialName: string;
	inputId: string;
	hashes: readonly string[];
	onAdd: (hashes: string[]) => void;
	onRemove: (hash: string) => void;
}

export class CorrectionError extends Error {
	constructor(
		readonly reason: 'not_waiting' | 'incomplete' | 'invalid' | 'refused',
		message: string,
		readonly missing: { itemCode: string; materialId: string }[] = []
	) {
		super(message);
		this.name = 'CorrectionError';
	}
}

function merge(current: readonly MaterialIntake[], added: readonly MaterialIntake[]): MaterialIntake[] {
	const byKey = new Map(added.map((m) => [materialKey(m), m]));
	const known = new Set(current.map(materialKey));
	return [...current.map((m) => byKey.get(materialKey(m)) ?? m), ...added.filter((m) => !known.has(materialKey(m)))];
}

/**
 * Resubmits the case with the added materials: one Dexie transaction writes the local result
 * (status back where it came from, round closed, clock resumed) and queues `case.resubmit`.
 * Every deficient material must be provided first (一次性告知 asks for all of them at once).
 */
export async function resubmitCorrection(
	db: DaibanDb,
	caseId: string,
	answer: { materials: MaterialIntake[]; note?: string },
	now: Date,
	who: { user: PublicUser; deviceId: string }
): Promise<LocalCase> {
	const parsed = caseResubmitArgsSchema.safeParse({ caseId, materials: answer.materials, note: answer.note?.trim() || undefined });
	if (!parsed.success) {
		throw new CorrectionError('invalid', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
	}
	const args: CaseResubmitArgs = parsed.data;
	return db.transaction('rw', db.cases, db.outbox, db.meta, async () => {
		const current = await getCase(db, caseId);
		const round = current ? openCorrection(current) : null;
		if (!current || !round) throw new CorrectionError('not_waiting', `case ${current?.caseNumber ?? caseId} is not waiting for a correction`);
		const missing = missingMaterials(round, args.materials);
		if (missing.length > 0) {
			throw new CorrectionError('incomplete', `materials still missing: ${missing.map(materialKey).join(', ')}`, missing);
		}
		// The same lifecycle function the server runs, on the state the device holds.
		const event = { type: 'resubmit' as const, materials: args.materials, ...(args.note ? { note: args.note } : {}) };
		const result = transition(deviceWorkflow(current), event, actorFromUser(who.user, who.deviceId), now.toISOString());
		if (!result.ok) throw new CorrectionError('refused', result.error.message);
		const record: LocalCase = {
			...current,
			status: result.state.status,
			intake: { ...current.intake, materials: merge(current.intake.materials, args.materials) },
			corrections: result.state.corrections.map((r) => ({
				deficiencies: r.deficiencies,
				requestedAt: r.requestedAt,
				returnTo: r.returnTo,
				closedAt: r.closedAt,
				outcome: r.outcome
			})),
			clock: result.state.clock,
			syncState: 'sent',
			updatedAt: now.toISOString()
		};
		delete record.rejection;
		await putCase(db, record);
		await enqueue(db, 'case.resubmit', args, now);
		return record;
	});
}
