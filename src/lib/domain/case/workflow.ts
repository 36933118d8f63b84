import { z } from 'zod';
import { approvalStepSchema, deliveryMethodSchema } from '../catalog/item.schema';
import { materialIntakeSchema } from './case.schema';
import { caseClockSchema, type CaseClock } from './clock.schema';
import { deficiencySchema, proofRefSchema, ratingLevelSchema, recipientSchema } from './events';
import { caseStatusSchema, type CaseStatus } from './status';

/**
 * The lifecycle state of one case: what `transition` reads and writes. It is self-contained
 * after acceptance (the approval chains are copied in), so a catalog edit during review does
 * not change the steps of a case already under way, and device and server agree on them.
 */

const datetimeSchema = z.iso.datetime({ offset: true });
const userIdSchema = z.string().min(1);

export const stepDecisionSchema = z.object({
	outcome: z.enum(['approved', 'refused', 'skipped']),
	by: userIdSchema,
	at: datetimeSchema,
	/** Approval note, refusal reason, or why it was skipped. */
	note: z.string().nullable(),
	/** Only a refusal carries one. */
	legalBasis: z.string().nullable()
});
export type StepDecision = z.infer<typeof stepDecisionSchema>;

export const branchStepSchema = approvalStepSchema.extend({ decision: stepDecisionSchema.nullable() });
export type BranchStep = z.infer<typeof branchStepSchema>;

export const itemResultKindSchema = z.enum(['certificate', 'decision', 'none']);
export type ItemResultKind = z.infer<typeof itemResultKindSchema>;

/** One item's walk through its approval chain; a bundle has one per item, walked in parallel. */
export const reviewBranchSchema = z.object({
	itemCode: z.string().min(1),
	departmentCode: z.string().min(1),
	result: itemResultKindSchema,
	lowRisk: z.boolean(),
	steps: z.array(branchStepSchema).min(1),
	status: z.enum(['in_review', 'approved', 'refused']),
	/** Steps sent back (退回), kept because the reopened step's decision is cleared. */
	returns: z.array(
		z.object({ fromStepId: z.string(), toStepId: z.string(), by: userIdSchema, at: datetimeSchema, reason: z.string() })
	)
});
export type ReviewBranch = z.infer<typeof reviewBranchSchema>;

/** Where a case goes back to when the agent resubmits: the review resumes where it stopped. */
export const correctionOriginSchema = caseStatusSchema.extract(['received', 'accepted', 'under_review']);

/** One round of 补正; rounds are never deleted, so the deficiency lists stay in the history. */
export const correctionRoundSchema = z.object({
	deficiencies: z.array(deficiencySchema).min(1),
	requestedBy: userIdSchema,
	requestedAt: datetimeSchema,
	returnTo: correctionOriginSchema,
	closedBy: userIdSchema.nullable(),
	closedAt: datetimeSchema.nullable(),
	outcome: z.enum(['resubmitted', 'withdrawn', 'not_accepted']).nullable(),
	/** What the agent added; the server merges it into the case's materials. */
	addedMaterials: z.array(materialIntakeSchema)
});
export type CorrectionRound = z.infer<typeof correctionRoundSchema>;

export const issuedCertificateSchema = z.object({
	itemCode: z.string().min(1),
	number: z.string().min(1),
	issuedBy: userIdSchema,
	issuedAt: datetimeSchema
});

/** Three failed attempts on one assignment send the result back to the station. */
export const MAX_DELIVERY_ATTEMPTS = 3;

export const deliveryAssignmentSchema = z.object({
	gridWorkerId: userIdSchema,
	assignedBy: userIdSchema,
	assignedAt: datetimeSchema,
	failedAttempts: z.array(z.object({ at: datetimeSchema, reason: z.string() })).max(MAX_DELIVERY_ATTEMPTS)
});

export const deliveryStateSchema = z.object({
	channel: deliveryMethodSchema.nullable(),
	/** Every assignment ever made, the current one last. */
	assignments: z.array(deliveryAssignmentSchema),
	trackingNumber: z.string().nullable(),
	/** Set when failed attempts sent the result back to the station; the township must be told. */
	returnedToStation: z.boolean(),
	delivered: z
		.object({
			by: userIdSchema,
			at: datetimeSchema,
			recipient: recipientSchema,
			proofRefs: z.array(proofRefSchema).min(1),
			place: z.string().nullable()
		})
		.nullable()
});
export type DeliveryState = z.infer<typeof deliveryStateSchema>;

export const ratingSchema = z.object({
	level: ratingLevelSchema,
	comment: z.string().nullable(),
	by: userIdSchema,
	at: datetimeSchema,
	followUpRequired: z.boolean()
});

const actByReasonSchema = z.object({ reason: z.string(), by: userIdSchema, at: datetimeSchema });

export const workflowStateSchema = z
	.object({
		caseId: z.uuid(),
		villageCode: z.string().regex(/^\d{12}$/),
		itemCodes: z.array(z.string().min(1)).min(1).max(10),
		bundleCode: z.string().nullable(),
		status: caseStatusSchema,
		clock: caseClockSchema,
		/** Empty until acceptance, then one per item code, in the same order. */
		branches: z.array(reviewBranchSchema),
		corrections: z.array(correctionRoundSchema),
		notAccepted: actByReasonSchema.nullable(),
		/** The case-level outcome once every branch is decided (see README: partial approval). */
		decision: z.object({ outcome: z.enum(['approved', 'refused']), at: datetimeSchema }).nullable(),
		certificates: z.array(issuedCertificateSchema),
		delivery: deliveryStateSchema,
		rating: ratingSchema.nullable(),
		fastTrack: z.object({ on: z.boolean(), reason: z.string(), by: userIdSchema, at: datetimeSchema }).nullable(),
		withdrawal: z.object({ reason: z.string().nullable(), by: userIdSchema, at: datetimeSchema }).nullable()
	})
	.superRefine((state, ctx) => {
		for (const message of workflowIssues(state)) ctx.addIssue({ code: 'custom', message });
	});
export type WorkflowState = z.infer<typeof workflowStateSchema>;

// ---------------------------------------------------------------------------------------------
// Clock. Only dates are recorded here; counting working days is the calendar module's job.

/** The date in China Standard Time of an ISO instant: the day a deadline is counted from. */
export function cstDate(instant: string): string {
	return new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The latest date on the clock. A device whose clock runs behind must not write dates backwards. */
function latestDate(clock: CaseClock): string | null {
	let latest: string | null = clock.startedOn;
	for (const p of clock.pauses) {
		for (const d of [p.from, p.to]) if (d !== null && (latest === null || d > latest)) latest = d;
	}
	if (clock.stoppedOn !== null && (latest === null || clock.stoppedOn > latest)) latest = clock.stoppedOn;
	return latest;
}

function notBefore(date: string, floor: string | null): string {
	return floor !== null && floor > date ? floor : date;
}

/**
 * Acceptance (re)starts the clock from nothing: waiting on a correction before acceptance is
 * not the authority's time (行政许可法 §32, the application counts from the complete file),
 * so pauses recorded before acceptance are dropped here; the correction rounds keep them.
 */
export function startClock(clock: CaseClock, limitDays: number, on: string): CaseClock {
	return { startedOn: notBefore(on, latestDate(clock)), limitDays, pauses: [], stoppedOn: null };
}

/** A pause starting the day the previous one ended reopens it, so pauses never share a date. */
export function pauseClock(clock: CaseClock, on: string): CaseClock {
	const day = notBefore(on, latestDate(clock));
	const last = clock.pauses.at(-1);
	if (last !== undefined && last.to === day) {
		return { ...clock, pauses: [...clock.pauses.slice(0, -1), { from: last.from, to: null }] };
	}
	return { ...clock, pauses: [...clock.pauses, { from: day, to: null }] };
}

export function resumeClock(clock: CaseClock, on: string): CaseClock {
	const last = clock.pauses.at(-1);
	if (last === undefined || last.to !== null) return clock;
	return { ...clock, pauses: [...clock.pauses.slice(0, -1), { from: last.from, to: notBefore(on, latestDate(clock)) }] };
}

/** A clock never started (the case never accepted) stays unstarted: there is no deadline to stop. */
export function stopClock(clock: CaseClock, on: string): CaseClock {
	if (clock.startedOn === null || clock.stoppedOn !== null) return clock;
	return { ...clock, stoppedOn: notBefore(on, latestDate(clock)) };
}

export function isClockRunning(clock: CaseClock): boolean {
	return clock.startedOn !== null && clock.stoppedOn === null;
}

export function hasOpenPause(clock: CaseClock): boolean {
	return clock.pauses.some((p) => p.to === null);
}

/** Well-formed: pauses in order, each closed before the next starts, only the last open. */
export function clockIssues(clock: CaseClock): string[] {
	const issues: string[] = [];
	if (clock.startedOn === null && clock.stoppedOn !== null) issues.push('clock stopped without being started');
	clock.pauses.forEach((p, i) => {
		if (p.to === null && i !== clock.pauses.length - 1) issues.push(`pause ${i} is open but not the last`);
		if (p.to !== null && p.to < p.from) issues.push(`pause ${i} ends before it starts`);
		const prev = i > 0 ? clock.pauses[i - 1] : undefined;
		if (prev !== undefined && prev.to !== null && !(prev.to < p.from)) issues.push(`pause ${i} overlaps pause ${i - 1}`);
		if (clock.startedOn !== null && p.from < clock.startedOn) issues.push(`pause ${i} starts before the clock`);
	});
	if (clock.stoppedOn !== null) {
		if (clock.startedOn !== null && clock.stoppedOn < clock.startedOn) issues.push('clock stopped before it started');
		if (hasOpenPause(clock)) issues.push('clock stopped with a pause still open');
		const lastTo = clock.pauses.at(-1)?.to;
		if (lastTo != null && clock.stoppedOn < lastTo) issues.push('clock stopped before its last pause ended');
	}
	return issues;
}

// ---------------------------------------------------------------------------------------------
// Branches

/** The step waiting for a decision: the first undecided one, or -1 once the branch is decided. */
export function currentStepIndex(branch: ReviewBranch): number {
	if (branch.status !== 'in_review') return -1;
	return branch.steps.findIndex((s) => s.decision === null);
}

export function currentStep(branch: ReviewBranch): BranchStep | undefined {
	const i = currentStepIndex(branch);
	return i < 0 ? undefined : branch.steps[i];
}

/** The step a `return_step` reopens: the nearest earlier step a person approved (skipped steps stay skipped). */
export function previousApprovedIndex(branch: ReviewBranch, index: number): number {
	for (let i = index - 1; i >= 0; i--) if (branch.steps[i]?.decision?.outcome === 'approved') return i;
	return -1;
}

/** What the steps say the branch status must be. */
export function branchStatusOf(steps: readonly BranchStep[]): ReviewBranch['status'] {
	if (steps.some((s) => s.decision?.outcome === 'refused')) return 'refused';
	const last = steps.at(-1);
	return last?.decision?.outcome === 'approved' ? 'approved' : 'in_review';
}

/** Approved items with a certificate result still waiting for the certificate window (一窗出证). */
export function itemsAwaitingCertificate(state: WorkflowState): string[] {
	return state.branches
		.filter((b) => b.status === 'approved' && b.result === 'certificate')
		.map((b) => b.itemCode)
		.filter((code) => !state.certificates.some((c) => c.itemCode === code));
}

/**
 * Whether an approved case has paper to hand over: a certificate, a decision notice, or (in a
 * partially approved bundle) the refusal decision of a refused item. Items whose result is
 * `none` (e.g. a subsidy paid into an account) have nothing to deliver.
 */
export function hasDeliverable(state: WorkflowState): boolean {
	return state.branches.some((b) => b.status === 'refused' || b.result !== 'none');
}

// ---------------------------------------------------------------------------------------------
// Invariants: checked by the schema, so a state that parses is one the lifecycle can reach.

const BEFORE_ACCEPTANCE: readonly CaseStatus[] = ['draft', 'submitted', 'received', 'not_accepted'];
const UNDECIDED: readonly CaseStatus[] = [
	'draft',
	'submitted',
	'received',
	'correction_requested',
	'not_accepted',
	'accepted',
	'under_review',
	'withdrawn'
];
export const DELIVERY_STATUSES: readonly CaseStatus[] = ['out_for_delivery', 'ready_for_pickup', 'mailed', 'delivered'];
/** Statuses in which the applicant may rate (好差评): any outcome that reached the applicant. */
export const RATEABLE_STATUSES: readonly CaseStatus[] = ['delivered', 'completed', 'refused', 'not_accepted'];

export function workflowIssues(state: WorkflowState): string[] {
	const issues = clockIssues(state.clock);
	const { status, clock, branches } = state;
	const correcting = status === 'correction_requested';

	if (hasOpenPause(clock) !== correcting) issues.push(`open clock pause must match status correction_requested (status ${status})`);
	const openRounds = state.corrections.filter((r) => r.closedAt === null);
	if (openRounds.length !== (correcting ? 1 : 0) || (openRounds.length === 1 && state.corrections.at(-1)?.closedAt !== null)) {
		issues.push(`an open correction round must be the last one, and only while correction_requested (status ${status})`);
	}

	const started = clock.startedOn !== null;
	if (started !== branches.length > 0) issues.push('review branches exist exactly from acceptance on');
	if (started && branches.map((b) => b.itemCode).join() !== state.itemCodes.join()) {
		issues.push('one review branch per item code, in order');
	}
	if (BEFORE_ACCEPTANCE.includes(status) && started) issues.push(`clock started in status ${status}`);
	if (!BEFORE_ACCEPTANCE.includes(status) && !['correction_requested', 'withdrawn'].includes(status) && !started) {
		issues.push(`clock not started in status ${status}`);
	}

	for (const b of branches) {
		const firstOpen = b.steps.findIndex((s) => s.decision === null);
		const decided = firstOpen < 0 ? b.steps : b.steps.slice(0, firstOpen);
		if (firstOpen >= 0 && b.steps.slice(firstOpen).some((s) => s.decision !== null)) {
			issues.push(`branch ${b.itemCode}: steps must be decided in order`);
		}
		const refusedAt = decided.findIndex((s) => s.decision?.outcome === 'refused');
		if (refusedAt >= 0 && refusedAt !== decided.length - 1) issues.push(`branch ${b.itemCode}: steps decided after a refusal`);
		if (decided.some((s) => s.decision?.outcome === 'skipped' && !s.skippable)) {
			issues.push(`branch ${b.itemCode}: a step that is not skippable was skipped`);
		}
		if (b.steps.at(-1)?.decision?.outcome === 'skipped') issues.push(`branch ${b.itemCode}: the last step was skipped`);
		if (branchStatusOf(b.steps) !== b.status) issues.push(`branch ${b.itemCode}: status ${b.status} does not match its steps`);
	}

	const allDecided = branches.length > 0 && branches.every((b) => b.status !== 'in_review');
	if (UNDECIDED.includes(status)) {
		if (state.decision !== null) issues.push(`decision recorded in status ${status}`);
	} else if (status === 'refused') {
		if (state.decision?.outcome !== 'refused' || !branches.every((b) => b.status === 'refused')) {
			issues.push('refused needs every branch refused');
		}
	} else if (state.decision?.outcome !== 'approved' || !allDecided || !branches.some((b) => b.status === 'approved')) {
		issues.push(`${status} needs every branch decided and at least one approved`);
	}
	if (['accepted', 'under_review'].includes(status) && allDecided) issues.push(`every branch decided but status ${status}`);

	const certified = new Set(state.certificates.map((c) => c.itemCode));
	if (certified.size !== state.certificates.length) issues.push('two certificates for one item');
	if (new Set(state.certificates.map((c) => c.number)).size !== state.certificates.length) issues.push('certificate number used twice');
	for (const c of state.certificates) {
		const b = branches.find((x) => x.itemCode === c.itemCode);
		if (b?.status !== 'approved' || b.result !== 'certificate') issues.push(`certificate for ${c.itemCode}, which awaits none`);
	}
	const pastCertificates = ['certificate_issued', ...DELIVERY_STATUSES, 'completed'].includes(status);
	if (pastCertificates && itemsAwaitingCertificate(state).length > 0) issues.push(`status ${status} with certificates not yet issued`);
	if (status === 'certificate_issued' && state.certificates.length === 0) issues.push('certificate_issued without a certificate');

	const resultReady = status === 'refused' || pastCertificates || (status === 'approved' && itemsAwaitingCertificate(state).length === 0);
	const stopped = clock.stoppedOn !== null;
	if (resultReady && !stopped) issues.push(`clock still running in status ${status}`);
	if (!resultReady && status !== 'withdrawn' && stopped) issues.push(`clock stopped in status ${status}`);
	if (status === 'withdrawn' && started && !stopped) issues.push('clock still running on a withdrawn case');

	const d = state.delivery;
	const assignment = d.assignments.at(-1);
	if (status === 'out_for_delivery' && (d.channel !== 'grid_delivery' || assignment === undefined)) {
		issues.push('out_for_delivery needs a grid worker assigned');
	}
	if (status === 'out_for_delivery' && (assignment?.failedAttempts.length ?? 0) >= MAX_DELIVERY_ATTEMPTS) {
		issues.push(`out_for_delivery after ${MAX_DELIVERY_ATTEMPTS} failed attempts`);
	}
	if (status === 'ready_for_pickup' && d.channel !== 'station_pickup' && d.channel !== 'township_window') {
		issues.push('ready_for_pickup needs a pickup place');
	}
	if (status === 'mailed' && (d.channel !== 'mail' || d.trackingNumber === null)) issues.push('mailed needs a tracking number');
	if ((d.channel === 'mail') !== (d.trackingNumber !== null)) issues.push('a tracking number belongs to the mail channel only');
	if ((status === 'delivered' || (status === 'completed' && hasDeliverable(state))) !== (d.delivered !== null)) {
		issues.push(`delivery record does not match status ${status}`);
	}
	if (d.returnedToStation && status !== 'ready_for_pickup') issues.push('returned to the station but not ready for pickup');

	if (state.rating !== null && !RATEABLE_STATUSES.includes(status)) issues.push(`rated in status ${status}`);
	if ((status === 'not_accepted') !== (state.notAccepted !== null)) issues.push('not-acceptance record does not match status');
	if ((status === 'withdrawn') !== (state.withdrawal !== null)) issues.push('withdrawal record does not match status');
	return issues;
}

/**
 * The parts of a workflow that only later events fill in: a new case has none of them yet.
 * Shared by `createWorkflow` and the device's partial copy of a pulled case.
 */
export function noOutcomesYet(): Pick<
	WorkflowState,
	'notAccepted' | 'decision' | 'certificates' | 'delivery' | 'rating' | 'fastTrack' | 'withdrawal'
> {
	return {
		notAccepted: null,
		decision: null,
		certificates: [],
		delivery: { channel: null, assignments: [], trackingNumber: null, returnedToStation: false, delivered: null },
		rating: null,
		fastTrack: null,
		withdrawal: null
	};
}
