import { z } from 'zod';
import { hasRole, roleSchema, userScopeSchema, type PublicUser, type Role } from '../roles';
import { CASE_EVENT_TYPES, type CaseEvent, type CaseEventType } from './events';
import type { CaseStatus } from './status';
import {
	currentStepIndex,
	hasDeliverable,
	itemsAwaitingCertificate,
	previousApprovedIndex,
	RATEABLE_STATUSES,
	type BranchStep,
	type ReviewBranch,
	type WorkflowState
} from './workflow';

/**
 * Who may fire which event in which state. The device asks first so the agent sees a refusal
 * at once; the server asks again with the authenticated user and its answer is final.
 * Order of checks: the status allows the event (ILLEGAL_TRANSITION), the event names things
 * the case has (VALIDATION), the actor may act on them (FORBIDDEN), and finally the named
 * thing is in a state that allows it (ILLEGAL_TRANSITION, e.g. a step already decided).
 */

export const actorSchema = z.object({
	userId: z.string().min(1),
	roles: z.array(roleSchema).min(1),
	scope: userScopeSchema,
	/** The device that ran the event; absent when it happened on the server. */
	deviceId: z.string().min(1).optional()
});
export type Actor = z.infer<typeof actorSchema>;

export function actorFromUser(user: PublicUser, deviceId?: string): Actor {
	return { userId: user.id, roles: user.roles, scope: user.scope, ...(deviceId === undefined ? {} : { deviceId }) };
}

export type TransitionErrorCode = 'ILLEGAL_TRANSITION' | 'FORBIDDEN' | 'VALIDATION';
export interface TransitionError {
	readonly code: TransitionErrorCode;
	readonly message: string;
}

/** Where each event may start from; finer, state-dependent conditions are in `statusRefusal`. */
export const EVENT_SOURCES: Readonly<Record<CaseEventType, readonly CaseStatus[]>> = {
	submit: ['draft'],
	receive: ['submitted'],
	accept: ['received'],
	request_correction: ['received', 'accepted', 'under_review'],
	resubmit: ['correction_requested'],
	not_accept: ['received', 'correction_requested'],
	start_review: ['accepted'],
	approve_step: ['under_review'],
	refuse_step: ['under_review'],
	return_step: ['under_review'],
	set_fast_track: ['received', 'correction_requested', 'accepted', 'under_review', 'approved', 'certificate_issued'],
	issue_certificate: ['approved'],
	assign_delivery: ['approved', 'certificate_issued', 'out_for_delivery', 'ready_for_pickup', 'mailed'],
	ready_for_pickup: ['approved', 'certificate_issued', 'out_for_delivery', 'ready_for_pickup', 'mailed'],
	mail: ['approved', 'certificate_issued', 'out_for_delivery', 'ready_for_pickup'],
	record_delivery: ['out_for_delivery', 'ready_for_pickup', 'mailed'],
	record_failed_attempt: ['out_for_delivery'],
	complete: ['approved', 'delivered'],
	rate: RATEABLE_STATUSES,
	withdraw: ['submitted', 'received', 'correction_requested', 'accepted', 'under_review']
};

const CHANNEL_EVENTS: readonly CaseEventType[] = ['assign_delivery', 'ready_for_pickup', 'mail'];

function illegal(state: WorkflowState, type: CaseEventType, why?: string): TransitionError {
	return {
		code: 'ILLEGAL_TRANSITION',
		message: `cannot ${type} a case in state ${state.status}${why === undefined ? '' : `: ${why}`}`
	};
}
function forbidden(state: WorkflowState, type: CaseEventType, actor: Actor, why: string): TransitionError {
	return { code: 'FORBIDDEN', message: `${actor.userId} may not ${type} a case in state ${state.status}: ${why}` };
}
export function invalid(state: WorkflowState, type: string, why: string): TransitionError {
	return { code: 'VALIDATION', message: `invalid ${type} for a case in state ${state.status}: ${why}` };
}

/**
 * Why the case's status (and nothing in the event) rules the event out, or null. `why` is
 * absent when the event simply never starts from this status.
 */
export function statusRefusal(state: WorkflowState, type: CaseEventType): { why?: string } | null {
	const because = (why: string) => ({ why });
	if (!EVENT_SOURCES[type].includes(state.status)) return {};
	const last = state.corrections.at(-1);
	if (type === 'not_accept' && state.status === 'correction_requested' && last?.returnTo !== 'received') {
		return because('the case is already accepted; only its reviewers can refuse it now');
	}
	if (state.status === 'approved') {
		const waiting = itemsAwaitingCertificate(state);
		if (CHANNEL_EVENTS.includes(type)) {
			if (waiting.length > 0) return because(`certificates not yet issued for ${waiting.join(', ')}`);
			if (!hasDeliverable(state)) return because('there is nothing to deliver; complete the case instead');
		}
		if (type === 'issue_certificate' && waiting.length === 0) return because('no item is waiting for a certificate');
		if (type === 'complete' && hasDeliverable(state)) return because('the result has not been delivered yet');
	}
	if (type === 'rate' && state.rating !== null) return because('it has already been rated');
	return null;
}

// ---------------------------------------------------------------------------------------------
// Scope. Village codes are 12-digit statistical codes whose first 9 digits are the township
// (and first 6 the county), so a township or county scope is a prefix of the case's village.

function inVillage(state: WorkflowState, actor: Actor): boolean {
	return actor.scope.villageCodes.includes(state.villageCode);
}
function inTownship(state: WorkflowState, actor: Actor): boolean {
	return actor.scope.townshipCode.length > 0 && state.villageCode.startsWith(actor.scope.townshipCode);
}
function villageAgent(state: WorkflowState, actor: Actor): string | null {
	if (!hasRole(actor, 'village_agent')) return 'needs role village_agent';
	return inVillage(state, actor) ? null : `needs to be an agent of village ${state.villageCode}`;
}
function townshipRole(state: WorkflowState, actor: Actor, ...roles: Role[]): string | null {
	if (!hasRole(actor, ...roles)) return `needs role ${roles.join(' or ')}`;
	return inTownship(state, actor) ? null : `needs to work in the township of village ${state.villageCode}`;
}

/** Whether the actor may decide this step: the step's role, in the step's department. */
export function stepDeciderRefusal(state: WorkflowState, actor: Actor, step: BranchStep): string | null {
	if (!hasRole(actor, step.role) || !actor.scope.departmentCodes.includes(step.departmentCode)) {
		return `step ${step.id} needs role ${step.role} in department ${step.departmentCode}`;
	}
	return inTownship(state, actor) ? null : `needs to work in the township of village ${state.villageCode}`;
}

function currentSteps(state: WorkflowState): BranchStep[] {
	return state.branches.flatMap((b) => {
		const step = b.steps[currentStepIndex(b)];
		return step === undefined ? [] : [step];
	});
}

function currentAssignee(state: WorkflowState): string | undefined {
	return state.delivery.assignments.at(-1)?.gridWorkerId;
}

/** Why the actor may not fire an event of this type on this case (payload aside), or null. */
export function actorRefusal(state: WorkflowState, type: CaseEventType, actor: Actor, step?: BranchStep): string | null {
	switch (type) {
		case 'submit':
		case 'receive': // the server runs it under the identity of the agent whose device pushed
		case 'resubmit':
		case 'withdraw':
			return villageAgent(state, actor);
		case 'accept':
		case 'request_correction':
		case 'not_accept':
			return townshipRole(state, actor, 'township_intake');
		case 'start_review': {
			// The front desk dispatches (分办), or a back-room approver picks the case up.
			if (townshipRole(state, actor, 'township_intake') === null) return null;
			if (currentSteps(state).some((s) => stepDeciderRefusal(state, actor, s) === null)) return null;
			return 'needs role township_intake, or to decide a first step of this case';
		}
		case 'approve_step':
		case 'refuse_step':
		case 'return_step': {
			if (step !== undefined) return stepDeciderRefusal(state, actor, step);
			const mine = currentSteps(state).some((s) => stepDeciderRefusal(state, actor, s) === null);
			return mine ? null : 'no step waiting on this case is in your department and role';
		}
		case 'set_fast_track':
			return townshipRole(state, actor, 'supervisor');
		case 'complete': {
			// Door-to-door delivery completes the case at the hand-over (零跑腿): the grid worker who
			// recorded it closes it in the same step; anything else is the certificate window's.
			const deliverer = state.delivery.delivered?.by;
			if (state.status === 'delivered' && hasRole(actor, 'grid_worker') && deliverer === actor.userId) return null;
			return townshipRole(state, actor, 'township_issuer');
		}
		case 'issue_certificate':
		case 'assign_delivery':
		case 'ready_for_pickup':
		case 'mail':
			return townshipRole(state, actor, 'township_issuer');
		case 'record_failed_attempt':
			return gridWorkerOnDuty(state, actor);
		case 'record_delivery': {
			if (state.status === 'out_for_delivery') return gridWorkerOnDuty(state, actor);
			if (state.status === 'ready_for_pickup' && state.delivery.channel === 'station_pickup') return villageAgent(state, actor);
			return townshipRole(state, actor, 'township_issuer'); // the township window, or a postal receipt
		}
		case 'rate': {
			// The applicant rates through whoever meets them: the agent, or the grid worker who
			// handed over the result. Township staff may not rate their own work.
			if (villageAgent(state, actor) === null) return null;
			const deliverer = state.delivery.delivered?.by;
			if (hasRole(actor, 'grid_worker') && deliverer === actor.userId) return null;
			return 'only the village agent or the grid worker who delivered may record a rating';
		}
	}
}

function gridWorkerOnDuty(state: WorkflowState, actor: Actor): string | null {
	if (!hasRole(actor, 'grid_worker')) return 'needs role grid_worker';
	return currentAssignee(state) === actor.userId ? null : 'the delivery is assigned to another grid worker';
}

export interface StepTarget {
	readonly branch: ReviewBranch;
	readonly index: number;
	readonly step: BranchStep;
}

/** The branch and step a step event names. */
export function resolveStep(state: WorkflowState, itemCode: string, stepId: string): StepTarget | string {
	const branch = state.branches.find((b) => b.itemCode === itemCode);
	if (branch === undefined) return `the case has no review branch for item ${itemCode}`;
	const index = branch.steps.findIndex((s) => s.id === stepId);
	const step = branch.steps[index];
	if (step === undefined) return `item ${itemCode} has no approval step ${stepId}`;
	return { branch, index, step };
}

/** Why the named step may not be decided (or returned) now, or null. */
function stepStateRefusal(target: StepTarget, type: CaseEventType): string | null {
	const { branch, index, step } = target;
	if (step.decision !== null) return `step ${step.id} of item ${branch.itemCode} is already ${step.decision.outcome}`;
	if (branch.status !== 'in_review') return `item ${branch.itemCode} is already ${branch.status}`;
	const current = currentStepIndex(branch);
	if (index !== current) {
		return `step ${step.id} of item ${branch.itemCode} is not the current step (${branch.steps[current]?.id ?? 'none'} is)`;
	}
	if (type === 'return_step' && previousApprovedIndex(branch, index) < 0) {
		return `step ${step.id} of item ${branch.itemCode} has no earlier approved step to return to`;
	}
	return null;
}

/** The whole guard for one event: null when the transition may go ahead. */
export function checkEvent(state: WorkflowState, event: CaseEvent, actor: Actor): TransitionError | null {
	const { type } = event;
	const byStatus = statusRefusal(state, type);
	if (byStatus !== null) return illegal(state, type, byStatus.why);

	let target: StepTarget | undefined;
	if (event.type === 'approve_step' || event.type === 'refuse_step' || event.type === 'return_step') {
		const resolved = resolveStep(state, event.itemCode, event.stepId);
		if (typeof resolved === 'string') return invalid(state, type, resolved);
		target = resolved;
	}
	const payloadProblem = payloadRefusal(state, event);
	if (payloadProblem !== null) return invalid(state, type, payloadProblem);

	const who = actorRefusal(state, type, actor, target?.step);
	if (who !== null) return forbidden(state, type, actor, who);

	if (target !== undefined) {
		const stepProblem = stepStateRefusal(target, type);
		if (stepProblem !== null) return illegal(state, type, stepProblem);
	}
	const repeat = repeatRefusal(state, event);
	return repeat === null ? null : illegal(state, type, repeat);
}

/** Event fields that name things this case does not have. */
function payloadRefusal(state: WorkflowState, event: CaseEvent): string | null {
	const unknown = (codes: readonly string[]) => codes.filter((c) => !state.itemCodes.includes(c));
	switch (event.type) {
		case 'accept': {
			const bad = unknown(event.lowRiskItemCodes);
			return bad.length > 0 ? `low-risk items ${bad.join(', ')} are not items of this case` : null;
		}
		case 'request_correction': {
			const bad = unknown(event.deficiencies.map((d) => d.itemCode));
			return bad.length > 0 ? `deficiencies name items ${bad.join(', ')}, which are not items of this case` : null;
		}
		case 'resubmit': {
			const bad = unknown(event.materials.map((m) => m.itemCode));
			return bad.length > 0 ? `materials for items ${bad.join(', ')}, which are not items of this case` : null;
		}
		case 'issue_certificate': {
			const waiting = itemsAwaitingCertificate(state);
			if (event.itemCode === undefined) {
				return waiting.length === 1 ? null : `name the item: ${waiting.join(', ')} are waiting for certificates`;
			}
			if (!state.itemCodes.includes(event.itemCode)) return `${event.itemCode} is not an item of this case`;
			if (state.certificates.some((c) => c.number === event.number)) return `certificate number ${event.number} is already used`;
			return null;
		}
		default:
			return null;
	}
}

/** Events that would repeat what the case already is. */
function repeatRefusal(state: WorkflowState, event: CaseEvent): string | null {
	const d = state.delivery;
	switch (event.type) {
		case 'issue_certificate': {
			const code = event.itemCode ?? itemsAwaitingCertificate(state)[0];
			return code !== undefined && itemsAwaitingCertificate(state).includes(code)
				? null
				: `item ${code ?? '?'} is not waiting for a certificate`;
		}
		case 'assign_delivery':
			return state.status === 'out_for_delivery' && currentAssignee(state) === event.gridWorkerId
				? `the delivery is already assigned to ${event.gridWorkerId}`
				: null;
		case 'ready_for_pickup':
			return state.status === 'ready_for_pickup' && d.channel === event.place ? `it is already waiting at ${event.place}` : null;
		default:
			return null;
	}
}

/**
 * The event types this actor could fire now, payload aside: for the UI to show only the
 * buttons that can work. The transition still checks the full event.
 */
export function availableEvents(state: WorkflowState, actor: Actor): CaseEventType[] {
	return CASE_EVENT_TYPES.filter((type) => {
		if (statusRefusal(state, type) !== null) return false;
		if (type === 'return_step') {
			return state.branches.some((b) => {
				const i = currentStepIndex(b);
				const step = b.steps[i];
				return step !== undefined && previousApprovedIndex(b, i) >= 0 && stepDeciderRefusal(state, actor, step) === null;
			});
		}
		return actorRefusal(state, type, actor) === null;
	});
}
