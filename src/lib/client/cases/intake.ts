import { uuidv7 } from 'uuidv7';
import type { DaibanDb, LocalCase } from '../db/db';
import { getMeta, META, setMeta } from '../db/meta';
import { enqueue } from '../sync/outbox';
import { getCase, sealCase } from '../vault/case-vault';
import { cryptoStep } from '../vault/in-transaction';
import { caseIntakeSchema, type CaseIntake } from '$lib/domain/case/case.schema';
import { formatCaseNumber } from '$lib/domain/case/case-number';
import { chinaDate } from '$lib/domain/time';
import { createWorkflow, transition, type TransitionContext } from '$lib/domain/case/transition';
import { actorFromUser } from '$lib/domain/case/guards';
import type { PublicUser } from '$lib/domain/roles';

/** The per-device daily sequence for case numbers; resets when the China date changes. */
async function nextCaseSequence(db: DaibanDb, today: string): Promise<number> {
	const last = await getMeta<{ date: string; sequence: number } | null>(db, META.caseSequence, null);
	const sequence = last && last.date === today ? last.sequence + 1 : 1;
	await setMeta(db, META.caseSequence, { date: today, sequence });
	return sequence;
}

export interface NewDraftInput {
	itemCodes: string[];
	bundleCode?: string;
	catalogVersion: number;
	villageCode: string;
	deviceTag: string;
	/** Every material of the case's items, so the checklist is complete from the start. */
	materials: { itemCode: string; materialId: string }[];
}

/**
 * Creates a draft with its case number at once, offline: the number must be printable on
 * the receipt notice the moment the case is taken (DOMAIN.md).
 */
export async function createDraft(db: DaibanDb, input: NewDraftInput, now: Date): Promise<LocalCase> {
	return db.transaction('rw', db.cases, db.meta, async () => {
		const today = chinaDate(now);
		const sequence = await nextCaseSequence(db, today);
		const caseNumber = formatCaseNumber({
			villageCode: input.villageCode,
			date: today,
			deviceTag: input.deviceTag,
			sequence
		});
		const id = uuidv7();
		const intake: CaseIntake = {
			id,
			caseNumber,
			itemCodes: input.itemCodes,
			bundleCode: input.bundleCode,
			catalogVersion: input.catalogVersion,
			villageCode: input.villageCode,
			applicant: { name: '', idNumber: '', phone: '', address: '' },
			form: {},
			materials: input.materials.map((m) => ({
				...m,
				received: false,
				checkedPoints: [],
				replacedByCommitment: false,
				attachmentHashes: []
			})),
			delivery: { method: 'station_pickup' },
			trips: 1,
			createdAt: now.toISOString()
		};
		const draft: LocalCase = { id, caseNumber, status: 'draft', intake, syncState: 'local', updatedAt: now.toISOString() };
		await db.cases.add(await cryptoStep(sealCase(draft)));
		return draft;
	});
}

/** Autosave: the draft as the agent has typed it so far (no validation: drafts may be incomplete). */
export async function saveDraft(db: DaibanDb, intake: CaseIntake, now: Date): Promise<void> {
	await db.transaction('rw', db.cases, async () => {
		const current = await getCase(db, intake.id);
		if (!current || current.status !== 'draft') throw new Error(`case ${intake.caseNumber} is no longer a draft`);
		await db.cases.put(await cryptoStep(sealCase({ ...current, intake, updatedAt: now.toISOString() })));
	});
}

export class IntakeInvalidError extends Error {
	constructor(readonly issues: { path: string; message: string }[]) {
		super(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
		this.name = 'IntakeInvalidError';
	}
}

/**
 * Submits a draft: validates it, marks it submitted and queues `case.submit`, all in one
 * Dexie transaction, so a crash leaves either a draft or a queued case, never half of both.
 */
export async function submitDraft(
	db: DaibanDb,
	intake: CaseIntake,
	now: Date,
	who: { user: PublicUser; deviceId: string; context: TransitionContext }
): Promise<LocalCase> {
	const parsed = caseIntakeSchema.safeParse(intake);
	if (!parsed.success) {
		throw new IntakeInvalidError(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
	}
	// The same lifecycle function the server runs: instant feedback on the device; the
	// server runs it again on receipt and its answer is final.
	const created = createWorkflow(parsed.data, who.context);
	if (!created.ok) throw new IntakeInvalidError([{ path: 'case', message: created.error.message }]);
	const submitted = transition(created.state, { type: 'submit' }, actorFromUser(who.user, who.deviceId), now.toISOString(), who.context);
	if (!submitted.ok) throw new IntakeInvalidError([{ path: 'case', message: submitted.error.message }]);
	return db.transaction('rw', db.cases, db.outbox, db.meta, async () => {
		const current = await getCase(db, intake.id);
		if (!current || current.status !== 'draft') throw new Error(`case ${intake.caseNumber} is not a draft`);
		const record: LocalCase = {
			...current,
			intake: parsed.data,
			status: submitted.state.status,
			// A refusal answered by editing and sending again is history now.
			rejection: undefined,
			syncState: 'sent',
			updatedAt: now.toISOString()
		};
		await db.cases.put(await cryptoStep(sealCase(record)));
		await enqueue(db, 'case.submit', parsed.data, now);
		return record;
	});
}
