import { DOCUMENT_TEXT as T } from './document-text.zh-CN';
import type { PrintableDocument, TableCell } from './document.model';
import {
	agentSignature,
	applicantRows,
	documentNumber,
	formatIsoDate,
	lineFormAndCopies,
	prepareIntakeContext,
	statusQueryLink,
	type IntakeContext,
	type IntakeDocumentInput
} from './document-input';

const W = T.receiptNotice;

/**
 * 收件通知单: the applicant's proof that the case was taken, with the case number and how to
 * follow it. Printed at the station, offline, the moment the case is created.
 */
export function buildReceiptNotice(input: IntakeDocumentInput): PrintableDocument {
	return receiptNotice(prepareIntakeContext(input));
}

export function receiptNotice(ctx: IntakeContext): PrintableDocument {
	const { intake, promisedDate, statusQueryUrl } = ctx.input;
	const limit = T.workingDays(ctx.promisedLimitDays);
	// Papers the case now holds: those handed over and those a signed commitment stands in for.
	const held = ctx.lines.filter((l) => l.status === 'received' || l.status === 'replaced_by_commitment');
	const rows = held.map((line, i): TableCell[] => [String(i + 1), line.name, lineFormAndCopies(line), T.materialStatus[line.status]]);

	return {
		kind: 'receipt_notice',
		title: W.title,
		documentNumber: documentNumber(ctx, 'receipt_notice'),
		sections: [
			{
				kind: 'fields',
				rows: [
					...applicantRows(ctx),
					{ label: T.label.intakeDate, value: ctx.intakeDate },
					{ label: T.label.station, value: ctx.input.stationName },
					{ label: W.promisedLimit, value: limit },
					// The clock starts at acceptance (受理), which a village intake precedes; until
					// then only the limit can be promised, not a date.
					{ label: W.promisedDate, value: promisedDate ? formatIsoDate(promisedDate) : W.fromAcceptance(limit) },
					{ label: T.label.delivery, value: T.delivery[intake.delivery.method] }
				]
			},
			{ kind: 'table', heading: W.materialsHeading, columns: [W.columns.index, W.columns.name, W.columns.form, W.columns.status], rows, emptyText: W.noMaterials },
			{ kind: 'text', heading: W.queryHeading, paragraphs: [W.query(statusQueryUrl, intake.caseNumber)] },
			{ kind: 'qr', payload: statusQueryLink(statusQueryUrl, intake.caseNumber), caption: W.qrCaption }
		],
		footer: W.notice,
		signatures: [{ ...agentSignature(ctx, W.agentSign), seal: true }]
	};
}
