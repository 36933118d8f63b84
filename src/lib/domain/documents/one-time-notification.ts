import { DOCUMENT_TEXT as T } from './document-text.zh-CN';
import type { DocumentSection, PrintableDocument, TableCell } from './document.model';
import {
	agentSignature,
	applicantRows,
	applicantSignature,
	documentNumber,
	lineForms,
	lineItemNames,
	prepareIntakeContext,
	type IntakeContext,
	type IntakeDocumentInput
} from './document-input';

const W = T.oneTimeNotification;

/**
 * 一次性告知单 with its stub (存根): every material the item(s) need and where each stands,
 * so the applicant learns everything still owed at once, in writing.
 */
export function buildOneTimeNotification(input: IntakeDocumentInput): PrintableDocument {
	return oneTimeNotification(prepareIntakeContext(input));
}

export function oneTimeNotification(ctx: IntakeContext): PrintableDocument {
	const number = documentNumber(ctx, 'one_time_notification');
	const missing = ctx.lines.filter((l) => l.status === 'missing').map((l) => l.name);
	const count = (s: string) => ctx.lines.filter((l) => l.status === s).length;

	// The "serves which items" column only says something when several items share the slip.
	const columns = [W.columns.index, W.columns.name, ...(ctx.isBundle ? [W.columns.items] : []), W.columns.requirement, W.columns.status];
	const rows = ctx.lines.map((line, i): TableCell[] => [
		String(i + 1),
		line.name,
		...(ctx.isBundle ? [lineItemNames(line)] : []),
		W.requirement(line.required ? T.required.yes : T.required.no, lineForms(line), T.copies(line.copies)),
		T.materialStatus[line.status]
	]);

	const sections: DocumentSection[] = [
		{ kind: 'fields', rows: [...applicantRows(ctx), { label: T.label.station, value: ctx.input.stationName }, { label: T.label.intakeDate, value: ctx.intakeDate }] },
		{ kind: 'table', heading: W.materialsHeading, columns, rows },
		{ kind: 'text', heading: W.missingHeading, paragraphs: missing.length ? [T.listJoin(missing)] : [W.complete] }
	];

	return {
		kind: 'one_time_notification',
		title: W.title,
		documentNumber: number,
		sections,
		footer: W.notice,
		signatures: [agentSignature(ctx, W.agentSign), applicantSignature(ctx, W.applicantSign)],
		stub: {
			title: W.stubTitle,
			documentNumber: number,
			sections: [
				{
					kind: 'fields',
					rows: [
						...applicantRows(ctx),
						{ label: W.stubMaterials, value: W.stubSummary(count('received'), missing.length, count('replaced_by_commitment')) },
						{ label: W.stubMissing, value: missing.length ? T.listJoin(missing) : T.label.none }
					]
				}
			],
			signatures: [agentSignature(ctx, W.agentSign), applicantSignature(ctx, W.applicantSign)]
		}
	};
}
