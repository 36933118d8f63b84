import { z } from 'zod';
import { api, errorMessage, isNetworkError, TRPCClientError } from './trpc';
import type { ImportError } from '$lib/domain/catalog/spreadsheet-columns';
import type { ApprovalStep, FormField, Material, ServiceItem } from '$lib/domain/catalog/item.schema';

/*
 * The supervisor's catalog work, online only: saving an item publishes a new catalog version on the
 * server, which alone decides whether it is valid. Its problems come back keyed by path
 * (`item.materials[1].id`); the editor shows each next to its field.
 */

export type SpreadsheetFormat = 'xlsx' | 'csv';
export type FieldErrors = Record<string, string[]>;

export type SaveOutcome =
	| { ok: true; version: number; unchanged: boolean }
	| { ok: false; kind: 'invalid'; errors: FieldErrors }
	| { ok: false; kind: 'conflict' | 'not_found' | 'forbidden' | 'network' | 'failed'; message: string };

/** Refusals that are not about one field: the code says what the UI offers (reload, log in again…). */
function refusal(e: unknown): Exclude<SaveOutcome, { ok: true }> {
	if (isNetworkError(e)) return { ok: false, kind: 'network', message: errorMessage(e) };
	if (e instanceof TRPCClientError) {
		const data = e.data as { code?: string; fieldErrors?: Record<string, string[] | undefined> } | undefined;
		if (data?.code === 'BAD_REQUEST' && data.fieldErrors) {
			const errors: FieldErrors = {};
			for (const [path, messages] of Object.entries(data.fieldErrors)) if (messages?.length) errors[path.replace(/^item\.?/, '')] = messages;
			return { ok: false, kind: 'invalid', errors };
		}
		if (data?.code === 'CONFLICT') return { ok: false, kind: 'conflict', message: e.message };
		if (data?.code === 'NOT_FOUND') return { ok: false, kind: 'not_found', message: e.message };
		if (data?.code === 'FORBIDDEN' || data?.code === 'UNAUTHORIZED') return { ok: false, kind: 'forbidden', message: e.message };
	}
	return { ok: false, kind: 'failed', message: errorMessage(e) };
}

export type Loaded<T> = { ok: true; value: T } | { ok: false; kind: 'forbidden' | 'network' | 'failed'; message: string };

async function load<T>(query: () => Promise<T>): Promise<Loaded<T>> {
	try {
		return { ok: true, value: await query() };
	} catch (e) {
		const r = refusal(e);
		return { ok: false, kind: r.kind === 'forbidden' || r.kind === 'network' ? r.kind : 'failed', message: 'message' in r ? r.message : '' };
	}
}

/** The newest published catalog, read from the server (a supervisor edits online, never a device copy). */
export const fetchLatestCatalog = () => load(() => api.catalog.latest.query());
export const fetchCatalogVersions = () => load(() => api.catalog.versions.query({ limit: 100 }));

export async function saveItem(mode: 'create' | 'update', baseVersion: number, item: ServiceItem): Promise<SaveOutcome> {
	try {
		const res = await api.catalog.saveItem.mutate({ mode, baseVersion, item: tidyItem(item) });
		return { ok: true, version: res.version, unchanged: res.unchanged };
	} catch (e) {
		return refusal(e);
	}
}

export async function removeItem(code: string): Promise<SaveOutcome> {
	try {
		const res = await api.catalog.removeItem.mutate({ code });
		return { ok: true, version: res.version, unchanged: false };
	} catch (e) {
		return refusal(e);
	}
}

/** Publishes one station's proxy list; an invalid code comes back as a problem naming it. */
export async function saveStationList(villageCode: string, itemCodes: string[]): Promise<SaveOutcome> {
	try {
		const res = await api.catalog.saveStationList.mutate({ villageCode, itemCodes });
		return { ok: true, version: res.version, unchanged: false };
	} catch (e) {
		return refusal(e);
	}
}

export const fetchVillages = () => load(() => api.org.villages.query());

/** Lines typed in a textarea become list entries; blank lines and optional empty texts are dropped. */
export function tidyItem(item: ServiceItem): ServiceItem {
	const lines = (xs: readonly string[]) => xs.map((x) => x.trim()).filter((x) => x.length > 0);
	const optional = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
	return {
		...item,
		code: item.code.trim(),
		subName: optional(item.subName),
		acceptanceConditions: lines(item.acceptanceConditions),
		processSteps: lines(item.processSteps),
		keywords: lines(item.keywords),
		fee: { amountYuan: item.fee.amountYuan, basis: optional(item.fee.basis) },
		materials: item.materials.map((m) => ({ ...m, id: m.id.trim(), reviewPoints: lines(m.reviewPoints), sample: optional(m.sample) })),
		formFields: item.formFields.map((f) => ({
			...f,
			key: f.key.trim(),
			help: optional(f.help),
			options: f.type === 'select' ? lines(f.options ?? []) : undefined
		}))
	};
}

/** Ids that are unique in `taken`: `material-3`, `step-2`… (an editor never asks a clerk to invent ids). */
export function freshId(prefix: string, taken: readonly string[]): string {
	for (let n = taken.length + 1; ; n++) if (!taken.includes(`${prefix}-${n}`)) return `${prefix}-${n}`;
}

export function blankMaterial(taken: readonly string[]): Material {
	return {
		id: freshId('material', taken),
		name: '',
		required: true,
		copies: 1,
		form: 'original_and_copy',
		source: 'applicant',
		reviewPoints: [''],
		replaceableByCommitment: false,
		notNeededIfVerifiableOnline: false
	};
}

export function blankStep(taken: readonly string[], departmentCode: string): ApprovalStep {
	return { id: freshId('step', taken), name: '', departmentCode, role: 'township_approver', skippable: false };
}

export function blankFormField(taken: readonly string[]): FormField {
	return { key: freshId('field', taken).replace('-', '_'), label: '', type: 'text', required: false };
}

/** A new item, pre-filled the way most village-proxied items are. */
export function blankItem(departmentCode: string): ServiceItem {
	return {
		code: '',
		mainName: '',
		departmentCode,
		type: 'public_service',
		legalBasis: '',
		acceptanceConditions: [''],
		statutoryLimitDays: 20,
		promisedLimitDays: 10,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: false,
		fee: { amountYuan: 0 },
		result: { kind: 'none' },
		deliveryOptions: ['station_pickup'],
		approvalChain: [
			{ id: 'first-review', name: '', departmentCode, role: 'township_approver', skippable: false },
			{ id: 'final-review', name: '', departmentCode, role: 'township_approver', skippable: false }
		],
		materials: [],
		formFields: [],
		processSteps: [''],
		consultation: '',
		crossArea: false,
		keywords: []
	};
}

/**
 * The problems to show at a field. A list typed one entry per line (`acceptanceConditions`) also
 * collects its entries' problems (`acceptanceConditions[2]`); other fields only their own path.
 */
export function problemsAt(errors: FieldErrors, path: string, list = false): string[] {
	const out: string[] = [];
	for (const [key, messages] of Object.entries(errors)) if (key === path || (list && key.startsWith(`${path}[`))) out.push(...messages);
	return out;
}

/** Where the editor shows a problem; a path not here goes to the summary above the form. */
const ITEM_FIELDS = ['code', 'mainName', 'subName', 'departmentCode', 'type', 'legalBasis', 'statutoryLimitDays', 'promisedLimitDays', 'villageHandling', 'proxyEligible', 'commitmentAllowed', 'crossArea', 'fee', 'fee.amountYuan', 'fee.basis', 'result', 'result.kind', 'result.certificateType', 'result.templateId', 'result.documentName', 'consultation', 'materials', 'approvalChain', 'formFields'];
const ITEM_LISTS = ['acceptanceConditions', 'processSteps', 'keywords', 'deliveryOptions'];
const MATERIAL_FIELDS = ['', '.id', '.name', '.required', '.copies', '.form', '.source', '.replaceableByCommitment', '.notNeededIfVerifiableOnline', '.sample'];
const STEP_FIELDS = ['', '.id', '.name', '.departmentCode', '.role', '.skippable'];
const FORM_FIELD_FIELDS = ['', '.key', '.label', '.type', '.required', '.help'];

export function unplacedProblems(errors: FieldErrors, item: ServiceItem): { path: string; message: string }[] {
	const exact = new Set<string>(ITEM_FIELDS);
	const lists = [...ITEM_LISTS];
	item.materials.forEach((_, i) => {
		for (const f of MATERIAL_FIELDS) exact.add(`materials[${i}]${f}`);
		lists.push(`materials[${i}].reviewPoints`);
	});
	item.approvalChain.forEach((_, i) => STEP_FIELDS.forEach((f) => exact.add(`approvalChain[${i}]${f}`)));
	item.formFields.forEach((_, i) => {
		for (const f of FORM_FIELD_FIELDS) exact.add(`formFields[${i}]${f}`);
		lists.push(`formFields[${i}].options`);
	});
	return Object.entries(errors).flatMap(([path, messages]) =>
		exact.has(path) || lists.some((l) => path === l || path.startsWith(`${l}[`)) ? [] : messages.map((message) => ({ path, message }))
	);
}

/** A DOM id for a field path: `materials[1].id` → `f-materials-1-id`. */
export function fieldId(path: string): string {
	return `f-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '')}`;
}

// ---- Spreadsheet files: plain HTTP with raw bodies (server/src/routes/catalog-files.ts) ----

const importErrorSchema = z.object({ row: z.number(), column: z.string(), message: z.string() }) satisfies z.ZodType<ImportError>;
const importAnswerSchema = z.union([
	z.object({ version: z.number(), itemCount: z.number() }),
	z.object({ error: z.literal('invalid_file'), errors: z.array(importErrorSchema) }),
	z.object({ error: z.string(), message: z.string().optional() })
]);

export type ImportOutcome =
	| { ok: true; version: number; itemCount: number }
	| { ok: false; errors: ImportError[] }
	| { ok: false; status: number; message: string };

export function formatOfFile(name: string): SpreadsheetFormat | undefined {
	const ext = name.toLowerCase().split('.').at(-1);
	return ext === 'xlsx' || ext === 'csv' ? ext : undefined;
}

export async function importCatalogFile(file: Blob, format: SpreadsheetFormat): Promise<ImportOutcome> {
	let res: Response;
	try {
		res = await fetch(`/api/catalog/import?format=${format}`, {
			method: 'POST',
			credentials: 'same-origin',
			headers: { 'content-type': 'application/octet-stream' },
			body: file
		});
	} catch (e) {
		return { ok: false, status: 0, message: errorMessage(e) };
	}
	const parsed = importAnswerSchema.safeParse(await res.json().catch(() => null));
	if (!parsed.success) return { ok: false, status: res.status, message: res.statusText };
	const answer = parsed.data;
	if ('version' in answer) return { ok: true, version: answer.version, itemCount: answer.itemCount };
	if ('errors' in answer) return { ok: false, errors: answer.errors };
	return { ok: false, status: res.status, message: answer.message ?? answer.error };
}

/** RFC 6266 / 5987: the UTF-8 name when given, else the plain one. */
function filenameOf(disposition: string | null, fallback: string): string {
	const utf8 = disposition?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
	if (utf8) {
		try {
			return decodeURIComponent(utf8);
		} catch {
			// A malformed name: fall through to the plain one.
		}
	}
	return disposition?.match(/filename="([^"]+)"/i)?.[1] ?? fallback;
}

/**
 * Fetches the export and hands it to the browser as a download. Fetched rather than linked: the
 * service worker answers every navigation with the app shell, and a fetch also lets the page say why
 * a download was refused.
 */
export async function downloadCatalogFile(format: SpreadsheetFormat): Promise<{ ok: true; filename: string } | { ok: false; status: number; message: string }> {
	let res: Response;
	try {
		res = await fetch(`/api/catalog/export.${format}`, { credentials: 'same-origin' });
	} catch (e) {
		return { ok: false, status: 0, message: errorMessage(e) };
	}
	if (!res.ok) {
		const body = (await res.json().catch(() => null)) as { message?: string } | null;
		return { ok: false, status: res.status, message: body?.message ?? res.statusText };
	}
	const filename = filenameOf(res.headers.get('content-disposition'), `catalog.${format}`);
	const url = URL.createObjectURL(await res.blob());
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	document.body.append(a);
	a.click();
	a.remove();
	// Revoked later: the browser reads the blob after the click returns.
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
	return { ok: true, filename };
}
