import { DOCUMENT_TEXT as T } from './document-text.zh-CN';
import type { PrintableDocument, TableCell } from './document.model';
import {
	agentSignature,
	applicantRows,
	applicantSignature,
	documentNumber,
	itemDisplayName,
	prepareIntakeContext,
	type IntakeContext,
	type IntakeDocumentInput
} from './document-input';

const W = T.commitmentLetter;

/**
 * 告知承诺书, or null when no commitment applies: no item allows it, or the agent recorded
 * no material as replaced. Printing a letter nobody needs to sign would only confuse.
 */
export function buildCommitmentLetter(input: IntakeDocumentInput): PrintableDocument | null {
	return commitmentLetter(prepareIntakeContext(input));
}

export function commitmentLetter(ctx: IntakeContext): PrintableDocument | null {
	// A line stands replaced only when no item still needs the paper and none was handed over
	// (see intake-materials): a promise for a paper the station holds, or must get anyway,
	// would commit the applicant to nothing.
	const replaced = ctx.lines
		.filter((line) => line.status === 'replaced_by_commitment')
		.map((line) => ({ line, entries: line.perItem.filter((e) => e.status === 'replaced_by_commitment') }));
	if (replaced.length === 0) return null;

	const items = ctx.items.filter((item) => replaced.some((r) => r.entries.some((e) => e.item === item)));
	// The letter covers only the items the applicant commits for, not the whole bundle.
	const itemNames = T.listJoin(items.map(itemDisplayName));
	const rows = replaced.map(({ line, entries }, i): TableCell[] => [
		String(i + 1),
		line.name,
		T.listJoin([...new Set(entries.map((e) => e.item))].map(itemDisplayName))
	]);

	return {
		kind: 'commitment_letter',
		title: W.title,
		documentNumber: documentNumber(ctx, 'commitment_letter'),
		sections: [
			{ kind: 'fields', rows: [...applicantRows(ctx, itemNames), { label: T.label.station, value: ctx.input.stationName }] },
			{ kind: 'text', heading: W.noticeHeading, paragraphs: W.notice(itemNames) },
			{ kind: 'table', heading: W.materialsHeading, columns: [W.columns.index, W.columns.name, W.columns.items], rows },
			{ kind: 'text', heading: W.pledgeHeading, paragraphs: W.pledge }
		],
		footer: W.footer,
		signatures: [applicantSignature(ctx, W.applicantSign, ctx.input.signatureDataUrl), agentSignature(ctx, W.agentSign)]
	};
}
