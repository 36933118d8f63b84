import { DOCUMENT_TEXT as T } from './document-text.zh-CN';
import type { PrintableDocument, TableCell } from './document.model';
import {
	agentSignature,
	applicantRows,
	documentNumber,
	prepareIntakeContext,
	type IntakeContext,
	type IntakeDocumentInput
} from './document-input';

const W = T.reviewPoints;

/** 收件审核要点: per material, what the receiver had to check and what they ticked. */
export function buildReviewPoints(input: IntakeDocumentInput): PrintableDocument {
	return reviewPoints(prepareIntakeContext(input));
}

export function reviewPoints(ctx: IntakeContext): PrintableDocument {
	const rows = ctx.lines.map((line, i): TableCell[] => [
		String(i + 1),
		line.name,
		T.materialStatus[line.status],
		line.reviewPoints.map((p) => ({ label: p.point, checked: p.checked }))
	]);
	const all = ctx.lines.flatMap((l) => l.reviewPoints);
	// Named so a supervisor sees which received papers went through without a full check.
	const unchecked = ctx.lines.filter((l) => l.status === 'received' && l.reviewPoints.some((p) => !p.checked)).map((l) => l.name);

	return {
		kind: 'review_points',
		title: W.title,
		documentNumber: documentNumber(ctx, 'review_points'),
		sections: [
			{ kind: 'fields', rows: [...applicantRows(ctx), { label: T.label.station, value: ctx.input.stationName }, { label: T.label.intakeDate, value: ctx.intakeDate }] },
			{ kind: 'table', columns: [W.columns.index, W.columns.name, W.columns.status, W.columns.points], rows },
			{
				kind: 'text',
				paragraphs: [W.summary(all.filter((p) => p.checked).length, all.length), ...(unchecked.length ? [W.uncheckedReceived(T.listJoin(unchecked))] : [])]
			}
		],
		footer: W.notice,
		signatures: [agentSignature(ctx, W.reviewerSign)]
	};
}
