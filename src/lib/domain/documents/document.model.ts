/**
 * A printable document as plain data, independent of how it is drawn: the Svelte print view
 * renders it today, a PDF export could render the same model later. Builders produce it from
 * a case; nothing ever parses it back, so plain types suffice here (no zod schema).
 */

export type DocumentKind =
	| 'one_time_notification' // 一次性告知单
	| 'review_points' // 收件审核要点
	| 'receipt_notice' // 收件通知单
	| 'receipt_archive' // 收件档案单
	| 'commitment_letter' // 告知承诺书
	// Township decisions (decision-notices.ts):
	| 'acceptance_notice' // 受理通知书
	| 'correction_notice' // 补正材料通知书
	| 'not_accepted_notice' // 不予受理通知书
	| 'approval_decision' // 准予许可决定书
	| 'refusal_decision'; // 不予许可决定书

export interface FieldRow {
	readonly label: string;
	readonly value: string;
}

/** A tick box with its text; kept as data so each renderer draws its own box. */
export interface CheckMark {
	readonly label: string;
	readonly checked: boolean;
}

/** Plain text (may contain line breaks) or a list of tick boxes. */
export type TableCell = string | readonly CheckMark[];

export type DocumentSection =
	| { readonly kind: 'fields'; readonly heading?: string; readonly rows: readonly FieldRow[] }
	| {
			readonly kind: 'table';
			readonly heading?: string;
			readonly columns: readonly string[];
			/** Every row has one cell per column. */
			readonly rows: readonly (readonly TableCell[])[];
			/** Printed instead of an empty table. */
			readonly emptyText?: string;
	  }
	| { readonly kind: 'text'; readonly heading?: string; readonly paragraphs: readonly string[] }
	/** A QR code: the renderer encodes `payload` (a URL) and prints `caption` beside it. */
	| { readonly kind: 'qr'; readonly heading?: string; readonly payload: string; readonly caption: string };

export interface SignatureBlock {
	/** e.g. 申请人（签字）. */
	readonly label: string;
	/** Printed name beside the signature, when known (the agent's own name). */
	readonly printedName?: string;
	/** A captured signature as a data: URL; absent means a blank line for a pen. */
	readonly imageDataUrl?: string;
	/** Already formatted; null leaves a blank date to be filled in by hand. */
	readonly date: string | null;
	/** Whether the station's seal goes beside it. */
	readonly seal?: boolean;
}

/** The part of a slip the station keeps (存根), printed below a cut line. */
export interface DocumentStub {
	readonly title: string;
	readonly documentNumber: string;
	readonly sections: readonly DocumentSection[];
	readonly signatures: readonly SignatureBlock[];
}

export interface PrintableDocument {
	readonly kind: DocumentKind;
	readonly title: string;
	readonly documentNumber: string;
	readonly sections: readonly DocumentSection[];
	readonly footer: readonly string[];
	readonly signatures: readonly SignatureBlock[];
	readonly stub?: DocumentStub;
}
