import { z } from 'zod';
import { mergeFormFields } from './form-merge';
import {
	bundleSchema,
	catalogSchema,
	departmentSchema,
	serviceItemSchema,
	stationListSchema,
	type Bundle,
	type Catalog,
	type Department,
	type ServiceItem,
	type StationList
} from './item.schema';

export type ProblemPath = (string | number)[];
export interface CatalogProblem {
	/** Like `items[3].approvalChain[0].departmentCode`. */
	path: string;
	message: string;
}
export type CatalogValidation = { ok: true; catalog: Catalog } | { ok: false; problems: CatalogProblem[] };

export function formatPath(path: readonly PropertyKey[]): string {
	return path
		.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
		.join('');
}

/**
 * Rules one item must satisfy beyond its schema, given the departments that exist. Shared with the
 * spreadsheet import, which maps the paths to columns.
 */
export function itemProblems(item: ServiceItem, departmentCodes: ReadonlySet<string>): { path: ProblemPath; message: string }[] {
	const problems: { path: ProblemPath; message: string }[] = [];
	if (!departmentCodes.has(item.departmentCode))
		problems.push({ path: ['departmentCode'], message: `unknown department ${item.departmentCode}` });

	const stepIds = new Set<string>();
	for (const [i, step] of item.approvalChain.entries()) {
		if (!departmentCodes.has(step.departmentCode))
			problems.push({ path: ['approvalChain', i, 'departmentCode'], message: `unknown department ${step.departmentCode}` });
		if (stepIds.has(step.id)) problems.push({ path: ['approvalChain', i, 'id'], message: `duplicate step id ${step.id}` });
		stepIds.add(step.id);
		// Only a village-completed item is signed off by the agent; otherwise the agent would approve their own intake.
		if ((step.role === 'village_agent') !== (item.villageHandling === 'village_complete'))
			problems.push({
				path: ['approvalChain', i, 'role'],
				message:
					item.villageHandling === 'village_complete'
						? 'an item completed at village level is signed off by the village agent'
						: 'a village agent may only sign off items completed at village level'
			});
	}
	const last = item.approvalChain.at(-1);
	if (last?.skippable)
		problems.push({ path: ['approvalChain', item.approvalChain.length - 1, 'skippable'], message: 'the final step cannot be skipped' });

	if (item.proxyEligible && item.villageHandling === 'township_only')
		problems.push({ path: ['villageHandling'], message: 'a proxy-eligible item must be accepted at village level' });
	if (!item.proxyEligible && item.villageHandling !== 'township_only')
		problems.push({ path: ['proxyEligible'], message: 'an item accepted at village level must be proxy-eligible' });

	const keys = new Set<string>();
	for (const [i, f] of item.formFields.entries()) {
		if (keys.has(f.key)) problems.push({ path: ['formFields', i, 'key'], message: `duplicate form field key ${f.key}` });
		keys.add(f.key);
		if (f.type === 'select' && (f.options ?? []).length === 0)
			problems.push({ path: ['formFields', i, 'options'], message: `select field ${f.key} has no options` });
	}
	return problems;
}

const envelopeSchema = z.object({
	version: catalogSchema.shape.version,
	publishedAt: catalogSchema.shape.publishedAt,
	departments: z.array(z.unknown()),
	items: z.array(z.unknown()),
	bundles: z.array(z.unknown()),
	stationLists: z.array(z.unknown()).default([])
});

function codeOf(value: unknown): string | undefined {
	if (typeof value !== 'object' || value === null || !('code' in value)) return undefined;
	return typeof value.code === 'string' ? value.code : undefined;
}

/** Codes as written, even on elements that fail their schema, so one bad item does not cascade into "unknown item" elsewhere. */
function duplicateProblems(list: readonly unknown[], prefix: string, what: string): { codes: Set<string>; problems: CatalogProblem[] } {
	const codes = new Set<string>();
	const problems: CatalogProblem[] = [];
	for (const [i, el] of list.entries()) {
		const code = codeOf(el);
		if (code === undefined) continue;
		if (codes.has(code)) problems.push({ path: formatPath([prefix, i, 'code']), message: `duplicate ${what} code ${code}` });
		codes.add(code);
	}
	return { codes, problems };
}

function parseEach<T>(list: readonly unknown[], schema: z.ZodType<T>, prefix: string, problems: CatalogProblem[]): [number, T][] {
	const parsed: [number, T][] = [];
	for (const [i, el] of list.entries()) {
		const r = schema.safeParse(el);
		if (r.success) parsed.push([i, r.data]);
		else for (const issue of r.error.issues) problems.push({ path: formatPath([prefix, i, ...issue.path]), message: issue.message });
	}
	return parsed;
}

function bundleProblems(i: number, bundle: Bundle, items: ReadonlyMap<string, ServiceItem>, itemCodes: ReadonlySet<string>): CatalogProblem[] {
	const problems: CatalogProblem[] = [];
	const seen = new Set<string>();
	for (const [j, code] of bundle.itemCodes.entries()) {
		const path = formatPath(['bundles', i, 'itemCodes', j]);
		if (!itemCodes.has(code)) problems.push({ path, message: `bundle ${bundle.code} refers to unknown item ${code}` });
		if (seen.has(code)) problems.push({ path, message: `bundle ${bundle.code} lists item ${code} twice` });
		seen.add(code);
	}
	const members = bundle.itemCodes.flatMap((c) => items.get(c) ?? []);
	for (const c of mergeFormFields(members).conflicts)
		problems.push({ path: formatPath(['bundles', i, 'itemCodes']), message: `bundle ${bundle.code}: ${c.message}` });
	return problems;
}

/** A station may only publish items that exist and can be handled by proxy, each once; one list per village. */
function stationListProblems(
	lists: readonly [number, StationList][],
	items: ReadonlyMap<string, ServiceItem>,
	itemCodes: ReadonlySet<string>
): CatalogProblem[] {
	const problems: CatalogProblem[] = [];
	const villages = new Set<string>();
	for (const [i, list] of lists) {
		if (villages.has(list.villageCode))
			problems.push({ path: formatPath(['stationLists', i, 'villageCode']), message: `village ${list.villageCode} has two station lists` });
		villages.add(list.villageCode);
		const seen = new Set<string>();
		for (const [j, code] of list.itemCodes.entries()) {
			const path = formatPath(['stationLists', i, 'itemCodes', j]);
			const item = items.get(code);
			if (!itemCodes.has(code)) problems.push({ path, message: `station list of ${list.villageCode} refers to unknown item ${code}` });
			else if (item && !item.proxyEligible) problems.push({ path, message: `station list of ${list.villageCode}: item ${code} is not handled by proxy` });
			if (seen.has(code)) problems.push({ path, message: `station list of ${list.villageCode} lists item ${code} twice` });
			seen.add(code);
		}
	}
	return problems;
}

/**
 * The schema, then what the schema cannot see: unique codes, departments and items that are referred to
 * exist, approval chains that make sense, bundles whose merged form is unambiguous. Every problem is
 * returned at once, each with its path, so a supervisor fixes a catalog in one pass.
 */
export function validateCatalog(input: unknown): CatalogValidation {
	const envelope = envelopeSchema.safeParse(input);
	if (!envelope.success)
		return { ok: false, problems: envelope.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
	const raw = envelope.data;
	const problems: CatalogProblem[] = [];

	const depts = duplicateProblems(raw.departments, 'departments', 'department');
	const itemCodes = duplicateProblems(raw.items, 'items', 'item');
	const bundleCodes = duplicateProblems(raw.bundles, 'bundles', 'bundle');
	problems.push(...depts.problems, ...itemCodes.problems, ...bundleCodes.problems);

	const departments = parseEach<Department>(raw.departments, departmentSchema, 'departments', problems);
	const items = parseEach<ServiceItem>(raw.items, serviceItemSchema, 'items', problems);
	const bundles = parseEach<Bundle>(raw.bundles, bundleSchema, 'bundles', problems);
	const stationLists = parseEach<StationList>(raw.stationLists, stationListSchema, 'stationLists', problems);

	for (const [i, item] of items)
		for (const p of itemProblems(item, depts.codes))
			problems.push({ path: formatPath(['items', i, ...p.path]), message: `item ${item.code}: ${p.message}` });

	const itemsByCode = new Map(items.map(([, item]) => [item.code, item]));
	for (const [i, bundle] of bundles) problems.push(...bundleProblems(i, bundle, itemsByCode, itemCodes.codes));
	problems.push(...stationListProblems(stationLists, itemsByCode, itemCodes.codes));

	if (problems.length > 0) return { ok: false, problems };
	return {
		ok: true,
		catalog: {
			version: raw.version,
			publishedAt: raw.publishedAt,
			departments: departments.map(([, d]) => d),
			items: items.map(([, item]) => item),
			bundles: bundles.map(([, b]) => b),
			stationLists: stationLists.map(([, l]) => l)
		}
	};
}
