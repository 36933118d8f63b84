import type { CaseIntake } from '../case/case.schema';
import type { Deficiency } from '../case/events';
import type { WorkflowState } from '../case/workflow';
import type { ServiceItem } from '../catalog/item.schema';
import { DomainError } from '../errors';
import { DECISION_TEXT as T } from './decision-text.zh-CN';
import type { DocumentKind, FieldRow, PrintableDocument, SignatureBlock, TableCell } from './document.model';

/**
 * The township's decision notices: every decision produces its paper (一次性告知 for a
 * correction: all deficiencies on one notice). Pure, like the intake slips; the township's
 * case view prints them and a PDF export could draw the same models.
 */

export type DecisionNoticeKind = Extract<
	DocumentKind,
	'acceptance_notice' | 'correction_notice' | 'not_accepted_notice' | 'approval_decision' | 'refusal_decision'
>;

export interface DecisionNoticeInput {
	readonly intake: CaseIntake;
	/** Must contain every item of the case. */
	readonly items: readonly ServiceItem[];
	readonly departments: readonly { code: string; name: string }[];
	/** e.g. 澄湖乡便民服务中心: the authority that signs. */
	readonly authorityName: string;
	/** Already masked; the full number never reaches paper. */
	readonly maskedIdNumber: string;
}

/** Which notice, and for which round or item: what the UI links to (`?notice=kind:ref`). */
export interface NoticeRef {
	readonly kind: DecisionNoticeKind;
	/** The correction round's index, or the item code of a decision; '' when there is one per case. */
	readonly ref: string;
}

const CST_OFFSET_MS = 8 * 3_600_000;

function printedDate(iso: string): string {
	const ms = Date.parse(iso);
	if (Number.isNaN(ms)) throw new DomainError('VALIDATION', `not a timestamp: "${iso}"`);
	const d = new Date(ms + CST_OFFSET_MS);
	return T.date(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function printedIsoDate(date: string): string {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	if (!m) throw new DomainError('VALIDATION', `date must be YYYY-MM-DD, got "${date}"`);
	return T.date(Number(m[1]), Number(m[2]), Number(m[3]));
}

function itemOf(input: DecisionNoticeInput, code: string): ServiceItem {
	const item = input.items.find((i) => i.code === code);
	if (!item) throw new DomainError('NOT_FOUND', `item ${code} of case ${input.intake.caseNumber} is not in the catalog given`);
	return item;
}

function checkMasked(input: DecisionNoticeInput): void {
	const raw = input.intake.applicant.idNumber.trim().toUpperCase();
	if (raw.length > 8 && input.maskedIdNumber.trim().toUpperCase() === raw) {
		throw new DomainError('VALIDATION', 'maskedIdNumber is the unmasked ID number');
	}
}

const nameOf = (item: ServiceItem) => T.itemName(item.mainName, item.subName);
const allItemNames = (input: DecisionNoticeInput) => T.listJoin(input.intake.itemCodes.map((c) => nameOf(itemOf(input, c))));

function headRows(input: DecisionNoticeInput, items: string, decidedAt: string): FieldRow[] {
	return [
		{ label: T.label.caseNumber, value: input.intake.caseNumber },
		{ label: T.label.applicant, value: input.intake.applicant.name },
		{ label: T.label.idNumber, value: input.maskedIdNumber },
		{ label: T.label.items, value: items },
		{ label: T.label.applicationDate, value: printedDate(input.intake.createdAt) },
		{ label: T.label.decisionDate, value: printedDate(decidedAt) }
	];
}

function seal(input: DecisionNoticeInput, decidedAt: string): SignatureBlock {
	return { label: T.authoritySign, printedName: input.authorityName, date: printedDate(decidedAt), seal: true };
}

function number(input: DecisionNoticeInput, kind: DecisionNoticeKind, ref = ''): string {
	return `${input.intake.caseNumber}-${T.numberSuffix[kind]}${ref}`;
}

/** 受理通知书: the clock starts; the promised date is printed. */
export function buildAcceptanceNotice(input: DecisionNoticeInput, decision: { at: string; limitDays: number; promisedDate: string }): PrintableDocument {
	checkMasked(input);
	const W = T.acceptance;
	const items = allItemNames(input);
	return {
		kind: 'acceptance_notice',
		title: W.title,
		documentNumber: number(input, 'acceptance_notice'),
		sections: [
			{ kind: 'text', paragraphs: [W.body(input.intake.applicant.name, items)] },
			{
				kind: 'fields',
				rows: [
					...headRows(input, items, decision.at),
					{ label: W.promisedLimit, value: T.workingDays(decision.limitDays) },
					{ label: W.promisedDate, value: printedIsoDate(decision.promisedDate) }
				]
			}
		],
		footer: W.footer,
		signatures: [seal(input, decision.at)]
	};
}

/** 补正材料通知书: every deficiency of the round on one notice (一次性告知). */
export function buildCorrectionNotice(
	input: DecisionNoticeInput,
	round: { requestedAt: string; deficiencies: readonly Deficiency[]; index: number }
): PrintableDocument {
	checkMasked(input);
	if (round.deficiencies.length === 0) throw new DomainError('VALIDATION', 'a correction notice needs at least one deficiency');
	const W = T.correction;
	const items = allItemNames(input);
	const rows = round.deficiencies.map((d, i): TableCell[] => {
		const item = itemOf(input, d.itemCode);
		const material = d.materialId === undefined ? W.wholeApplication : (item.materials.find((m) => m.id === d.materialId)?.name ?? d.materialId);
		return [String(i + 1), nameOf(item), material, d.problem];
	});
	return {
		kind: 'correction_notice',
		title: W.title,
		documentNumber: number(input, 'correction_notice', String(round.index + 1)),
		sections: [
			{ kind: 'text', paragraphs: [W.body(input.intake.applicant.name, items)] },
			{ kind: 'fields', rows: headRows(input, items, round.requestedAt) },
			{ kind: 'table', heading: W.heading, columns: [W.columns.index, W.columns.item, W.columns.material, W.columns.problem], rows }
		],
		footer: W.footer,
		signatures: [seal(input, round.requestedAt)]
	};
}

/** 不予受理通知书, with the reason and the applicant's remedies. */
export function buildNotAcceptedNotice(input: DecisionNoticeInput, decision: { at: string; reason: string }): PrintableDocument {
	checkMasked(input);
	const W = T.notAccepted;
	const items = allItemNames(input);
	return {
		kind: 'not_accepted_notice',
		title: W.title,
		documentNumber: number(input, 'not_accepted_notice'),
		sections: [
			{ kind: 'text', paragraphs: [W.body(input.intake.applicant.name, items)] },
			{ kind: 'fields', rows: headRows(input, items, decision.at) },
			{ kind: 'text', heading: W.reasonHeading, paragraphs: [decision.reason] },
			{ kind: 'text', paragraphs: [T.remedy] }
		],
		footer: W.footer,
		signatures: [seal(input, decision.at)]
	};
}

function departmentRow(input: DecisionNoticeInput, item: ServiceItem): FieldRow {
	const name = input.departments.find((d) => d.code === item.departmentCode)?.name ?? item.departmentCode;
	return { label: T.label.department, value: name };
}

/** 准予许可决定书 for one item (each item of a bundle is its own department's decision). */
export function buildApprovalDecision(input: DecisionNoticeInput, decision: { itemCode: string; at: string; note: string | null }): PrintableDocument {
	checkMasked(input);
	const W = T.approval;
	const item = itemOf(input, decision.itemCode);
	return {
		kind: 'approval_decision',
		title: W.title,
		documentNumber: number(input, 'approval_decision', `-${item.code}`),
		sections: [
			{ kind: 'text', paragraphs: [W.body(input.intake.applicant.name, nameOf(item))] },
			{ kind: 'fields', rows: [...headRows(input, nameOf(item), decision.at), departmentRow(input, item)] },
			{ kind: 'text', heading: W.basisHeading, paragraphs: [item.legalBasis] },
			...(decision.note ? [{ kind: 'text' as const, heading: W.noteHeading, paragraphs: [decision.note] }] : [])
		],
		footer: [],
		signatures: [seal(input, decision.at)]
	};
}

/** 不予许可决定书: reason and legal basis (行政许可法 §38) and the applicant's remedies. */
export function buildRefusalDecision(
	input: DecisionNoticeInput,
	decision: { itemCode: string; at: string; reason: string; legalBasis: string }
): PrintableDocument {
	checkMasked(input);
	const W = T.refusal;
	const item = itemOf(input, decision.itemCode);
	return {
		kind: 'refusal_decision',
		title: W.title,
		documentNumber: number(input, 'refusal_decision', `-${item.code}`),
		sections: [
			{ kind: 'text', paragraphs: [W.body(input.intake.applicant.name, nameOf(item))] },
			{ kind: 'fields', rows: [...headRows(input, nameOf(item), decision.at), departmentRow(input, item)] },
			{ kind: 'text', heading: W.reasonHeading, paragraphs: [decision.reason] },
			{ kind: 'text', heading: W.basisHeading, paragraphs: [decision.legalBasis] },
			{ kind: 'text', paragraphs: [T.remedy] }
		],
		footer: [],
		signatures: [seal(input, decision.at)]
	};
}

/** The notices a case's decisions have produced so far, in the order they were made. */
export function noticesOf(state: WorkflowState): NoticeRef[] {
	const refs: NoticeRef[] = state.corrections.map((_, i) => ({ kind: 'correction_notice', ref: String(i) }));
	if (state.notAccepted) refs.push({ kind: 'not_accepted_notice', ref: '' });
	if (state.clock.startedOn !== null) refs.push({ kind: 'acceptance_notice', ref: '' });
	for (const branch of state.branches) {
		if (branch.status === 'approved') refs.push({ kind: 'approval_decision', ref: branch.itemCode });
		if (branch.status === 'refused') refs.push({ kind: 'refusal_decision', ref: branch.itemCode });
	}
	return refs;
}

/**
 * Builds the notice a ref names from the case's recorded decisions. `promisedDate` is the
 * calendar's due date (the caller computes it: calendar/ owns working days).
 */
export function buildDecisionNotice(
	input: DecisionNoticeInput,
	state: WorkflowState,
	ref: NoticeRef,
	acceptance: { at: string; promisedDate: string } | null
): PrintableDocument {
	const missing = () => new DomainError('NOT_FOUND', `case ${input.intake.caseNumber} has no ${ref.kind} ${ref.ref}`.trim());
	switch (ref.kind) {
		case 'acceptance_notice':
			if (acceptance === null || state.clock.startedOn === null) throw missing();
			return buildAcceptanceNotice(input, { ...acceptance, limitDays: state.clock.limitDays });
		case 'correction_notice': {
			const index = Number(ref.ref);
			const round = Number.isInteger(index) ? state.corrections[index] : undefined;
			if (!round) throw missing();
			return buildCorrectionNotice(input, { requestedAt: round.requestedAt, deficiencies: round.deficiencies, index });
		}
		case 'not_accepted_notice':
			if (!state.notAccepted) throw missing();
			return buildNotAcceptedNotice(input, state.notAccepted);
		case 'approval_decision':
		case 'refusal_decision': {
			const branch = state.branches.find((b) => b.itemCode === ref.ref);
			const expected = ref.kind === 'approval_decision' ? 'approved' : 'refused';
			if (!branch || branch.status !== expected) throw missing();
			const last = [...branch.steps].reverse().find((s) => s.decision !== null && s.decision.outcome !== 'skipped');
			const decision = last?.decision;
			if (!decision) throw missing();
			return ref.kind === 'approval_decision'
				? buildApprovalDecision(input, { itemCode: branch.itemCode, at: decision.at, note: decision.note })
				: buildRefusalDecision(input, {
						itemCode: branch.itemCode,
						at: decision.at,
						reason: decision.note ?? '',
						legalBasis: decision.legalBasis ?? ''
					});
		}
	}
}
