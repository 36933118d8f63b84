import { z } from 'zod';
import type { Bundle, ServiceItem } from '../catalog/item.schema';
import { DomainError } from '../errors';
import { roleSchema } from '../roles';
import type { CaseIntake } from './case.schema';
import { isoDateSchema } from './clock.schema';
import { BAD_RATINGS, caseEventSchema, type CaseEvent, type CaseEventInput, type CaseEventOf } from './events';
import { checkEvent, invalid, type Actor, type TransitionError } from './guards';
import { caseStatusSchema, type CaseStatus } from './status';
import {
	branchStatusOf,
	correctionOriginSchema,
	cstDate,
	isClockRunning,
	itemsAwaitingCertificate,
	MAX_DELIVERY_ATTEMPTS,
	noOutcomesYet,
	pauseClock,
	previousApprovedIndex,
	resumeClock,
	startClock,
	stopClock,
	type ReviewBranch,
	type WorkflowState
} from './workflow';

export type { Actor, TransitionError } from './guards';

/**
 * The case lifecycle as one pure function (STYLE.md habit 3). The device runs it for instant
 * feedback; the server runs it again on the same inputs and its answer is final. It never
 * mutates its arguments and never reads a clock: `now` is passed in.
 */

/** The catalog the case was filed under; needed to accept (chains and limits are copied in then). */
export interface TransitionContext {
	readonly items: readonly ServiceItem[];
	readonly bundles?: readonly Bundle[];
}
const NO_CONTEXT: TransitionContext = { items: [] };

export const documentKindSchema = z.enum([
	'receipt_notice', // 收件通知单, printed at the station the moment the case is taken
	'acceptance_notice', // 受理通知书
	'correction_notice', // 补正材料通知书
	'not_accepted_notice', // 不予受理通知书
	'approval_decision', // 准予许可决定书 (per item)
	'refusal_decision', // 不予许可决定书 (per item)
	'certificate', // 证照 (per item)
	'delivery_receipt' // 送达回证
]);
export type DocumentKind = z.infer<typeof documentKindSchema>;

export const effectSchema = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('clock'), action: z.enum(['start', 'pause', 'resume', 'stop']), on: isoDateSchema }),
	z.object({ kind: z.literal('document'), document: documentKindSchema, itemCode: z.string().nullable() }),
	z.object({
		kind: z.literal('notify'),
		audience: z.enum(['township', 'supervisor', 'grid_worker']),
		reason: z.enum(['delivery_assigned', 'returned_to_station', 'follow_up_required']),
		userId: z.string().nullable()
	})
]);
export type Effect = z.infer<typeof effectSchema>;

/** The event log entry: who did what, when, from which device (首问负责制, 责任追究制). */
export const transitionRecordSchema = z.object({
	caseId: z.uuid(),
	event: caseEventSchema,
	by: z.string().min(1),
	roles: z.array(roleSchema),
	deviceId: z.string().nullable(),
	at: z.iso.datetime({ offset: true }),
	from: caseStatusSchema,
	to: caseStatusSchema,
	note: z.string().nullable()
});
export type TransitionRecord = z.infer<typeof transitionRecordSchema>;

export type TransitionResult =
	| { readonly ok: true; readonly state: WorkflowState; readonly record: TransitionRecord; readonly effects: Effect[] }
	| { readonly ok: false; readonly error: TransitionError };

/** For the server: throw the refusal as the domain error its tRPC layer maps. */
export function toDomainError(error: TransitionError): DomainError {
	return new DomainError(error.code, error.message);
}

const instantSchema = z.iso.datetime({ offset: true });

export function transition(
	state: WorkflowState,
	eventInput: CaseEventInput,
	actor: Actor,
	now: string,
	context: TransitionContext = NO_CONTEXT
): TransitionResult {
	const parsed = caseEventSchema.safeParse(eventInput);
	const typeName = typeof eventInput === 'object' && eventInput !== null && 'type' in eventInput ? String(eventInput.type) : 'event';
	if (!parsed.success) return { ok: false, error: invalid(state, typeName, z.prettifyError(parsed.error)) };
	if (!instantSchema.safeParse(now).success) {
		return { ok: false, error: invalid(state, typeName, `time ${now} is not an ISO date-time with offset`) };
	}
	const event = parsed.data;
	const refusal = checkEvent(state, event, actor);
	if (refusal !== null) return { ok: false, error: refusal };

	const applied = apply(state, event, { actor, now, today: cstDate(now), context });
	if ('error' in applied) return { ok: false, error: applied.error };
	const record: TransitionRecord = {
		caseId: state.caseId,
		event,
		by: actor.userId,
		roles: [...actor.roles],
		deviceId: actor.deviceId ?? null,
		at: now,
		from: state.status,
		to: applied.state.status,
		note: noteOf(event)
	};
	return { ok: true, state: applied.state, record, effects: applied.effects };
}

function noteOf(event: CaseEvent): string | null {
	if ('reason' in event && event.reason !== undefined) return event.reason;
	if ('note' in event && event.note !== undefined) return event.note;
	if (event.type === 'rate') return event.comment ?? null;
	if (event.type === 'request_correction') return event.deficiencies.map((d) => d.problem).join('; ');
	return null;
}

/**
 * A new case on the device. The promised limit is copied now only so the receipt notice can
 * print an expected date; acceptance copies it again from the catalog the server holds.
 */
export function createWorkflow(
	intake: Pick<CaseIntake, 'id' | 'villageCode' | 'itemCodes' | 'bundleCode'>,
	context: TransitionContext
): { ok: true; state: WorkflowState } | { ok: false; error: TransitionError } {
	const draft: WorkflowState = {
		caseId: intake.id,
		villageCode: intake.villageCode,
		itemCodes: [...intake.itemCodes],
		bundleCode: intake.bundleCode ?? null,
		status: 'draft',
		clock: { startedOn: null, limitDays: 1, pauses: [], stoppedOn: null },
		branches: [],
		corrections: [],
		...noOutcomesYet()
	};
	const items = resolveItems(draft, context);
	if (typeof items === 'string') return { ok: false, error: invalid(draft, 'case', items) };
	const limit = promisedLimitDays(draft, items, context);
	if (typeof limit === 'string') return { ok: false, error: invalid(draft, 'case', limit) };
	return { ok: true, state: { ...draft, clock: { ...draft.clock, limitDays: limit } } };
}

function resolveItems(state: WorkflowState, context: TransitionContext): ServiceItem[] | string {
	const items: ServiceItem[] = [];
	for (const code of state.itemCodes) {
		const item = context.items.find((i) => i.code === code);
		if (item === undefined) return `item ${code} is not in the catalog given`;
		items.push(item);
	}
	return items;
}

/**
 * A bundle promises its own limit (一件事); items filed together without a bundle are reviewed
 * in parallel, so the slowest item's promise is the case's.
 */
function promisedLimitDays(state: WorkflowState, items: readonly ServiceItem[], context: TransitionContext): number | string {
	if (state.bundleCode === null) return Math.max(...items.map((i) => i.promisedLimitDays));
	const bundle = context.bundles?.find((b) => b.code === state.bundleCode);
	if (bundle === undefined) return `bundle ${state.bundleCode} is not in the catalog given`;
	const outside = state.itemCodes.filter((c) => !bundle.itemCodes.includes(c));
	if (outside.length > 0) return `items ${outside.join(', ')} are not part of bundle ${bundle.code}`;
	return bundle.promisedLimitDays;
}

// ---------------------------------------------------------------------------------------------

interface Env {
	readonly actor: Actor;
	readonly now: string;
	/** The CST date of `now`; clock helpers never let it move the clock backwards. */
	readonly today: string;
	readonly context: TransitionContext;
}
type Applied = { state: WorkflowState; effects: Effect[] } | { error: TransitionError };

const doc = (document: DocumentKind, itemCode: string | null = null): Effect => ({ kind: 'document', document, itemCode });

/** Reported only for a clock that has started: before acceptance nothing runs. */
function clockEffect(before: WorkflowState['clock'], after: WorkflowState['clock']): Effect[] {
	if (after.startedOn === null) return [];
	if (before.startedOn !== after.startedOn) return [{ kind: 'clock', action: 'start', on: after.startedOn }];
	const effects: Effect[] = [];
	const [b, a] = [before.pauses.at(-1), after.pauses.at(-1)];
	if (a !== undefined && a.to === null && (b === undefined || b.to !== null || after.pauses.length > before.pauses.length)) {
		// A new pause, or the previous one reopened because it ended today.
		const reopened = after.pauses.length === before.pauses.length;
		effects.push({ kind: 'clock', action: 'pause', on: reopened && b?.to != null ? b.to : a.from });
	}
	if (b !== undefined && b.to === null && a?.to != null) effects.push({ kind: 'clock', action: 'resume', on: a.to });
	if (before.stoppedOn === null && after.stoppedOn !== null) effects.push({ kind: 'clock', action: 'stop', on: after.stoppedOn });
	return effects;
}

/** Clock effects are read off the before/after clocks, so no event can forget one; they come first. */
function withClock(state: WorkflowState, next: WorkflowState, effects: Effect[] = []): Applied {
	return { state: next, effects: [...clockEffect(state.clock, next.clock), ...effects] };
}

function apply(state: WorkflowState, event: CaseEvent, env: Env): Applied {
	const { actor, now, today } = env;
	const by = actor.userId;
	switch (event.type) {
		case 'submit':
			return { state: { ...state, status: 'submitted' }, effects: [doc('receipt_notice')] };
		case 'receive':
			return { state: { ...state, status: 'received' }, effects: [] };
		case 'accept':
			return accept(state, event, env);
		case 'request_correction': {
			const unknownMaterial = event.deficiencies.find((d) => {
				const item = env.context.items.find((i) => i.code === d.itemCode);
				return item !== undefined && d.materialId !== undefined && !item.materials.some((m) => m.id === d.materialId);
			});
			if (unknownMaterial !== undefined) {
				return { error: invalid(state, event.type, `item ${unknownMaterial.itemCode} has no material ${unknownMaterial.materialId}`) };
			}
			const returnTo = correctionOriginSchema.parse(state.status); // the guard admits only these
			const next: WorkflowState = {
				...state,
				status: 'correction_requested',
				clock: pauseClock(state.clock, today),
				corrections: [
					...state.corrections,
					{
						deficiencies: event.deficiencies,
						requestedBy: by,
						requestedAt: now,
						returnTo,
						closedBy: null,
						closedAt: null,
						outcome: null,
						addedMaterials: []
					}
				]
			};
			return withClock(state, next, [doc('correction_notice')]);
		}
		case 'resubmit': {
			const round = state.corrections.at(-1);
			if (round === undefined) return { error: invalid(state, event.type, 'no correction is outstanding') };
			const next: WorkflowState = {
				...state,
				status: round.returnTo,
				clock: resumeClock(state.clock, today),
				corrections: closeLastRound(state, { outcome: 'resubmitted', by, now, addedMaterials: event.materials })
			};
			return withClock(state, next);
		}
		case 'not_accept': {
			const next: WorkflowState = {
				...state,
				status: 'not_accepted',
				clock: resumeClock(state.clock, today),
				corrections: state.status === 'correction_requested' ? closeLastRound(state, { outcome: 'not_accepted', by, now }) : state.corrections,
				notAccepted: { reason: event.reason, by, at: now }
			};
			return withClock(state, next, [doc('not_accepted_notice')]);
		}
		case 'start_review':
			return { state: { ...state, status: 'under_review' }, effects: [] };
		case 'approve_step':
		case 'refuse_step':
			return decideStep(state, event, env);
		case 'return_step': {
			const branches = state.branches.map((b) => {
				if (b.itemCode !== event.itemCode) return b;
				const index = b.steps.findIndex((s) => s.id === event.stepId);
				const back = previousApprovedIndex(b, index);
				const steps = b.steps.map((s, i) => (i === back ? { ...s, decision: null } : s));
				const toStepId = b.steps[back]?.id ?? '';
				return { ...b, steps, returns: [...b.returns, { fromStepId: event.stepId, toStepId, by, at: now, reason: event.reason }] };
			});
			return { state: { ...state, branches }, effects: [] };
		}
		case 'set_fast_track':
			return { state: { ...state, fastTrack: { on: event.fastTrack, reason: event.reason, by, at: now } }, effects: [] };
		case 'issue_certificate': {
			const itemCode = event.itemCode ?? itemsAwaitingCertificate(state)[0] ?? '';
			const issued: WorkflowState = {
				...state,
				certificates: [...state.certificates, { itemCode, number: event.number, issuedBy: by, issuedAt: now }]
			};
			// The promise covers producing the result; once the last certificate exists, the
			// remaining wait (delivery, pickup) depends on the applicant, so the clock stops.
			const done = itemsAwaitingCertificate(issued).length === 0;
			const next: WorkflowState = done ? { ...issued, status: 'certificate_issued', clock: stopClock(state.clock, today) } : issued;
			return withClock(state, next, [doc('certificate', itemCode)]);
		}
		case 'assign_delivery': {
			const assignment = { gridWorkerId: event.gridWorkerId, assignedBy: by, assignedAt: now, failedAttempts: [] };
			const next = toChannel(state, 'out_for_delivery', 'grid_delivery', {
				assignments: [...state.delivery.assignments, assignment]
			});
			return { state: next, effects: [{ kind: 'notify', audience: 'grid_worker', reason: 'delivery_assigned', userId: event.gridWorkerId }] };
		}
		case 'ready_for_pickup':
			return { state: toChannel(state, 'ready_for_pickup', event.place), effects: [] };
		case 'mail':
			return { state: toChannel(state, 'mailed', 'mail', { trackingNumber: event.trackingNumber }), effects: [] };
		case 'record_delivery': {
			const delivered = { by, at: now, recipient: event.recipient, proofRefs: event.proofRefs, place: event.place ?? null };
			const next: WorkflowState = {
				...state,
				status: 'delivered',
				delivery: { ...state.delivery, returnedToStation: false, delivered }
			};
			return { state: next, effects: [doc('delivery_receipt')] };
		}
		case 'record_failed_attempt': {
			const assignments = state.delivery.assignments.map((a, i, all) =>
				i === all.length - 1 ? { ...a, failedAttempts: [...a.failedAttempts, { at: now, reason: event.reason }] } : a
			);
			const attempts = assignments.at(-1)?.failedAttempts.length ?? 0;
			if (attempts < MAX_DELIVERY_ATTEMPTS) {
				return { state: { ...state, delivery: { ...state.delivery, assignments } }, effects: [] };
			}
			// Third failure: the grid worker leaves it at the station and the township is told,
			// so someone decides whether to try again or wait for the applicant to come.
			const next: WorkflowState = {
				...state,
				status: 'ready_for_pickup',
				delivery: { ...state.delivery, assignments, channel: 'station_pickup', returnedToStation: true }
			};
			return { state: next, effects: [{ kind: 'notify', audience: 'township', reason: 'returned_to_station', userId: null }] };
		}
		case 'complete':
			return { state: { ...state, status: 'completed' }, effects: [] };
		case 'rate': {
			const followUpRequired = BAD_RATINGS.includes(event.level);
			const rating = { level: event.level, comment: event.comment ?? null, by, at: now, followUpRequired };
			const effects: Effect[] = followUpRequired
				? [{ kind: 'notify', audience: 'supervisor', reason: 'follow_up_required', userId: null }]
				: [];
			return { state: { ...state, rating }, effects };
		}
		case 'withdraw': {
			const correcting = state.status === 'correction_requested';
			const next: WorkflowState = {
				...state,
				status: 'withdrawn',
				clock: stopClock(resumeClock(state.clock, today), today),
				corrections: correcting ? closeLastRound(state, { outcome: 'withdrawn', by, now }) : state.corrections,
				withdrawal: { reason: event.reason ?? null, by, at: now }
			};
			return withClock(state, next);
		}
	}
}

function closeLastRound(
	state: WorkflowState,
	close: { outcome: 'resubmitted' | 'withdrawn' | 'not_accepted'; by: string; now: string; addedMaterials?: CaseEventOf<'resubmit'>['materials'] }
): WorkflowState['corrections'] {
	return state.corrections.map((r, i, all) =>
		i === all.length - 1 && r.closedAt === null
			? { ...r, outcome: close.outcome, closedBy: close.by, closedAt: close.now, addedMaterials: close.addedMaterials ?? [] }
			: r
	);
}

/** Switching channel clears what belonged to the previous one; the event log keeps it. */
function toChannel(
	state: WorkflowState,
	status: CaseStatus,
	channel: WorkflowState['delivery']['channel'],
	patch: Partial<WorkflowState['delivery']> = {}
): WorkflowState {
	return {
		...state,
		status,
		delivery: { ...state.delivery, channel, trackingNumber: null, returnedToStation: false, ...patch }
	};
}

function accept(state: WorkflowState, event: CaseEventOf<'accept'>, env: Env): Applied {
	const items = resolveItems(state, env.context);
	if (typeof items === 'string') return { error: invalid(state, event.type, items) };
	const limit = promisedLimitDays(state, items, env.context);
	if (typeof limit === 'string') return { error: invalid(state, event.type, limit) };
	const branches = items.map((item) => buildBranch(item, event.lowRiskItemCodes.includes(item.code), env));
	const next: WorkflowState = { ...state, status: 'accepted', branches, clock: startClock(state.clock, limit, env.today) };
	return withClock(state, next, [doc('acceptance_notice')]);
}

/**
 * Low risk skips every skippable step except the last: a decision is always signed by a
 * person (终审), so a chain can shrink but never to nothing. The skip is recorded against
 * the intake officer who judged the risk.
 */
function buildBranch(item: ServiceItem, lowRisk: boolean, env: Env): ReviewBranch {
	const last = item.approvalChain.length - 1;
	const steps = item.approvalChain.map((s, i) => ({
		...s,
		decision:
			lowRisk && s.skippable && i < last
				? { outcome: 'skipped' as const, by: env.actor.userId, at: env.now, note: 'low risk', legalBasis: null }
				: null
	}));
	return {
		itemCode: item.code,
		departmentCode: item.departmentCode,
		result: item.result.kind,
		lowRisk,
		steps,
		status: branchStatusOf(steps),
		returns: []
	};
}

function decideStep(state: WorkflowState, event: CaseEventOf<'approve_step' | 'refuse_step'>, env: Env): Applied {
	const refusing = event.type === 'refuse_step';
	const decision = {
		outcome: refusing ? ('refused' as const) : ('approved' as const),
		by: env.actor.userId,
		at: env.now,
		note: event.type === 'refuse_step' ? event.reason : (event.note ?? null),
		legalBasis: event.type === 'refuse_step' ? event.legalBasis : null
	};
	const effects: Effect[] = [];
	const branches = state.branches.map((b) => {
		if (b.itemCode !== event.itemCode) return b;
		const steps = b.steps.map((s) => (s.id === event.stepId ? { ...s, decision } : s));
		const status = branchStatusOf(steps);
		// Each item's decision is its own department's act, issued as soon as it is made.
		if (status === 'refused') effects.push(doc('refusal_decision', b.itemCode));
		if (status === 'approved' && b.result !== 'none') effects.push(doc('approval_decision', b.itemCode));
		return { ...b, steps, status };
	});
	const reviewed: WorkflowState = { ...state, branches };
	if (branches.some((b) => b.status === 'in_review')) return { state: reviewed, effects };

	// Every branch decided. Partial approval: the case is approved if any item is (README).
	const approved = branches.some((b) => b.status === 'approved');
	const decided: WorkflowState = {
		...reviewed,
		status: approved ? 'approved' : 'refused',
		decision: { outcome: approved ? 'approved' : 'refused', at: env.now }
	};
	const resultReady = !approved || itemsAwaitingCertificate(decided).length === 0;
	const next = resultReady && isClockRunning(decided.clock) ? { ...decided, clock: stopClock(decided.clock, env.today) } : decided;
	return withClock(state, next, effects);
}
