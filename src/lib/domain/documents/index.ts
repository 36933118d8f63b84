export type * from './document.model';
export { DOCUMENT_TEXT } from './document-text.zh-CN';
export {
	STATUS_QUERY_CASE_PARAM,
	statusQueryLink,
	formatIsoDate,
	type IntakeDocumentInput
} from './document-input';
export { resolveMaterialLines, materialStatus, type MaterialLine, type MaterialStatus } from './intake-materials';
export { buildOneTimeNotification } from './one-time-notification';
export { buildReviewPoints } from './review-points';
export { buildReceiptNotice } from './receipt-notice';
export { buildReceiptArchive } from './receipt-archive';
export { buildCommitmentLetter } from './commitment-letter';
export { buildIntakeDocuments } from './intake-documents';
export {
	buildAcceptanceNotice,
	buildCorrectionNotice,
	buildNotAcceptedNotice,
	buildApprovalDecision,
	buildRefusalDecision,
	buildDecisionNotice,
	noticesOf,
	type DecisionNoticeInput,
	type DecisionNoticeKind,
	type NoticeRef
} from './decision-notices';
export { DECISION_TEXT } from './decision-text.zh-CN';
