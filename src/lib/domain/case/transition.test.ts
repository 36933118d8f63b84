import { describe, expect, it } from 'vitest';
import { CASE_EVENT_TYPES, type CaseEventInput, type CaseEventType } from './events';
import { EVENT_SOURCES, type Actor } from './guards';
import {
	ACTORS as A,
	BUNDLE,
	caseIn,
	CERT_ITEM,
	CONTEXT,
	DECISION_ITEM,
	day,
	drive,
	MATERIAL,
	newCase,
	NONE_ITEM,
	PATHS,
	PROOF,
	SAMPLE_EVENTS,
	type Step
} from './lifecycle.fixtures';
import { caseStatusSchema, type CaseStatus } from './status';
import { createWorkflow, transition, transitionRecordSchema, type Effect, type TransitionResult } from './transition';
import { workflowStateSchema, type WorkflowState } from './workflow';

function ok(result: TransitionResult) {
	if (!result.ok) throw new Error(result.error.message);
	return result;
}
const NOW = day(30);
const fire = (state: WorkflowState, event: CaseEventInput, actor: Actor, now = NOW) => transition(state, event, actor, now, CONTEXT);

/** A decision-only case (低保), approved and waiting for its notice to be delivered. */
function decisionApproved(): WorkflowState {
	return drive(newCase([DECISION_ITEM.code]), [
		...PATHS.under_review,
		[{ type: 'approve_step', itemCode: DECISION_ITEM.code, stepId: 'first' }, A.approverMZ],
		[{ type: 'approve_step', itemCode: DECISION_ITEM.code, stepId: 'check' }, A.approverMZ],
		[{ type: 'approve_step', itemCode: DECISION_ITEM.code, stepId: 'final' }, A.approverMZ]
	]);
}
/** A subsidy case (result: none), approved: nothing to deliver. */
function noneApproved(): WorkflowState {
	return drive(newCase([NONE_ITEM.code]), [
		...PATHS.under_review,
		[{ type: 'approve_step', itemCode: NONE_ITEM.code, stepId: 'final' }, A.approverNY]
	]);
}
function preAcceptanceCorrection(): WorkflowState {
	return drive(newCase(), [
		...PATHS.received,
		[{ type: 'request_correction', deficiencies: [{ itemCode: CERT_ITEM.code, problem: '缺身份证复印件' }] }, A.intake]
	]);
}

interface Row {
	readonly from: CaseStatus;
	readonly state?: () => WorkflowState;
	readonly event: CaseEventInput;
	readonly actor: Actor;
	readonly to: CaseStatus;
	readonly effects?: readonly Effect[];
}

const cert = CERT_ITEM.code;
const deliver: CaseEventInput = { type: 'record_delivery', recipient: { name: '张三', relation: 'applicant' }, proofRefs: [PROOF] };
const D = (document: Extract<Effect, { kind: 'document' }>['document'], itemCode: string | null = null): Effect => ({
	kind: 'document',
	document,
	itemCode
});

const LEGAL: readonly Row[] = [
	{ from: 'draft', event: { type: 'submit' }, actor: A.agent, to: 'submitted', effects: [D('receipt_notice')] },
	{ from: 'submitted', event: { type: 'receive' }, actor: A.agent, to: 'received', effects: [] },
	{ from: 'submitted', event: { type: 'withdraw' }, actor: A.agent, to: 'withdrawn', effects: [] },
	{
		from: 'received',
		event: { type: 'accept' },
		actor: A.intake,
		to: 'accepted',
		effects: [{ kind: 'clock', action: 'start', on: '2025-04-02' }, D('acceptance_notice')]
	},
	{
		from: 'received',
		event: { type: 'request_correction', deficiencies: [{ itemCode: cert, problem: '缺照片' }] },
		actor: A.intake,
		to: 'correction_requested',
		effects: [D('correction_notice')] // before acceptance there is no running clock to pause
	},
	{ from: 'received', event: { type: 'not_accept', reason: '不属于受理范围' }, actor: A.intake, to: 'not_accepted', effects: [D('not_accepted_notice')] },
	{ from: 'received', event: { type: 'withdraw' }, actor: A.agent, to: 'withdrawn', effects: [] },
	{ from: 'received', event: { type: 'set_fast_track', fastTrack: true, reason: '重病' }, actor: A.supervisor, to: 'received', effects: [] },
	{
		from: 'accepted',
		event: { type: 'request_correction', deficiencies: [{ itemCode: cert, materialId: 'photo', problem: '照片模糊' }] },
		actor: A.intake,
		to: 'correction_requested',
		effects: [{ kind: 'clock', action: 'pause', on: '2025-04-02' }, D('correction_notice')]
	},
	{ from: 'accepted', event: { type: 'start_review' }, actor: A.intake, to: 'under_review', effects: [] },
	{ from: 'accepted', event: { type: 'start_review' }, actor: A.approverCL, to: 'under_review', effects: [] },
	{ from: 'accepted', event: { type: 'withdraw' }, actor: A.agent, to: 'withdrawn', effects: [{ kind: 'clock', action: 'stop', on: '2025-04-02' }] },
	{ from: 'accepted', event: { type: 'set_fast_track', fastTrack: true, reason: '重病' }, actor: A.supervisor, to: 'accepted' },
	{
		from: 'correction_requested',
		event: { type: 'resubmit', materials: [MATERIAL] },
		actor: A.agent,
		to: 'accepted',
		effects: [{ kind: 'clock', action: 'resume', on: '2025-04-02' }]
	},
	{
		from: 'correction_requested',
		state: preAcceptanceCorrection,
		event: { type: 'not_accept', reason: '逾期未补正' },
		actor: A.intake,
		to: 'not_accepted',
		effects: [D('not_accepted_notice')]
	},
	{
		from: 'correction_requested',
		event: { type: 'withdraw', reason: '不办了' },
		actor: A.agent,
		to: 'withdrawn',
		effects: [
			{ kind: 'clock', action: 'resume', on: '2025-04-02' },
			{ kind: 'clock', action: 'stop', on: '2025-04-02' }
		]
	},
	{ from: 'correction_requested', event: { type: 'set_fast_track', fastTrack: true, reason: '重病' }, actor: A.supervisor, to: 'correction_requested' },
	{ from: 'under_review', event: { type: 'approve_step', itemCode: cert, stepId: 'first' }, actor: A.approverCL, to: 'under_review', effects: [] },
	{
		from: 'under_review',
		state: () => drive(caseIn('under_review'), [[{ type: 'approve_step', itemCode: cert, stepId: 'first' }, A.approverCL]], 10),
		event: { type: 'approve_step', itemCode: cert, stepId: 'final' },
		actor: A.approverCL,
		to: 'approved',
		effects: [D('approval_decision', cert)] // the clock runs on until the certificate exists
	},
	{
		from: 'under_review',
		event: { type: 'refuse_step', itemCode: cert, stepId: 'first', reason: '不符合', legalBasis: '第八条' },
		actor: A.approverCL,
		to: 'refused',
		effects: [{ kind: 'clock', action: 'stop', on: '2025-04-02' }, D('refusal_decision', cert)]
	},
	{
		from: 'under_review',
		state: () => drive(caseIn('under_review'), [[{ type: 'approve_step', itemCode: cert, stepId: 'first' }, A.approverCL]], 10),
		event: { type: 'return_step', itemCode: cert, stepId: 'final', reason: '初审意见不全' },
		actor: A.approverCL,
		to: 'under_review',
		effects: []
	},
	{
		from: 'under_review',
		event: { type: 'request_correction', deficiencies: [{ itemCode: cert, problem: '需补医院诊断' }] },
		actor: A.intake,
		to: 'correction_requested'
	},
	{ from: 'under_review', event: { type: 'withdraw' }, actor: A.agent, to: 'withdrawn' },
	{ from: 'under_review', event: { type: 'set_fast_track', fastTrack: true, reason: '重病' }, actor: A.supervisor, to: 'under_review' },
	{
		from: 'approved',
		event: { type: 'issue_certificate', number: 'CL-1' },
		actor: A.issuer,
		to: 'certificate_issued',
		effects: [{ kind: 'clock', action: 'stop', on: '2025-04-02' }, D('certificate', cert)]
	},
	{ from: 'approved', event: { type: 'set_fast_track', fastTrack: false, reason: '已不急' }, actor: A.supervisor, to: 'approved' },
	{ from: 'approved', state: decisionApproved, event: { type: 'assign_delivery', gridWorkerId: 'grid-1' }, actor: A.issuer, to: 'out_for_delivery' },
	{ from: 'approved', state: decisionApproved, event: { type: 'ready_for_pickup', place: 'station_pickup' }, actor: A.issuer, to: 'ready_for_pickup' },
	{ from: 'approved', state: decisionApproved, event: { type: 'mail', trackingNumber: 'EMS1' }, actor: A.issuer, to: 'mailed' },
	{ from: 'approved', state: noneApproved, event: { type: 'complete' }, actor: A.issuer, to: 'completed', effects: [] },
	{ from: 'certificate_issued', event: { type: 'set_fast_track', fastTrack: true, reason: '急用' }, actor: A.supervisor, to: 'certificate_issued' },
	{
		from: 'certificate_issued',
		event: { type: 'assign_delivery', gridWorkerId: 'grid-1' },
		actor: A.issuer,
		to: 'out_for_delivery',
		effects: [{ kind: 'notify', audience: 'grid_worker', reason: 'delivery_assigned', userId: 'grid-1' }]
	},
	{ from: 'certificate_issued', event: { type: 'ready_for_pickup', place: 'township_window' }, actor: A.issuer, to: 'ready_for_pickup' },
	{ from: 'certificate_issued', event: { type: 'mail', trackingNumber: 'EMS2' }, actor: A.issuer, to: 'mailed' },
	{ from: 'out_for_delivery', event: deliver, actor: A.grid1, to: 'delivered', effects: [D('delivery_receipt')] },
	{ from: 'out_for_delivery', event: { type: 'record_failed_attempt', reason: '家中无人' }, actor: A.grid1, to: 'out_for_delivery', effects: [] },
	{ from: 'out_for_delivery', event: { type: 'assign_delivery', gridWorkerId: 'grid-2' }, actor: A.issuer, to: 'out_for_delivery' },
	{ from: 'out_for_delivery', event: { type: 'ready_for_pickup', place: 'station_pickup' }, actor: A.issuer, to: 'ready_for_pickup' },
	{ from: 'out_for_delivery', event: { type: 'mail', trackingNumber: 'EMS3' }, actor: A.issuer, to: 'mailed' },
	{ from: 'ready_for_pickup', event: deliver, actor: A.agent, to: 'delivered' },
	{ from: 'ready_for_pickup', event: { type: 'assign_delivery', gridWorkerId: 'grid-1' }, actor: A.issuer, to: 'out_for_delivery' },
	{ from: 'ready_for_pickup', event: { type: 'ready_for_pickup', place: 'township_window' }, actor: A.issuer, to: 'ready_for_pickup' },
	{ from: 'ready_for_pickup', event: { type: 'mail', trackingNumber: 'EMS4' }, actor: A.issuer, to: 'mailed' },
	{ from: 'mailed', event: deliver, actor: A.issuer, to: 'delivered' },
	{ from: 'mailed', event: { type: 'assign_delivery', gridWorkerId: 'grid-1' }, actor: A.issuer, to: 'out_for_delivery' },
	{ from: 'mailed', event: { type: 'ready_for_pickup', place: 'township_window' }, actor: A.issuer, to: 'ready_for_pickup' },
	{ from: 'delivered', event: { type: 'complete' }, actor: A.issuer, to: 'completed' },
	{ from: 'delivered', event: { type: 'rate', level: 'very_satisfied' }, actor: A.agent, to: 'delivered', effects: [] },
	{ from: 'completed', event: { type: 'rate', level: 'basically_satisfied' }, actor: A.grid1, to: 'completed' },
	{ from: 'refused', event: { type: 'rate', level: 'dissatisfied' }, actor: A.agent, to: 'refused' },
	{ from: 'not_accepted', event: { type: 'rate', level: 'satisfied' }, actor: A.agent, to: 'not_accepted' }
];

describe('transition: every legal transition', () => {
	it.each(LEGAL.map((r) => [`${r.from} --${r.event.type}--> ${r.to}`, r] as const))('%s', (_, row) => {
		const before = row.state?.() ?? caseIn(row.from);
		expect(before.status).toBe(row.from);
		const r = ok(fire(before, row.event, row.actor));
		expect(r.state.status).toBe(row.to);
		if (row.effects !== undefined) expect(r.effects).toEqual(row.effects);
		expect(workflowStateSchema.safeParse(r.state).error?.issues ?? []).toEqual([]);
		expect(transitionRecordSchema.parse(r.record)).toMatchObject({
			caseId: before.caseId,
			by: row.actor.userId,
			deviceId: row.actor.deviceId ?? null,
			at: NOW,
			from: row.from,
			to: row.to
		});
	});

	it('covers every (status, event) pair the guard table allows', () => {
		const tested = new Set(LEGAL.map((r) => `${r.from}/${r.event.type}`));
		const allowed = (Object.entries(EVENT_SOURCES) as [CaseEventType, readonly CaseStatus[]][]).flatMap(([type, froms]) =>
			froms.map((f) => `${f}/${type}`)
		);
		expect(allowed.filter((pair) => !tested.has(pair))).toEqual([]);
	});
});

describe('transition: illegal events in every state', () => {
	const rows = caseStatusSchema.options.flatMap((status) =>
		CASE_EVENT_TYPES.filter((type) => !EVENT_SOURCES[type].includes(status)).map((type) => [status, type] as const)
	);
	it.each(rows)('%s refuses %s', (status, type) => {
		const before = caseIn(status);
		const event = SAMPLE_EVENTS.find((e) => e.type === type);
		if (event === undefined) throw new Error(`no sample event ${type}`);
		const r = fire(before, event, A.all);
		expect(r).toEqual({
			ok: false,
			error: { code: 'ILLEGAL_TRANSITION', message: expect.stringContaining(`cannot ${type} a case in state ${status}`) }
		});
	});

	it('names the state and the event', () => {
		const r = fire(caseIn('received'), { type: 'approve_step', itemCode: cert, stepId: 'first' }, A.approverCL);
		expect(r.ok || r.error.message).toBe('cannot approve_step a case in state received');
	});

	it('rejects a malformed event or time as VALIDATION', () => {
		const s = caseIn('received');
		const noReason = fire(s, { type: 'not_accept', reason: '  ' }, A.intake);
		expect(noReason.ok || noReason.error.code).toBe('VALIDATION');
		expect(noReason.ok || noReason.error.message).toMatch(/^invalid not_accept for a case in state received/);
		const empty = fire(s, { type: 'request_correction', deficiencies: [] }, A.intake);
		expect(empty.ok || empty.error.code).toBe('VALIDATION');
		const badTime = transition(s, { type: 'accept' }, A.intake, '2025-03-03');
		expect(badTime.ok || badTime.error.code).toBe('VALIDATION');
	});

	it('leaves the state untouched and mutates nothing', () => {
		const s = caseIn('under_review');
		const copy = structuredClone(s);
		fire(s, { type: 'approve_step', itemCode: cert, stepId: 'first' }, A.approverCL);
		fire(s, { type: 'approve_step', itemCode: cert, stepId: 'first' }, A.approverMZ);
		expect(s).toEqual(copy);
	});
});

describe('createWorkflow and acceptance', () => {
	it('copies the promised limit: the item, a bundle, or the slowest of unbundled items', () => {
		expect(newCase([CERT_ITEM.code]).clock.limitDays).toBe(7);
		expect(newCase([CERT_ITEM.code, DECISION_ITEM.code]).clock.limitDays).toBe(10);
		expect(newCase([CERT_ITEM.code, DECISION_ITEM.code], BUNDLE.code).clock.limitDays).toBe(5);
		const accepted = drive(newCase([CERT_ITEM.code, DECISION_ITEM.code], BUNDLE.code), PATHS.accepted);
		expect(accepted.clock).toEqual({ startedOn: '2025-03-05', limitDays: 5, pauses: [], stoppedOn: null });
	});

	it('refuses items or bundles missing from the catalog it is given', () => {
		const unknown = createWorkflow({ id: newCase().caseId, villageCode: '330106001001', itemCodes: ['NOPE'] }, CONTEXT);
		expect(unknown.ok || unknown.error).toEqual({ code: 'VALIDATION', message: 'invalid case for a case in state draft: item NOPE is not in the catalog given' });
		const received = caseIn('received');
		const noCatalog = transition(received, { type: 'accept' }, A.intake, NOW);
		expect(noCatalog.ok || noCatalog.error.message).toMatch(/item DISABILITY-CERT is not in the catalog given/);
	});

	it('copies the approval chains in, so later catalog edits do not touch the case', () => {
		const s = caseIn('accepted');
		expect(s.branches).toHaveLength(1);
		expect(s.branches[0]).toMatchObject({ itemCode: cert, departmentCode: 'CL', result: 'certificate', status: 'in_review', lowRisk: false });
		expect(s.branches[0]?.steps.map((x) => [x.id, x.decision])).toEqual([
			['first', null],
			['final', null]
		]);
	});

	it('skips the skippable steps of a low-risk item, never the last one', () => {
		const s = drive(newCase([DECISION_ITEM.code, NONE_ITEM.code], BUNDLE.code), [
			...PATHS.received,
			[{ type: 'accept', lowRiskItemCodes: [DECISION_ITEM.code, NONE_ITEM.code] }, A.intake]
		]);
		const [low, none] = s.branches;
		expect(low?.steps.map((x) => x.decision?.outcome ?? null)).toEqual(['skipped', null, null]);
		expect(low?.steps[0]?.decision?.by).toBe('intake');
		// NONE_ITEM's only step is skippable but it is the last: someone must still sign.
		expect(none?.steps.map((x) => x.decision?.outcome ?? null)).toEqual([null]);
		const notMine = fire(caseIn('received'), { type: 'accept', lowRiskItemCodes: ['OTHER'] }, A.intake);
		expect(notMine.ok || notMine.error.code).toBe('VALIDATION');
	});
});

describe('correction (补正)', () => {
	const deficiencies = [
		{ itemCode: cert, materialId: 'photo', problem: '照片模糊' },
		{ itemCode: cert, materialId: 'id-card', problem: '身份证过期' },
		{ itemCode: cert, problem: '申请表未签字' }
	];

	it('lists every deficiency at once, pauses the clock, and resumes it on resubmission', () => {
		const accepted = drive(newCase(), PATHS.accepted); // accepted on day 2 (2025-03-05)
		const asked = ok(fire(accepted, { type: 'request_correction', deficiencies }, A.intake, day(4)));
		expect(asked.state.status).toBe('correction_requested');
		expect(asked.state.corrections.at(-1)?.deficiencies).toEqual(deficiencies);
		expect(asked.state.clock.pauses).toEqual([{ from: '2025-03-07', to: null }]);
		expect(asked.effects).toEqual([{ kind: 'clock', action: 'pause', on: '2025-03-07' }, D('correction_notice')]);
		expect(asked.record.note).toBe('照片模糊; 身份证过期; 申请表未签字');

		const back = ok(fire(asked.state, { type: 'resubmit', materials: [MATERIAL], note: '已重拍' }, A.agent, day(8)));
		expect(back.state.status).toBe('accepted');
		expect(back.state.clock.pauses).toEqual([{ from: '2025-03-07', to: '2025-03-11' }]);
		expect(back.effects).toEqual([{ kind: 'clock', action: 'resume', on: '2025-03-11' }]);
		// The list stays in the history, closed, with what was added.
		expect(back.state.corrections).toEqual([
			expect.objectContaining({ deficiencies, outcome: 'resubmitted', closedBy: 'agent', closedAt: day(8), addedMaterials: [expect.objectContaining(MATERIAL)] })
		]);
	});

	it('returns the case to where it was: under review resumes review with decisions kept', () => {
		const s = drive(caseIn('under_review'), [[{ type: 'approve_step', itemCode: cert, stepId: 'first' }, A.approverCL]], 10);
		const asked = ok(fire(s, { type: 'request_correction', deficiencies }, A.intake, day(11)));
		const blocked = fire(asked.state, { type: 'approve_step', itemCode: cert, stepId: 'final' }, A.approverCL, day(12));
		expect(blocked.ok || blocked.error.message).toBe('cannot approve_step a case in state correction_requested');
		const back = ok(fire(asked.state, { type: 'resubmit', materials: [MATERIAL] }, A.agent, day(12)));
		expect(back.state.status).toBe('under_review');
		expect(back.state.branches[0]?.steps[0]?.decision?.outcome).toBe('approved');
	});

	it('before acceptance records the wait but starts the clock fresh at acceptance', () => {
		const asked = preAcceptanceCorrection();
		expect(asked.clock.pauses).toHaveLength(1);
		expect(asked.clock.startedOn).toBeNull();
		const accepted = drive(asked, [
			[{ type: 'resubmit', materials: [MATERIAL] }, A.agent],
			[{ type: 'accept' }, A.intake]
		], 5);
		expect(accepted.clock).toEqual({ startedOn: '2025-03-09', limitDays: 7, pauses: [], stoppedOn: null });
		expect(accepted.corrections).toHaveLength(1);
	});

	it('a second request the day the first was answered reopens the pause instead of overlapping it', () => {
		const accepted = drive(newCase(), PATHS.accepted);
		const s = drive(accepted, [
			[{ type: 'request_correction', deficiencies }, A.intake, at0(4)],
			[{ type: 'resubmit', materials: [MATERIAL] }, A.agent, at0(6, 9)]
		]);
		const r = ok(fire(s, { type: 'request_correction', deficiencies: [{ itemCode: cert, problem: '新照片仍模糊' }] }, A.intake, at0(6, 15)));
		expect(r.state.clock.pauses).toEqual([{ from: '2025-03-07', to: null }]);
		expect(r.effects[0]).toEqual({ kind: 'clock', action: 'pause', on: '2025-03-09' });
		expect(r.state.corrections).toHaveLength(2);
	});

	it('rejects deficiencies naming items or materials the case does not have', () => {
		const s = caseIn('accepted');
		const item = fire(s, { type: 'request_correction', deficiencies: [{ itemCode: 'OTHER', problem: 'x' }] }, A.intake);
		expect(item.ok || item.error.code).toBe('VALIDATION');
		const material = fire(s, { type: 'request_correction', deficiencies: [{ itemCode: cert, materialId: 'dna', problem: 'x' }] }, A.intake);
		expect(material.ok || material.error.message).toMatch(/has no material dna/);
	});

	it('an accepted case cannot be not-accepted out of its correction', () => {
		const r = fire(caseIn('correction_requested'), { type: 'not_accept', reason: '逾期' }, A.intake);
		expect(r.ok || r.error.code).toBe('ILLEGAL_TRANSITION');
	});
});

/** An instant on day `d` at `h` o'clock CST. */
function at0(d: number, h = 10): string {
	return day(d).replace('T09:', `T${String(h).padStart(2, '0')}:`);
}

describe('bundle: parallel approval (并联审批)', () => {
	const bundle = () => drive(newCase([CERT_ITEM.code, DECISION_ITEM.code, NONE_ITEM.code], BUNDLE.code), PATHS.under_review);
	const mz = DECISION_ITEM.code;
	const ny = NONE_ITEM.code;

	it('runs one branch per item, each department in any order, and approves when all are approved', () => {
		const steps: Step[] = [
			[{ type: 'approve_step', itemCode: mz, stepId: 'first' }, A.approverMZ],
			[{ type: 'approve_step', itemCode: ny, stepId: 'final' }, A.approverNY],
			[{ type: 'approve_step', itemCode: cert, stepId: 'first' }, A.approverCL],
			[{ type: 'approve_step', itemCode: mz, stepId: 'check' }, A.approverMZ],
			[{ type: 'approve_step', itemCode: cert, stepId: 'final' }, A.approverCL]
		];
		const s = drive(bundle(), steps, 10);
		expect(s.status).toBe('under_review');
		expect(s.branches.map((b) => b.status)).toEqual(['approved', 'in_review', 'approved']);
		const last = ok(fire(s, { type: 'approve_step', itemCode: mz, stepId: 'final' }, A.approverMZ));
		expect(last.state.status).toBe('approved');
		expect(last.state.decision?.outcome).toBe('approved');
		expect(last.effects).toEqual([D('approval_decision', mz)]);
		// The certificate item still waits for the certificate window, so the clock runs on.
		expect(last.state.clock.stoppedOn).toBeNull();
		const issued = ok(fire(last.state, { type: 'issue_certificate', number: 'CL-7' }, A.issuer));
		expect(issued.state.status).toBe('certificate_issued');
		expect(issued.state.clock.stoppedOn).toBe('2025-04-02');
	});

	it('approves partially: a refused item does not void the others, and travels as a refusal decision', () => {
		const s = drive(bundle(), [
			[{ type: 'refuse_step', itemCode: mz, stepId: 'first', reason: '收入超标', legalBasis: '《社会救助暂行办法》第九条' }, A.approverMZ],
			[{ type: 'approve_step', itemCode: ny, stepId: 'final' }, A.approverNY],
			[{ type: 'approve_step', itemCode: cert, stepId: 'first' }, A.approverCL]
		], 10);
		expect(s.status).toBe('under_review');
		const done = ok(fire(s, { type: 'approve_step', itemCode: cert, stepId: 'final' }, A.approverCL));
		expect(done.state.status).toBe('approved');
		expect(done.state.branches.map((b) => [b.itemCode, b.status])).toEqual([
			[cert, 'approved'],
			[mz, 'refused'],
			[ny, 'approved']
		]);
		expect(done.state.branches[1]?.steps[0]?.decision).toMatchObject({ outcome: 'refused', legalBasis: '《社会救助暂行办法》第九条' });
	});

	it('is refused only when every branch is refused', () => {
		const refuse = (itemCode: string, stepId: string, who: Actor): Step => [
			{ type: 'refuse_step', itemCode, stepId, reason: '不符合', legalBasis: '第一条' },
			who
		];
		const s = drive(bundle(), [refuse(mz, 'first', A.approverMZ), refuse(ny, 'final', A.approverNY)], 10);
		expect(s.status).toBe('under_review');
		const r = ok(fire(s, { type: 'refuse_step', itemCode: cert, stepId: 'first', reason: '不符合', legalBasis: '第一条' }, A.approverCL));
		expect(r.state.status).toBe('refused');
		expect(r.effects).toEqual([{ kind: 'clock', action: 'stop', on: '2025-04-02' }, D('refusal_decision', cert)]);
	});

	it('a refused branch blocks nothing but its own later steps', () => {
		const s = drive(bundle(), [[{ type: 'refuse_step', itemCode: mz, stepId: 'first', reason: 'x', legalBasis: 'y' }, A.approverMZ]], 10);
		const later = fire(s, { type: 'approve_step', itemCode: mz, stepId: 'check' }, A.approverMZ);
		expect(later.ok || later.error).toEqual({
			code: 'ILLEGAL_TRANSITION',
			message: 'cannot approve_step a case in state under_review: item LOW-INCOME is already refused'
		});
		expect(fire(s, { type: 'approve_step', itemCode: cert, stepId: 'first' }, A.approverCL).ok).toBe(true);
	});

	it('return_step reopens the previous approved step, skipping skipped ones, and keeps the history', () => {
		const s = drive(newCase([DECISION_ITEM.code]), [
			...PATHS.received,
			[{ type: 'accept', lowRiskItemCodes: [mz] }, A.intake],
			[{ type: 'start_review' }, A.approverMZ],
			[{ type: 'approve_step', itemCode: mz, stepId: 'check' }, A.approverMZ]
		]);
		const r = ok(fire(s, { type: 'return_step', itemCode: mz, stepId: 'final', reason: '复核意见不全' }, A.approverMZ));
		const b = r.state.branches[0];
		expect(b?.steps.map((x) => x.decision?.outcome ?? null)).toEqual(['skipped', null, null]);
		expect(b?.returns).toEqual([{ fromStepId: 'final', toStepId: 'check', by: 'approver-mz', at: NOW, reason: '复核意见不全' }]);
		const noEarlier = fire(r.state, { type: 'return_step', itemCode: mz, stepId: 'check', reason: '再退' }, A.approverMZ);
		expect(noEarlier.ok || noEarlier.error.message).toMatch(/no earlier approved step/);
	});
});

describe('decision-only and result-less items', () => {
	it('a decision notice is delivered, then the case completes', () => {
		const s = decisionApproved();
		expect(s.clock.stoppedOn).not.toBeNull(); // the decision is the result
		const early = fire(s, { type: 'complete' }, A.issuer);
		expect(early.ok || early.error.message).toBe('cannot complete a case in state approved: the result has not been delivered yet');
		const cert = fire(s, { type: 'issue_certificate', number: 'X' }, A.issuer);
		expect(cert.ok || cert.error.message).toMatch(/no item is waiting for a certificate/);
		const done = drive(s, [
			[{ type: 'ready_for_pickup', place: 'station_pickup' }, A.issuer],
			[deliver, A.agent],
			[{ type: 'complete' }, A.issuer]
		], 20);
		expect(done.status).toBe('completed');
	});

	it('a result-less item completes straight from approved and cannot be sent out', () => {
		const s = noneApproved();
		const out = fire(s, { type: 'assign_delivery', gridWorkerId: 'grid-1' }, A.issuer);
		expect(out.ok || out.error.message).toMatch(/nothing to deliver/);
		expect(ok(fire(s, { type: 'complete' }, A.issuer)).state.delivery.delivered).toBeNull();
	});

	it('a certificate item cannot leave the window before its certificate exists', () => {
		const r = fire(caseIn('approved'), { type: 'mail', trackingNumber: 'EMS' }, A.issuer);
		expect(r.ok || r.error.message).toBe(`cannot mail a case in state approved: certificates not yet issued for ${CERT_ITEM.code}`);
	});

	it('certificate numbers are not reused and the item must wait for one', () => {
		const s = drive(newCase([CERT_ITEM.code, DECISION_ITEM.code]), [
			...PATHS.under_review,
			[{ type: 'approve_step', itemCode: cert, stepId: 'first' }, A.approverCL],
			[{ type: 'approve_step', itemCode: cert, stepId: 'final' }, A.approverCL],
			[{ type: 'refuse_step', itemCode: DECISION_ITEM.code, stepId: 'first', reason: 'x', legalBasis: 'y' }, A.approverMZ]
		]);
		const wrong = fire(s, { type: 'issue_certificate', itemCode: DECISION_ITEM.code, number: 'N1' }, A.issuer);
		expect(wrong.ok || wrong.error.code).toBe('ILLEGAL_TRANSITION');
		const issued = ok(fire(s, { type: 'issue_certificate', itemCode: cert, number: 'N1' }, A.issuer));
		const again = fire(issued.state, { type: 'issue_certificate', itemCode: cert, number: 'N2' }, A.issuer);
		expect(again.ok || again.error.code).toBe('ILLEGAL_TRANSITION');
	});
});

describe('delivery', () => {
	const fail = (reason: string): Step => [{ type: 'record_failed_attempt', reason }, A.grid1];

	it('three failed attempts send the result back to the station and tell the township', () => {
		const two = drive(caseIn('out_for_delivery'), [fail('家中无人'), fail('电话不通')], 20);
		expect(two.status).toBe('out_for_delivery');
		const third = ok(fire(two, { type: 'record_failed_attempt', reason: '外出务工' }, A.grid1));
		expect(third.state.status).toBe('ready_for_pickup');
		expect(third.state.delivery).toMatchObject({ channel: 'station_pickup', returnedToStation: true });
		expect(third.state.delivery.assignments[0]?.failedAttempts.map((f) => f.reason)).toEqual(['家中无人', '电话不通', '外出务工']);
		expect(third.effects).toEqual([{ kind: 'notify', audience: 'township', reason: 'returned_to_station', userId: null }]);
		// The grid worker is off the case now; the station's agent hands it over.
		expect(fire(third.state, deliver, A.grid1).ok).toBe(false);
		const handed = ok(fire(third.state, deliver, A.agent));
		expect(handed.state.delivery.returnedToStation).toBe(false);
	});

	it('a reassignment starts a fresh count', () => {
		const s = drive(caseIn('out_for_delivery'), [fail('a'), fail('b'), [{ type: 'assign_delivery', gridWorkerId: 'grid-2' }, A.issuer]], 20);
		expect(s.delivery.assignments.map((x) => [x.gridWorkerId, x.failedAttempts.length])).toEqual([
			['grid-1', 2],
			['grid-2', 0]
		]);
		const again = fire(s, { type: 'assign_delivery', gridWorkerId: 'grid-2' }, A.issuer);
		expect(again.ok || again.error.message).toMatch(/already assigned to grid-2/);
	});

	it('records who received it and the proof', () => {
		const s = caseIn('delivered');
		expect(s.delivery.delivered).toMatchObject({ by: 'grid-1', recipient: { name: '张三', relation: 'applicant' }, proofRefs: [PROOF] });
	});
});

describe('rating (好差评)', () => {
	it('is recorded once', () => {
		const r = ok(fire(caseIn('delivered'), { type: 'rate', level: 'satisfied', comment: '很方便' }, A.agent));
		expect(r.state.rating).toMatchObject({ level: 'satisfied', comment: '很方便', followUpRequired: false });
		const again = fire(r.state, { type: 'rate', level: 'very_satisfied' }, A.agent);
		expect(again.ok || again.error.message).toBe('cannot rate a case in state delivered: it has already been rated');
		const completed = ok(fire(r.state, { type: 'complete' }, A.issuer));
		expect(fire(completed.state, { type: 'rate', level: 'satisfied' }, A.agent).ok).toBe(false);
	});

	it('a bad rating opens a follow-up', () => {
		const r = ok(fire(caseIn('completed'), { type: 'rate', level: 'very_dissatisfied', comment: '跑了三次' }, A.agent));
		expect(r.state.rating?.followUpRequired).toBe(true);
		expect(r.effects).toEqual([{ kind: 'notify', audience: 'supervisor', reason: 'follow_up_required', userId: null }]);
	});

	it('is not possible before the result reaches the applicant', () => {
		for (const status of ['under_review', 'approved', 'certificate_issued', 'out_for_delivery', 'withdrawn'] as const) {
			expect(fire(caseIn(status), { type: 'rate', level: 'satisfied' }, A.agent).ok).toBe(false);
		}
	});
});

describe('withdrawal (撤回)', () => {
	it('is possible only before a decision', () => {
		expect(fire(caseIn('under_review'), { type: 'withdraw' }, A.agent).ok).toBe(true);
		for (const status of ['approved', 'refused', 'certificate_issued', 'delivered'] as const) {
			const r = fire(caseIn(status), { type: 'withdraw' }, A.agent);
			expect(r.ok || r.error.code).toBe('ILLEGAL_TRANSITION');
		}
	});

	it('closes an outstanding correction and stops a running clock', () => {
		const r = ok(fire(caseIn('correction_requested'), { type: 'withdraw', reason: '已在外地办理' }, A.agent));
		expect(r.state.corrections.at(-1)).toMatchObject({ outcome: 'withdrawn', closedBy: 'agent' });
		expect(r.state.clock.pauses.at(-1)?.to).toBe('2025-04-02');
		expect(r.state.clock.stoppedOn).toBe('2025-04-02');
		expect(r.state.withdrawal).toEqual({ reason: '已在外地办理', by: 'agent', at: NOW });
		expect(r.record.note).toBe('已在外地办理');
	});
});

describe('records (首问负责制)', () => {
	it('every step of a case says who, when, on which device, from and to', () => {
		const steps = PATHS.completed;
		let s = newCase();
		const log = steps.map(([event, who], i) => {
			const r = ok(fire(s, event, who, day(i)));
			s = r.state;
			return r.record;
		});
		expect(log.map((r) => `${r.from}>${r.to}:${r.by}`)).toEqual([
			'draft>submitted:agent',
			'submitted>received:agent',
			'received>accepted:intake',
			'accepted>under_review:intake',
			'under_review>under_review:approver-cl',
			'under_review>approved:approver-cl',
			'approved>certificate_issued:issuer',
			'certificate_issued>out_for_delivery:issuer',
			'out_for_delivery>delivered:grid-1',
			'delivered>completed:issuer'
		]);
		expect(log[0]?.deviceId).toBe('tablet-1');
		expect(log[2]?.deviceId).toBeNull();
		expect(log[8]?.event).toMatchObject({ type: 'record_delivery', proofRefs: [PROOF] });
	});

	it('a device clock behind the server never writes clock dates backwards', () => {
		const accepted = drive(newCase(), PATHS.accepted, 10); // accepted on 2025-03-15
		const r = ok(fire(accepted, { type: 'request_correction', deficiencies: [{ itemCode: cert, problem: 'x' }] }, A.intake, day(1)));
		expect(r.state.clock.pauses).toEqual([{ from: '2025-03-15', to: null }]);
		expect(r.record.at).toBe(day(1));
	});
});
