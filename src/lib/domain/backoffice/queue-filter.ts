import { z } from 'zod';
import { caseStatusSchema, type CaseStatus } from '../case/status';

/**
 * The township queue's filters, one schema for the tRPC input and for the page URL, so a
 * copied link reproduces the view (same statuses, filters, search and page).
 */

export const deadlineLightFilterSchema = z.enum(['on_time', 'amber', 'red', 'paused', 'not_started']);
export type DeadlineLightFilter = z.infer<typeof deadlineLightFilterSchema>;

/** How long a case has waited since it reached the township (calendar days). */
export const waitingBucketSchema = z.enum(['today', 'd1_3', 'd4_7', 'over_7']);
export type WaitingBucket = z.infer<typeof waitingBucketSchema>;

/** Inclusive day ranges of each bucket; `max` null means open-ended. */
export const WAITING_BUCKET_DAYS: Readonly<Record<WaitingBucket, { min: number; max: number | null }>> = {
	today: { min: 0, max: 0 },
	d1_3: { min: 1, max: 3 },
	d4_7: { min: 4, max: 7 },
	over_7: { min: 8, max: null }
};

export const QUEUE_PAGE_SIZE = 20;
export const DEFAULT_QUEUE_STATUSES: readonly CaseStatus[] = ['received'];

export const queueFilterSchema = z.object({
	statuses: z.array(caseStatusSchema).min(1).max(20).default([...DEFAULT_QUEUE_STATUSES]),
	villageCode: z.string().regex(/^\d{12}$/, 'village code: 12 digits').optional(),
	itemCode: z.string().min(1).max(40).optional(),
	departmentCode: z.string().min(1).max(20).optional(),
	light: deadlineLightFilterSchema.optional(),
	waiting: waitingBucketSchema.optional(),
	search: z.string().trim().max(40).optional(),
	page: z.number().int().min(1).max(10_000).default(1),
	pageSize: z.number().int().min(1).max(100).default(QUEUE_PAGE_SIZE)
});
export type QueueFilter = z.infer<typeof queueFilterSchema>;
export type QueueFilterInput = z.input<typeof queueFilterSchema>;

/**
 * What a search term means. Staff type whatever the applicant shows them: a case number, a
 * name, the last four characters of the ID number, or the masked form printed on paper
 * (3601**********1234). An ID search never takes more than the first 4 and last 4, so the
 * search box cannot be used to probe a full ID number.
 */
export type SearchTerm =
	| { kind: 'masked_id'; first4: string; last4: string }
	| { kind: 'id_last4'; last4: string }
	| { kind: 'case_number'; fragment: string }
	| { kind: 'name'; fragment: string };

const MASKED_ID = /^(\d{4})\*+(\d{3}[\dX])$/;
const LAST4 = /^\d{3}[\dX]$/;
/** Case numbers are digits, capitals and dashes; 6+ such characters with a digit read as one. */
const CASE_NUMBER_FRAGMENT = /^(?=.*\d)[0-9A-Z-]{6,}$/;

export function parseSearchTerm(raw: string | undefined): SearchTerm | null {
	const term = (raw ?? '').trim().replace(/\s+/g, '');
	if (term.length === 0) return null;
	const upper = term.toUpperCase().replace(/＊/g, '*');
	const masked = MASKED_ID.exec(upper);
	if (masked) return { kind: 'masked_id', first4: masked[1]!, last4: masked[2]! };
	if (LAST4.test(upper)) return { kind: 'id_last4', last4: upper };
	if (CASE_NUMBER_FRAGMENT.test(upper)) return { kind: 'case_number', fragment: upper };
	return { kind: 'name', fragment: term };
}

/** Calendar days between two instants' China dates (0 = same day). */
export function waitingDays(receivedAt: string, now: string): number {
	const day = (iso: string) => Math.floor((Date.parse(iso) + 8 * 3_600_000) / 86_400_000);
	return Math.max(0, day(now) - day(receivedAt));
}

export function inWaitingBucket(days: number, bucket: WaitingBucket): boolean {
	const range = WAITING_BUCKET_DAYS[bucket];
	return days >= range.min && (range.max === null || days <= range.max);
}

// ---------------------------------------------------------------------------------------------
// URL form: short keys, defaults left out, so links stay readable.

const PARAM = {
	statuses: 'status',
	villageCode: 'village',
	itemCode: 'item',
	departmentCode: 'dept',
	light: 'light',
	waiting: 'waiting',
	search: 'q',
	page: 'page'
} as const;

/**
 * The filter a URL describes. Unknown or malformed values are dropped one by one (a stale
 * bookmark still opens the queue) rather than failing the whole page.
 */
export function filterFromSearchParams(params: URLSearchParams): QueueFilter {
	const pick = <T>(schema: z.ZodType<T>, value: unknown): T | undefined => {
		const parsed = schema.safeParse(value);
		return parsed.success ? parsed.data : undefined;
	};
	const statuses = params
		.getAll(PARAM.statuses)
		.flatMap((s) => s.split(','))
		.map((s) => pick(caseStatusSchema, s))
		.filter((s): s is CaseStatus => s !== undefined);
	const shape = queueFilterSchema.shape;
	const raw = {
		statuses: statuses.length > 0 ? [...new Set(statuses)] : undefined,
		villageCode: pick(shape.villageCode, params.get(PARAM.villageCode) ?? undefined),
		itemCode: pick(shape.itemCode, params.get(PARAM.itemCode) ?? undefined),
		departmentCode: pick(shape.departmentCode, params.get(PARAM.departmentCode) ?? undefined),
		light: pick(shape.light, params.get(PARAM.light) ?? undefined),
		waiting: pick(shape.waiting, params.get(PARAM.waiting) ?? undefined),
		search: pick(shape.search, params.get(PARAM.search) ?? undefined) || undefined,
		page: pick(z.coerce.number().int().min(1).max(10_000), params.get(PARAM.page) ?? undefined)
	};
	return queueFilterSchema.parse(raw);
}

export function filterToSearchParams(filter: QueueFilterInput): URLSearchParams {
	const f = queueFilterSchema.parse(filter);
	const params = new URLSearchParams();
	if (f.statuses.join() !== DEFAULT_QUEUE_STATUSES.join()) params.set(PARAM.statuses, f.statuses.join(','));
	if (f.villageCode) params.set(PARAM.villageCode, f.villageCode);
	if (f.itemCode) params.set(PARAM.itemCode, f.itemCode);
	if (f.departmentCode) params.set(PARAM.departmentCode, f.departmentCode);
	if (f.light) params.set(PARAM.light, f.light);
	if (f.waiting) params.set(PARAM.waiting, f.waiting);
	if (f.search) params.set(PARAM.search, f.search);
	if (f.page > 1) params.set(PARAM.page, String(f.page));
	return params;
}
