import type { PrintableDocument } from './document.model';
import { commitmentLetter } from './commitment-letter';
import { prepareIntakeContext, type IntakeDocumentInput } from './document-input';
import { oneTimeNotification } from './one-time-notification';
import { receiptArchive } from './receipt-archive';
import { receiptNotice } from './receipt-notice';
import { reviewPoints } from './review-points';

/**
 * The intake paperwork (四单一书) of one case, in the order the agent hands it over: the four
 * slips, then the commitment letter when a commitment stands in for some material.
 */
export function buildIntakeDocuments(input: IntakeDocumentInput): PrintableDocument[] {
	const ctx = prepareIntakeContext(input);
	const letter = commitmentLetter(ctx);
	return [oneTimeNotification(ctx), reviewPoints(ctx), receiptNotice(ctx), receiptArchive(ctx), ...(letter ? [letter] : [])];
}
