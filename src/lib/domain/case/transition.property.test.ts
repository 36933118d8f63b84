import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASE_EVENT_TYPES, ratingLevelSchema, type CaseEventInput, type CaseEventType } from './events';
import { availableEvents, EVENT_SOURCES, type Actor } from './guards';
import { ACTORS, at, BUNDLE, CERT_ITEM, CONTEXT, DECISION_ITEM, MATERIAL, newCase, NONE_ITEM, PROOF } from './lifecycle.fixtures';
import { caseStatusSchema, type CaseStatus } from './status';
import { effectSchema, transition, transitionRecordSchema } from './transition';
import { currentStep, workflowStateSchema, type WorkflowState } from './workflow';

/**
 * Random lives of a case. A generated step is a handful of numbers interpreted against the
 * current state, so most steps are plausible (an event the status admits, an actor who may
 * fire it) while some are anything at all; fast-check can still shrink the numbers.
 */

const ACTOR_POOL: readonly Actor[] = Object.values(ACTORS);
const CASES: readonly (() => WorkflowState)[] = [
	() => newCase([CERT_ITEM.code]),
	() => newCase([DECISION_ITEM.code]),
	() => newCase([NONE_ITEM.code]),
	() => newCase([CERT_ITEM.code, DECISION_ITEM.code, NONE_ITEM.code], BUNDLE.code),
	() => newCase([CERT_ITEM.code, DECISION_ITEM.code])
];

const stepArb = fc.record({
	plausible: fc.integer({ min: 0, max: 9 }).map((n) => n < 8),
	typePick: fc.nat(),
	actorPick: fc.nat(),
	itemPick: fc.nat(),
	stepPick: fc.nat(),
	other: fc.nat(),
	hours: fc.integer({ min: 0, max: 60 }),
	/** A device clock running behind: the time given goes back a little. */
	skew: fc.oneof({ weight: 9, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 72 }) })
});
type StepSeed = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

const pick = <T>(xs: readonly T[], n: number): T => {
	const x = xs[n % xs.length];
	if (x === undefined) throw new Error('pick from an empty list');
	return x;
};

function eventFor(type: CaseEventType, state: WorkflowState, seed: StepSeed): CaseEventInput {
	const itemCodes = [...state.itemCodes, 'BOGUS'];
	const itemCode = seed.plausible ? pick(state.itemCodes, seed.itemPick) : pick(itemCodes, seed.itemPick);
	const branch = state.branches.find((b) => b.itemCode === itemCode);
	const current = branch === undefined ? undefined : currentStep(branch);
	const anyStep = branch === undefined ? 'first' : pick(branch.steps, seed.stepPick).id;
	const stepId = seed.plausible && current !== undefined && seed.stepPick % 4 !== 0 ? current.id : anyStep;
	const problem = { itemCode, problem: '材料不全' };
	switch (type) {
		case 'submit':
		case 'receive':
		case 'start_review':
			return { type };
		case 'accept':
			return { type, lowRiskItemCodes: seed.other % 2 === 0 ? [] : [itemCode] };
		case 'request_correction':
			return { type, deficiencies: seed.other % 3 === 0 ? [problem, { ...problem, materialId: 'photo' }] : [problem] };
		case 'resubmit':
			return { type, materials: [{ ...MATERIAL, itemCode }] };
		case 'not_accept':
			return { type, reason: '不符合受理条件' };
		case 'approve_step':
			return { type, itemCode, stepId };
		case 'refuse_step':
			return { type, itemCode, stepId, reason: '不符合条件', legalBasis: '第八条' };
		case 'return_step':
			return { type, itemCode, stepId, reason: '退回重审' };
		case 'set_fast_track':
			return { type, fastTrack: seed.other % 2 === 0, reason: '急' };
		case 'issue_certificate':
			return seed.other % 3 === 0 ? { type, number: `N-${seed.other}` } : { type, itemCode, number: `N-${seed.other % 5}` };
		case 'assign_delivery':
			return { type, gridWorkerId: pick(['grid-1', 'grid-2'], seed.other) };
		case 'ready_for_pickup':
			return { type, place: pick(['station_pickup', 'township_window'] as const, seed.other) };
		case 'mail':
			return { type, trackingNumber: `EMS${seed.other}` };
		case 'record_delivery':
			return { type, recipient: { name: '张三', relation: 'applicant' }, proofRefs: [PROOF] };
		case 'record_failed_attempt':
			return { type, reason: '家中无人' };
		case 'complete':
			return { type };
		case 'rate':
			return { type, level: pick(ratingLevelSchema.options, seed.other) };
		case 'withdraw':
			return { type };
	}
}

/** Events that end a life early are drawn less often, so plausible lives get far enough. */
const ENDINGS: readonly CaseEventType[] = ['withdraw', 'not_accept', 'refuse_step', 'request_correction'];

function choose(state: WorkflowState, seed: StepSeed): { event: CaseEventInput; actor: Actor } {
	const admitted = CASE_EVENT_TYPES.filter((t) => EVENT_SOURCES[t].includes(state.status)).flatMap((t) =>
		ENDINGS.includes(t) ? [t] : [t, t, t, t]
	);
	const type = pick(seed.plausible && admitted.length > 0 ? admitted : CASE_EVENT_TYPES, seed.typePick);
	const able = ACTOR_POOL.filter((a) => availableEvents(state, a).includes(type));
	const actor = pick(seed.plausible && able.length > 0 ? able : ACTOR_POOL, seed.actorPick);
	return { event: eventFor(type, state, seed), actor };
}

function deepFreeze<T>(value: T): T {
	if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const v of Object.values(value)) deepFreeze(v);
	}
	return value;
}

interface Visit {
	readonly statuses: Set<CaseStatus>;
}

/** Runs one random life, checking every step; returns the statuses it went through. */
function live(caseIndex: number, seeds: readonly StepSeed[], visit?: Visit): void {
	let state = deepFreeze(pick(CASES, caseIndex)());
	let hours = 0;
	for (const seed of seeds) {
		hours += seed.hours;
		const { event, actor } = choose(state, seed);
		const snapshot = structuredClone(state);
		const result = transition(state, event, actor, at(hours - seed.skew), CONTEXT);
		if (!result.ok) {
			expect(['ILLEGAL_TRANSITION', 'FORBIDDEN', 'VALIDATION']).toContain(result.error.code);
			expect(result.error.message).toContain(state.status);
			expect(state).toEqual(snapshot);
			continue;
		}
		expect(caseStatusSchema.safeParse(result.state.status).success).toBe(true);
		const parsed = workflowStateSchema.safeParse(result.state);
		if (!parsed.success) throw new Error(`${state.status} --${event.type}--> ${result.state.status}: ${parsed.error.message}`);
		expect(transitionRecordSchema.safeParse(result.record).success).toBe(true);
		expect(result.record).toMatchObject({ from: state.status, to: result.state.status, by: actor.userId });
		for (const effect of result.effects) expect(effectSchema.safeParse(effect).success).toBe(true);
		checkClock(result.state);
		state = deepFreeze(result.state);
		visit?.statuses.add(state.status);
	}
}

/** Stated separately from the schema so the property reads as the promise it checks. */
function checkClock(state: WorkflowState): void {
	const { pauses } = state.clock;
	const open = pauses.filter((p) => p.to === null);
	expect(open.length).toBeLessThanOrEqual(1);
	expect(open.length === 1).toBe(state.status === 'correction_requested');
	if (open.length === 1) expect(pauses.at(-1)?.to).toBeNull();
	pauses.forEach((p, i) => {
		if (p.to !== null) expect(p.from <= p.to).toBe(true);
		const prev = pauses[i - 1];
		if (prev !== undefined) expect(prev.to !== null && prev.to < p.from).toBe(true);
	});
}

const lifeArb = fc.tuple(fc.nat(), fc.array(stepArb, { maxLength: 60, size: 'max' }));

// A few seconds on a quiet machine; the limit leaves room for a loaded CI runner.
const PROPERTY_TIMEOUT_MS = 60_000;

describe('transition: random lives of a case', () => {
	it('never leave the status enum or the workflow schema; refusals change nothing; the clock stays well-formed', () => {
		fc.assert(
			fc.property(lifeArb, ([caseIndex, seeds]) => live(caseIndex, seeds)),
			{ numRuns: 300 }
		);
	}, PROPERTY_TIMEOUT_MS);

	it('reach every status (the generator explores the whole lifecycle)', () => {
		const visit: Visit = { statuses: new Set() };
		for (const [caseIndex, seeds] of fc.sample(lifeArb, { numRuns: 400, seed: 20250303 })) live(caseIndex, seeds, visit);
		expect([...visit.statuses].sort()).toEqual(caseStatusSchema.options.filter((s) => s !== 'draft').sort());
	}, PROPERTY_TIMEOUT_MS);
});
