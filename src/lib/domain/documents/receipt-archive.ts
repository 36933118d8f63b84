import { DOCUMENT_TEXT as T } from './document-text.zh-CN';
import type { FieldRow, PrintableDocument, TableCell } from './document.model';
import {
	agentSignature,
	applicantRows,
	applicantSignature,
	documentNumber,
	itemDisplayName,
	lineFormAndCopies,
	lineItemNames,
	prepareIntakeContext,
	type IntakeContext,
	type IntakeDocumentInput
} from './document-input';

const W = T.receiptArchive;

/**
 * 收件档案单: the filed record of what was taken, by whom and when (首问负责制). Unlike the
 * applicant's slips it also records the review-point tally and the photo count.
 */
export function buildReceiptArchive(input: IntakeDocumentInput): PrintableDocument {
	return receiptArchive(prepareIntakeContext(input));
}

export function receiptArchive(ctx: IntakeContext): PrintableDocument {
	const { intake } = ctx.input;
	const fields: FieldRow[] = [
		...applicantRows(ctx),
		{ label: T.label.intakeTime, value: ctx.intakeDateTime },
		{ label: T.label.station, value: ctx.input.stationName },
		{ label: T.label.agent, value: ctx.input.agentName },
		{ label: T.label.delivery, value: T.delivery[intake.delivery.method] },
		{ label: T.label.trips, value: W.trips(intake.trips) }
	];
	const itemRows = ctx.items.map((item, i): TableCell[] => [String(i + 1), item.code, itemDisplayName(item), T.workingDays(item.promisedLimitDays)]);
	const c = W.materialColumns;
	const materialRows = ctx.lines.map((line, i): TableCell[] => [
		String(i + 1),
		line.name,
		...(ctx.isBundle ? [lineItemNames(line)] : []),
		lineFormAndCopies(line),
		T.materialStatus[line.status],
		W.pointsChecked(line.reviewPoints.filter((p) => p.checked).length, line.reviewPoints.length),
		W.photos(line.attachmentCount)
	]);

	return {
		kind: 'receipt_archive',
		title: W.title,
		documentNumber: documentNumber(ctx, 'receipt_archive'),
		sections: [
			{ kind: 'fields', rows: fields },
			{ kind: 'table', heading: W.itemsHeading, columns: [W.itemColumns.index, W.itemColumns.code, W.itemColumns.name, W.itemColumns.limit], rows: itemRows },
			{
				kind: 'table',
				heading: W.materialsHeading,
				columns: [c.index, c.name, ...(ctx.isBundle ? [c.items] : []), c.form, c.status, c.points, c.photos],
				rows: materialRows
			}
		],
		footer: W.notice,
		signatures: [agentSignature(ctx, W.receiverSign), applicantSignature(ctx, W.applicantSign)]
	};
}
