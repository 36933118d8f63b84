import { describe, expect, it } from 'vitest';
import type { CaseEventInput } from './events';
import { actorFromUser, availableEvents, type Actor } from './guards';
import {
	ACTORS as A,
	BUNDLE,
	caseIn,
	CERT_ITEM,
	CONTEXT,
	day,
	DECISION_ITEM,
	drive,
	MATERIAL,
	newCase,
	OTHER_TOWNSHIP,
	PATHS,
	PROOF
} from './lifecycle.fixtures';
import { transition } from './transition';
import type { WorkflowState } from './workflow';

const NOW = day(30);
const cert = CERT_ITEM.code;
const mz = DECISION_ITEM.code;

function refusal(state: WorkflowState, event: CaseEventInput, actor: Actor) {
	const r = transition(state, event, actor, NOW, CONTEXT);
	return r.ok ? null : r.error;
}

describe('guards: who may decide a step', () => {
	const bundle = () => drive(newCase([cert, mz], BUNDLE.code), PATHS.under_review);

	it("an approver of department A cannot decide department B's step", () => {
		const s = bundle();
		expect(refusal(s, { type: 'approve_step', itemCode: mz, stepId: 'first' }, A.approverCL)).toEqual({
			code: 'FORBIDDEN',
			message: 'approver-cl may not approve_step a case in state under_review: step first needs role township_approver in department MZ'
		});
		expect(refusal(s, { type: 'refuse_step', itemCode: mz, stepId: 'first', reason: 'x', legalBasis: 'y' }, A.approverCL)?.code).toBe('FORBIDDEN');
		expect(refusal(s, { type: 'approve_step', itemCode: mz, stepId: 'first' }, A.approverMZ)).toBeNull();
	});

	it('the department is not enough: the role must match the step', () => {
		const issuerInCL: Actor = { ...A.issuer, scope: { ...A.issuer.scope, departmentCodes: ['CL'] } };
		expect(refusal(bundle(), { type: 'approve_step', itemCode: cert, stepId: 'first' }, issuerInCL)?.code).toBe('FORBIDDEN');
	});

	it('an approver of the right department in another township is refused', () => {
		const far: Actor = { ...A.approverCL, scope: { ...A.approverCL.scope, townshipCode: OTHER_TOWNSHIP } };
		expect(refusal(bundle(), { type: 'approve_step', itemCode: cert, stepId: 'first' }, far)?.message).toMatch(/township of village/);
	});

	it('a decided step cannot be decided again', () => {
		const s = drive(bundle(), [[{ type: 'approve_step', itemCode: cert, stepId: 'first' }, A.approverCL]], 10);
		expect(refusal(s, { type: 'approve_step', itemCode: cert, stepId: 'first' }, A.approverCL)).toEqual({
			code: 'ILLEGAL_TRANSITION',
			message: 'cannot approve_step a case in state under_review: step first of item DISABILITY-CERT is already approved'
		});
		expect(refusal(s, { type: 'refuse_step', itemCode: cert, stepId: 'first', reason: 'x', legalBasis: 'y' }, A.approverCL)?.code).toBe(
			'ILLEGAL_TRANSITION'
		);
	});

	it('steps go in order: a later step waits for the earlier one', () => {
		expect(refusal(bundle(), { type: 'approve_step', itemCode: mz, stepId: 'final' }, A.approverMZ)?.message).toBe(
			'cannot approve_step a case in state under_review: step final of item LOW-INCOME is not the current step (first is)'
		);
	});

	it('names of branches and steps the case lacks are VALIDATION errors', () => {
		expect(refusal(bundle(), { type: 'approve_step', itemCode: 'NOPE', stepId: 'first' }, A.approverCL)?.code).toBe('VALIDATION');
		expect(refusal(bundle(), { type: 'approve_step', itemCode: cert, stepId: 'nope' }, A.approverCL)?.message).toMatch(
			/item DISABILITY-CERT has no approval step nope/
		);
	});
});

describe('guards: the village agent', () => {
	it('an agent of another village cannot submit, resubmit or withdraw', () => {
		expect(refusal(newCase(), { type: 'submit' }, A.otherAgent)).toEqual({
			code: 'FORBIDDEN',
			message: 'other-agent may not submit a case in state draft: needs to be an agent of village 330106001001'
		});
		const correcting = caseIn('correction_requested');
		expect(refusal(correcting, { type: 'resubmit', materials: [MATERIAL] }, A.otherAgent)?.code).toBe('FORBIDDEN');
		expect(refusal(correcting, { type: 'withdraw' }, A.otherAgent)?.code).toBe('FORBIDDEN');
		expect(refusal(correcting, { type: 'resubmit', materials: [MATERIAL] }, A.agent)).toBeNull();
	});

	it('township staff cannot act for the applicant', () => {
		expect(refusal(caseIn('received'), { type: 'withdraw' }, A.intake)?.message).toMatch(/needs role village_agent/);
		expect(refusal(caseIn('correction_requested'), { type: 'resubmit', materials: [MATERIAL] }, A.supervisor)?.code).toBe('FORBIDDEN');
	});
});

describe('guards: the township', () => {
	it('only the front desk of the case’s township accepts, corrects, or refuses to accept', () => {
		const s = caseIn('received');
		expect(refusal(s, { type: 'accept' }, A.farIntake)?.code).toBe('FORBIDDEN');
		expect(refusal(s, { type: 'accept' }, A.approverCL)?.message).toMatch(/needs role township_intake/);
		expect(refusal(s, { type: 'not_accept', reason: 'x' }, A.agent)?.code).toBe('FORBIDDEN');
		expect(refusal(s, { type: 'request_correction', deficiencies: [{ itemCode: cert, problem: 'x' }] }, A.supervisor)?.code).toBe('FORBIDDEN');
	});

	it('only a supervisor fast-tracks; only the issuer issues and dispatches', () => {
		expect(refusal(caseIn('under_review'), { type: 'set_fast_track', fastTrack: true, reason: 'x' }, A.intake)?.code).toBe('FORBIDDEN');
		expect(refusal(caseIn('approved'), { type: 'issue_certificate', number: 'N' }, A.approverCL)?.code).toBe('FORBIDDEN');
		expect(refusal(caseIn('certificate_issued'), { type: 'assign_delivery', gridWorkerId: 'grid-1' }, A.supervisor)?.code).toBe('FORBIDDEN');
		// caseIn('delivered') was delivered by grid-1: only he (of the grid workers) may complete it.
		expect(refusal(caseIn('delivered'), { type: 'complete' }, A.grid2)?.code).toBe('FORBIDDEN');
		expect(refusal(caseIn('delivered'), { type: 'complete' }, A.grid1)).toBeNull();
	});

	it('start_review: the front desk, or an approver of a first step, but not an unrelated department', () => {
		const s = caseIn('accepted');
		expect(refusal(s, { type: 'start_review' }, A.approverCL)).toBeNull();
		expect(refusal(s, { type: 'start_review' }, A.approverMZ)?.code).toBe('FORBIDDEN');
	});
});

describe('guards: delivery', () => {
	const deliver: CaseEventInput = { type: 'record_delivery', recipient: { name: '张三', relation: 'applicant' }, proofRefs: [PROOF] };

	it('a grid worker records delivery only for a delivery assigned to him', () => {
		const s = caseIn('out_for_delivery');
		expect(refusal(s, deliver, A.grid2)).toEqual({
			code: 'FORBIDDEN',
			message: 'grid-2 may not record_delivery a case in state out_for_delivery: the delivery is assigned to another grid worker'
		});
		expect(refusal(s, { type: 'record_failed_attempt', reason: 'x' }, A.grid2)?.code).toBe('FORBIDDEN');
		expect(refusal(s, deliver, A.agent)?.code).toBe('FORBIDDEN');
		expect(refusal(s, deliver, A.grid1)).toBeNull();
	});

	it('at the station the agent hands over; at the window or by post the issuer records it', () => {
		const station = caseIn('ready_for_pickup');
		expect(refusal(station, deliver, A.agent)).toBeNull();
		expect(refusal(station, deliver, A.issuer)?.code).toBe('FORBIDDEN');
		const window = drive(caseIn('certificate_issued'), [[{ type: 'ready_for_pickup', place: 'township_window' }, A.issuer]], 20);
		expect(refusal(window, deliver, A.issuer)).toBeNull();
		expect(refusal(window, deliver, A.agent)?.code).toBe('FORBIDDEN');
		expect(refusal(caseIn('mailed'), deliver, A.issuer)).toBeNull();
	});
});

describe('guards: rating', () => {
	it('the agent or the grid worker who delivered may record it; township staff may not rate their own work', () => {
		const s = caseIn('delivered');
		expect(refusal(s, { type: 'rate', level: 'satisfied' }, A.grid1)).toBeNull();
		expect(refusal(s, { type: 'rate', level: 'satisfied' }, A.grid2)?.code).toBe('FORBIDDEN');
		expect(refusal(s, { type: 'rate', level: 'satisfied' }, A.issuer)?.code).toBe('FORBIDDEN');
		expect(refusal(s, { type: 'rate', level: 'satisfied' }, A.otherAgent)?.code).toBe('FORBIDDEN');
	});
});

describe('availableEvents', () => {
	it('offers each actor the buttons that can work', () => {
		expect(availableEvents(caseIn('received'), A.intake)).toEqual(['accept', 'request_correction', 'not_accept']);
		expect(availableEvents(caseIn('received'), A.agent)).toEqual(['withdraw']);
		expect(availableEvents(caseIn('under_review'), A.approverCL)).toEqual(['approve_step', 'refuse_step']);
		const afterFirst = drive(caseIn('under_review'), [[{ type: 'approve_step', itemCode: cert, stepId: 'first' }, A.approverCL]], 10);
		expect(availableEvents(afterFirst, A.approverCL)).toEqual(['approve_step', 'refuse_step', 'return_step']);
		expect(availableEvents(afterFirst, A.approverMZ)).toEqual([]);
		expect(availableEvents(caseIn('out_for_delivery'), A.grid1)).toEqual(['record_delivery', 'record_failed_attempt']);
		expect(availableEvents(caseIn('out_for_delivery'), A.grid2)).toEqual([]);
		expect(availableEvents(caseIn('completed'), A.agent)).toEqual(['rate']);
	});
});

describe('actorFromUser', () => {
	it('takes the id, roles and scope of the signed-in user', () => {
		const user = { id: 'u1', username: 'li', displayName: '李', roles: ['grid_worker' as const], scope: A.grid1.scope };
		expect(actorFromUser(user, 'phone-9')).toEqual({ userId: 'u1', roles: ['grid_worker'], scope: A.grid1.scope, deviceId: 'phone-9' });
		expect(actorFromUser(user)).not.toHaveProperty('deviceId');
	});
});
