// Test fixtures for the case lifecycle tests: a tiny catalog, a cast of actors, and helpers that
// drive a case into any status through the real transition (never by hand-built state).
import { bundleSchema, serviceItemSchema, type ServiceItemInput } from '../catalog/item.schema';
import type { CaseEventInput } from './events';
import type { Actor } from './guards';
import type { CaseStatus } from './status';
import { createWorkflow, transition, type TransitionContext } from './transition';
import type { WorkflowState } from './workflow';

export const VILLAGE = '330106001001';
export const OTHER_VILLAGE = '330106001002';
export const TOWNSHIP = '330106001';
export const OTHER_TOWNSHIP = '330106002';

function item(code: string, departmentCode: string, result: ServiceItemInput['result'], chain: ServiceItemInput['approvalChain']) {
	return serviceItemSchema.parse({
		code,
		mainName: code,
		departmentCode,
		type: 'administrative_confirmation',
		legalBasis: '《残疾人保障法》',
		acceptanceConditions: ['户籍在本县'],
		statutoryLimitDays: 20,
		promisedLimitDays: code === 'LOW-INCOME' ? 10 : 7,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: false,
		fee: { amountYuan: 0 },
		result,
		deliveryOptions: ['grid_delivery', 'station_pickup'],
		approvalChain: chain,
		materials: [
			{ id: 'id-card', name: '身份证', required: true, copies: 1, form: 'copy', source: 'applicant', reviewPoints: ['有效期内'] },
			{ id: 'photo', name: '照片', required: true, copies: 2, form: 'original', source: 'applicant', reviewPoints: ['近期免冠'] }
		],
		formFields: [],
		processSteps: ['申请', '审核', '出证'],
		consultation: '乡镇便民服务中心'
	});
}

/** 残疾人证: certificate result, first review may be skipped for low risk. */
export const CERT_ITEM = item('DISABILITY-CERT', 'CL', { kind: 'certificate', certificateType: '残疾人证', templateId: 't1' }, [
	{ id: 'first', name: '初审', departmentCode: 'CL', role: 'township_approver', skippable: true },
	{ id: 'final', name: '终审', departmentCode: 'CL', role: 'township_approver' }
]);
/** 最低生活保障: decision result, three steps. */
export const DECISION_ITEM = item('LOW-INCOME', 'MZ', { kind: 'decision', documentName: '低保决定书' }, [
	{ id: 'first', name: '初审', departmentCode: 'MZ', role: 'township_approver', skippable: true },
	{ id: 'check', name: '复核', departmentCode: 'MZ', role: 'township_approver' },
	{ id: 'final', name: '终审', departmentCode: 'MZ', role: 'township_approver' }
]);
/** 耕地地力保护补贴: paid into an account, nothing to deliver. */
export const NONE_ITEM = item('FARM-SUBSIDY', 'NY', { kind: 'none' }, [
	{ id: 'final', name: '审核', departmentCode: 'NY', role: 'township_approver', skippable: true }
]);
export const BUNDLE = bundleSchema.parse({
	code: 'BIRTH-BUNDLE',
	name: '出生一件事',
	description: '出生一件事',
	itemCodes: [CERT_ITEM.code, DECISION_ITEM.code, NONE_ITEM.code],
	promisedLimitDays: 5
});
export const CONTEXT: TransitionContext = { items: [CERT_ITEM, DECISION_ITEM, NONE_ITEM], bundles: [BUNDLE] };

function actor(userId: string, roles: Actor['roles'], scope: Partial<Actor['scope']> = {}, deviceId?: string): Actor {
	return {
		userId,
		roles,
		scope: { townshipCode: TOWNSHIP, villageCodes: [], gridCodes: [], departmentCodes: [], ...scope },
		...(deviceId === undefined ? {} : { deviceId })
	};
}

export const ACTORS = {
	agent: actor('agent', ['village_agent'], { villageCodes: [VILLAGE] }, 'tablet-1'),
	otherAgent: actor('other-agent', ['village_agent'], { villageCodes: [OTHER_VILLAGE] }, 'tablet-2'),
	intake: actor('intake', ['township_intake']),
	farIntake: actor('far-intake', ['township_intake'], { townshipCode: OTHER_TOWNSHIP }),
	approverCL: actor('approver-cl', ['township_approver'], { departmentCodes: ['CL'] }),
	approverMZ: actor('approver-mz', ['township_approver'], { departmentCodes: ['MZ'] }),
	approverNY: actor('approver-ny', ['township_approver'], { departmentCodes: ['NY'] }),
	issuer: actor('issuer', ['township_issuer']),
	grid1: actor('grid-1', ['grid_worker'], { villageCodes: [VILLAGE], gridCodes: [`${VILLAGE}-01`] }, 'phone-1'),
	grid2: actor('grid-2', ['grid_worker'], { villageCodes: [VILLAGE], gridCodes: [`${VILLAGE}-02`] }, 'phone-2'),
	supervisor: actor('supervisor', ['supervisor']),
	/** Holds every role everywhere: for tests where only the status should decide. */
	all: actor(
		'all',
		['village_agent', 'township_intake', 'township_approver', 'township_issuer', 'grid_worker', 'supervisor'],
		{ villageCodes: [VILLAGE], departmentCodes: ['CL', 'MZ', 'NY'] }
	)
} satisfies Record<string, Actor>;

const START = Date.parse('2025-03-03T09:00:00+08:00');
/** An instant `hours` after Monday 3 March 2025, 09:00 CST, written with the +08:00 offset. */
export function at(hours: number): string {
	const d = new Date(START + hours * 3_600_000 + 8 * 3_600_000);
	return `${d.toISOString().slice(0, 19)}+08:00`;
}
export const day = (n: number) => at(24 * n);

export const CASE_ID = '01890a5d-ac96-7000-8000-000000000001';

export function newCase(itemCodes: string[] = [CERT_ITEM.code], bundleCode?: string): WorkflowState {
	const made = createWorkflow({ id: CASE_ID, villageCode: VILLAGE, itemCodes, bundleCode }, CONTEXT);
	if (!made.ok) throw new Error(made.error.message);
	return made.state;
}

export type Step = readonly [CaseEventInput, Actor, string?];

/** Runs the steps, failing loudly on the first refusal; the time advances a day per step unless given. */
export function drive(state: WorkflowState, steps: readonly Step[], startDay = 0): WorkflowState {
	let s = state;
	steps.forEach(([event, who, when], i) => {
		const r = transition(s, event, who, when ?? day(startDay + i), CONTEXT);
		if (!r.ok) throw new Error(`step ${i} (${event.type}): ${r.error.message}`);
		s = r.state;
	});
	return s;
}

const A = ACTORS;
export const PROOF = 'a'.repeat(64);
export const MATERIAL = { itemCode: CERT_ITEM.code, materialId: 'photo', received: true };

const toReceived: Step[] = [
	[{ type: 'submit' }, A.agent],
	[{ type: 'receive' }, A.agent]
];
const toUnderReview: Step[] = [...toReceived, [{ type: 'accept' }, A.intake], [{ type: 'start_review' }, A.intake]];
const toApproved: Step[] = [
	...toUnderReview,
	[{ type: 'approve_step', itemCode: CERT_ITEM.code, stepId: 'first' }, A.approverCL],
	[{ type: 'approve_step', itemCode: CERT_ITEM.code, stepId: 'final' }, A.approverCL]
];
const toIssued: Step[] = [...toApproved, [{ type: 'issue_certificate', number: 'CL-2025-0001' }, A.issuer]];
const toOut: Step[] = [...toIssued, [{ type: 'assign_delivery', gridWorkerId: 'grid-1' }, A.issuer]];
const toDelivered: Step[] = [
	...toOut,
	[{ type: 'record_delivery', recipient: { name: '张三', relation: 'applicant' }, proofRefs: [PROOF] }, A.grid1]
];

/** Steps that take a fresh single-item (certificate) case to each status. */
export const PATHS: Record<CaseStatus, Step[]> = {
	draft: [],
	submitted: [[{ type: 'submit' }, A.agent]],
	received: toReceived,
	correction_requested: [
		...toReceived,
		[{ type: 'accept' }, A.intake],
		[{ type: 'request_correction', deficiencies: [{ itemCode: CERT_ITEM.code, materialId: 'photo', problem: '照片模糊' }] }, A.intake]
	],
	not_accepted: [...toReceived, [{ type: 'not_accept', reason: '不属于本事项受理范围' }, A.intake]],
	accepted: [...toReceived, [{ type: 'accept' }, A.intake]],
	under_review: toUnderReview,
	approved: toApproved,
	refused: [
		...toUnderReview,
		[{ type: 'refuse_step', itemCode: CERT_ITEM.code, stepId: 'first', reason: '不符合条件', legalBasis: '《残疾人证管理办法》第八条' }, A.approverCL]
	],
	certificate_issued: toIssued,
	out_for_delivery: toOut,
	ready_for_pickup: [...toIssued, [{ type: 'ready_for_pickup', place: 'station_pickup' }, A.issuer]],
	mailed: [...toIssued, [{ type: 'mail', trackingNumber: 'EMS123' }, A.issuer]],
	delivered: toDelivered,
	completed: [...toDelivered, [{ type: 'complete' }, A.issuer]],
	withdrawn: [...toReceived, [{ type: 'withdraw', reason: '不再需要' }, A.agent]]
};

export function caseIn(status: CaseStatus): WorkflowState {
	return drive(newCase(), PATHS[status]);
}

/** One well-formed event of each type, for tables where only the status should decide. */
export const SAMPLE_EVENTS: readonly CaseEventInput[] = [
	{ type: 'submit' },
	{ type: 'receive' },
	{ type: 'accept' },
	{ type: 'request_correction', deficiencies: [{ itemCode: CERT_ITEM.code, problem: '缺照片' }] },
	{ type: 'resubmit', materials: [MATERIAL] },
	{ type: 'not_accept', reason: '不符合受理条件' },
	{ type: 'start_review' },
	{ type: 'approve_step', itemCode: CERT_ITEM.code, stepId: 'first' },
	{ type: 'refuse_step', itemCode: CERT_ITEM.code, stepId: 'first', reason: '不符合', legalBasis: '第八条' },
	{ type: 'return_step', itemCode: CERT_ITEM.code, stepId: 'final', reason: '需复核' },
	{ type: 'set_fast_track', fastTrack: true, reason: '重病' },
	{ type: 'issue_certificate', number: 'CL-9' },
	{ type: 'assign_delivery', gridWorkerId: 'grid-2' },
	{ type: 'ready_for_pickup', place: 'township_window' },
	{ type: 'mail', trackingNumber: 'EMS9' },
	{ type: 'record_delivery', recipient: { name: '李四', relation: 'family_member' }, proofRefs: [PROOF] },
	{ type: 'record_failed_attempt', reason: '家中无人' },
	{ type: 'complete' },
	{ type: 'rate', level: 'satisfied' },
	{ type: 'withdraw' }
];
