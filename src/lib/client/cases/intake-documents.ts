import type { DaibanDb, LocalCase } from '../db/db';
import { catalogVersion } from '../catalog';
import { attachmentDataUrl } from '../photos/material-photos';
import { addWorkingDays, type IsoDate } from '$lib/domain/calendar';
import { createWorkflow } from '$lib/domain/case/transition';
import type { Catalog } from '$lib/domain/catalog/item.schema';
import {
	buildIntakeDocuments,
	buildOneTimeNotification,
	type IntakeDocumentInput,
	type PrintableDocument
} from '$lib/domain/documents';
import { DomainError } from '$lib/domain/errors';
import { maskResidentId } from '$lib/domain/ids';
import type { PublicUser } from '$lib/domain/roles';
import { getCase } from '../vault/case-vault';

/**
 * The intake paperwork (四单一书) of a case on this device, built from IndexedDB alone so the
 * agent can print it offline, the moment the case is taken.
 */

/**
 * The station as printed on the slips. The device knows only the village code (the session's
 * scope and the case carry codes; the organisation tree with names stays on the server), so
 * until village names are synced this readable fallback names the station by its code.
 * Official paper is always Chinese, whatever the UI language.
 */
export function stationName(villageCode: string): string {
	return `村级便民服务站（${villageCode}）`;
}

/** The public status query page; the documents module appends `?case=<number>` for the QR code. */
export function statusQueryUrl(origin: string): string {
	return `${origin.replace(/\/+$/, '')}/status`;
}

/**
 * The promised completion date, or null while the case is not accepted: the clock starts at
 * acceptance (受理), so before then the receipt notice prints "自受理之日起N个工作日内办结".
 * `acceptedOn` is the China date of acceptance, once the device knows it (LocalCase does not
 * carry it yet, so today every caller passes nothing). The limit comes from createWorkflow,
 * the same rule acceptance applies (a bundle's own limit, else the slowest item's).
 */
export function promisedDate(record: LocalCase, catalog: Catalog, acceptedOn?: IsoDate): IsoDate | null {
	if (acceptedOn === undefined) return null;
	const workflow = createWorkflow(record.intake, { items: catalog.items, bundles: catalog.bundles });
	if (!workflow.ok) throw new DomainError('VALIDATION', workflow.error.message);
	return addWorkingDays(acceptedOn, workflow.state.clock.limitDays);
}

export interface IntakeDocumentOptions {
	/** Absolute URL of the public status page, see statusQueryUrl(). */
	readonly statusQueryUrl: string;
	readonly acceptedOn?: IsoDate;
	/** The applicant's signature (data: URL of the stored PNG) for the commitment letter. */
	readonly signatureDataUrl?: string;
}

/** What the document builders need, from a case, the catalog version it was taken under and who is logged in. */
export function intakeDocumentInput(
	record: LocalCase,
	catalog: Catalog,
	user: Pick<PublicUser, 'displayName'>,
	options: IntakeDocumentOptions
): IntakeDocumentInput {
	const { intake } = record;
	let bundle: IntakeDocumentInput['bundle'];
	if (intake.bundleCode !== undefined) {
		bundle = catalog.bundles.find((b) => b.code === intake.bundleCode);
		// Without it the slips would silently print the slowest item's limit instead of the bundle's.
		if (!bundle) throw new DomainError('NOT_FOUND', `bundle ${intake.bundleCode} of case ${intake.caseNumber} is not in catalog version ${catalog.version}`);
	}
	return {
		intake,
		items: catalog.items.filter((i) => intake.itemCodes.includes(i.code)),
		...(bundle ? { bundle } : {}),
		stationName: stationName(intake.villageCode),
		// A new login on a device clears its cases, so whoever is logged in took this case.
		agentName: user.displayName,
		maskedIdNumber: maskResidentId(intake.applicant.idNumber),
		promisedDate: promisedDate(record, catalog, options.acceptedOn),
		statusQueryUrl: options.statusQueryUrl,
		// Without a captured signature the letter keeps a blank line for a pen.
		...(options.signatureDataUrl ? { signatureDataUrl: options.signatureDataUrl } : {})
	};
}

/**
 * The documents to print for the case. A draft is not yet taken: it has no receipt to give,
 * only the one-time notification slip, shown as a preview of what is still missing.
 */
export function caseDocuments(record: LocalCase, input: IntakeDocumentInput): PrintableDocument[] {
	return record.status === 'draft' ? [buildOneTimeNotification(input)] : buildIntakeDocuments(input);
}

export type LoadedCaseDocuments =
	| { readonly kind: 'not_found' }
	| { readonly kind: 'catalog_missing'; readonly record: LocalCase }
	| { readonly kind: 'ready'; readonly record: LocalCase; readonly preview: boolean; readonly documents: PrintableDocument[] };

/** Reads the case and its catalog version from IndexedDB and builds its documents. Builder errors propagate. */
export async function loadCaseDocuments(
	db: DaibanDb,
	caseId: string,
	user: Pick<PublicUser, 'displayName'>,
	options: IntakeDocumentOptions
): Promise<LoadedCaseDocuments> {
	const record = await getCase(db, caseId);
	if (!record) return { kind: 'not_found' };
	const catalog = await catalogVersion(db, record.intake.catalogVersion);
	if (!catalog) return { kind: 'catalog_missing', record };
	const signatureDataUrl = options.signatureDataUrl ?? (await attachmentDataUrl(db, record.intake.signatureHash));
	const documents = caseDocuments(record, intakeDocumentInput(record, catalog, user, { ...options, signatureDataUrl }));
	return { kind: 'ready', record, preview: record.status === 'draft', documents };
}
