import type { CaseIntake } from '../case/case.schema';
import type { Bundle, ServiceItem } from '../catalog/item.schema';
import { DomainError } from '../errors';
import { DOCUMENT_TEXT as T } from './document-text.zh-CN';
import type { FieldRow, SignatureBlock } from './document.model';
import { resolveMaterialLines, type MaterialLine } from './intake-materials';

/**
 * What every intake document is built from. The caller computes the masked ID number and the
 * promised date (ids/ and calendar/ own those rules), so the documents only lay them out.
 */
export interface IntakeDocumentInput {
	readonly intake: CaseIntake;
	/** Catalog items; must contain every code in `intake.itemCodes` (extra items are ignored). */
	readonly items: readonly ServiceItem[];
	/** The bundle (一件事) when the case files several items at once. */
	readonly bundle?: Pick<Bundle, 'code' | 'name' | 'promisedLimitDays'>;
	readonly stationName: string;
	readonly agentName: string;
	/** Already masked (first 4 and last 4 kept); the full number never reaches paper. */
	readonly maskedIdNumber: string;
	/** Promised completion date 'YYYY-MM-DD', or null while the case is not yet accepted. */
	readonly promisedDate: string | null;
	/** Absolute URL of the public status query page. */
	readonly statusQueryUrl: string;
	/** The applicant's captured signature (data:image/… URL) for the commitment letter. */
	readonly signatureDataUrl?: string;
}

/** Query parameter the public status page reads the case number from. */
export const STATUS_QUERY_CASE_PARAM = 'case';

/** The link a receipt notice's QR code carries: the status page, preset to this case. */
export function statusQueryLink(statusQueryUrl: string, caseNumber: string): string {
	let url: URL;
	try {
		url = new URL(statusQueryUrl);
	} catch {
		throw new DomainError('VALIDATION', `status query URL must be absolute, got "${statusQueryUrl}"`);
	}
	url.searchParams.set(STATUS_QUERY_CASE_PARAM, caseNumber);
	return url.toString();
}

/** Everything the five builders share, derived once per call. */
export interface IntakeContext {
	readonly input: IntakeDocumentInput;
	readonly items: readonly ServiceItem[];
	readonly isBundle: boolean;
	readonly lines: readonly MaterialLine[];
	readonly itemNames: string;
	readonly promisedLimitDays: number;
	/** Intake day in China Standard Time, formatted. */
	readonly intakeDate: string;
	readonly intakeDateTime: string;
}

// The applicant's image must come from the device (signature pad): a remote URL would make
// printing fetch from the network and could leak that the document was opened.
const SIGNATURE_DATA_URL = /^data:image\/(png|jpeg|webp|svg\+xml)[;,]/;

const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Wall-clock parts in China Standard Time (UTC+8, no daylight saving) of an ISO timestamp. */
function chinaTimeParts(iso: string): { year: number; month: number; day: number; hh: string; mm: string } {
	const ms = Date.parse(iso);
	if (Number.isNaN(ms)) throw new DomainError('VALIDATION', `not a timestamp: "${iso}"`);
	const d = new Date(ms + CST_OFFSET_MS);
	return {
		year: d.getUTCFullYear(),
		month: d.getUTCMonth() + 1,
		day: d.getUTCDate(),
		hh: String(d.getUTCHours()).padStart(2, '0'),
		mm: String(d.getUTCMinutes()).padStart(2, '0')
	};
}

/** 'YYYY-MM-DD' → 2025年3月4日. */
export function formatIsoDate(date: string): string {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	if (!m) throw new DomainError('VALIDATION', `date must be YYYY-MM-DD, got "${date}"`);
	return T.date(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function itemDisplayName(item: ServiceItem): string {
	return T.itemName(item.mainName, item.subName);
}

export function prepareIntakeContext(input: IntakeDocumentInput): IntakeContext {
	const { intake } = input;
	const items = intake.itemCodes.map((code) => {
		const item = input.items.find((i) => i.code === code);
		if (!item) throw new DomainError('NOT_FOUND', `item ${code} of case ${intake.caseNumber} is not in the catalog given`);
		return item;
	});
	if (input.bundle && intake.bundleCode && input.bundle.code !== intake.bundleCode) {
		throw new DomainError('VALIDATION', `bundle ${input.bundle.code} given, but case ${intake.caseNumber} was filed under ${intake.bundleCode}`);
	}
	// Cheap guard against a caller passing the raw number: whatever the masking format, the
	// printed value must differ from the full ID number.
	const rawId = intake.applicant.idNumber.trim();
	if (rawId.length > 8 && input.maskedIdNumber.trim().toUpperCase() === rawId.toUpperCase()) {
		throw new DomainError('VALIDATION', 'maskedIdNumber is the unmasked ID number');
	}
	if (input.signatureDataUrl !== undefined && !SIGNATURE_DATA_URL.test(input.signatureDataUrl)) {
		throw new DomainError('VALIDATION', 'signatureDataUrl must be a data:image/(png|jpeg|webp|svg+xml) URL');
	}
	if (input.promisedDate !== null) formatIsoDate(input.promisedDate); // validate early, before any slip is built

	const t = chinaTimeParts(intake.createdAt);
	const intakeDate = T.date(t.year, t.month, t.day);
	return {
		input,
		items,
		isBundle: items.length > 1,
		lines: resolveMaterialLines(intake, items),
		itemNames: T.listJoin(items.map(itemDisplayName)),
		// Bundle items are approved in parallel, so without a bundle limit the slowest item sets it.
		promisedLimitDays: input.bundle?.promisedLimitDays ?? Math.max(...items.map((i) => i.promisedLimitDays)),
		intakeDate,
		intakeDateTime: T.dateTime(intakeDate, t.hh, t.mm)
	};
}

export function documentNumber(ctx: IntakeContext, kind: keyof typeof T.numberSuffix): string {
	return `${ctx.input.intake.caseNumber}-${T.numberSuffix[kind]}`;
}

/** Rows that head most slips: who, what, where. */
export function applicantRows(ctx: IntakeContext, itemNames: string = ctx.itemNames): FieldRow[] {
	const { intake, bundle } = ctx.input;
	return [
		{ label: T.label.caseNumber, value: intake.caseNumber },
		{ label: T.label.applicant, value: intake.applicant.name },
		{ label: T.label.idNumber, value: ctx.input.maskedIdNumber },
		...(bundle ? [{ label: T.label.bundle, value: bundle.name }] : []),
		{ label: T.label.items, value: itemNames }
	];
}

export function agentSignature(ctx: IntakeContext, label: string): SignatureBlock {
	return { label, printedName: ctx.input.agentName, date: ctx.intakeDate };
}

/** The applicant signs by hand on paper unless an image is given (only the letter takes one). */
export function applicantSignature(ctx: IntakeContext, label: string, imageDataUrl?: string): SignatureBlock {
	return imageDataUrl ? { label, imageDataUrl, date: ctx.intakeDate } : { label, date: ctx.intakeDate };
}

export function lineItemNames(line: MaterialLine): string {
	return T.listJoin(line.items.map(itemDisplayName));
}

export function lineForms(line: MaterialLine): string {
	return T.listJoin(line.forms.map((f) => T.materialForm[f]));
}

export function lineFormAndCopies(line: MaterialLine): string {
	return `${lineForms(line)} ${T.copies(line.copies)}`;
}
