import { DomainError } from '../errors';
import { validateCatalog } from './catalog-validation';
import type { Bundle, Catalog, Department, ServiceItemInput } from './item.schema';

/*
 * A catalog is published as a whole, immutable document with an increasing version. A case records the
 * `catalogVersion` it was started under (case.schema.ts) and is accepted, reviewed and timed against that
 * version, even if a newer one arrives while it is open: a villager is never asked for a material that
 * was not on the notification slip they were handed. Devices therefore keep every version that an open
 * case on them still refers to (see versionsToKeep), and the server keeps all published versions.
 */

export interface CatalogChange {
	/** Replaces the item with the same code in place, or appends it. */
	upsertItems?: readonly ServiceItemInput[];
	removeItemCodes?: readonly string[];
	upsertBundles?: readonly Bundle[];
	removeBundleCodes?: readonly string[];
	/** Replaces the department list when given. */
	departments?: readonly Department[];
}

function upsert<T extends { code: string }>(list: readonly T[], changes: readonly T[] = [], remove: readonly string[] = []): T[] {
	const removed = new Set(remove);
	const byCode = new Map(changes.map((c) => [c.code, c]));
	const next = list.filter((x) => !removed.has(x.code)).map((x) => byCode.get(x.code) ?? x);
	const present = new Set(next.map((x) => x.code));
	return [...next, ...changes.filter((c) => !present.has(c.code) && !removed.has(c.code))];
}

/**
 * The next version of the catalog with `change` applied; the given catalog is left untouched. Throws
 * DomainError VALIDATION, with every problem in `details.problems`, if the result would be invalid
 * (for instance removing an item a bundle still lists).
 */
export function bumpCatalog(catalog: Catalog, change: CatalogChange, publishedAt: Date = new Date()): Catalog {
	const candidate = {
		version: catalog.version + 1,
		publishedAt: publishedAt.toISOString(),
		departments: [...(change.departments ?? catalog.departments)],
		items: upsert<ServiceItemInput>(catalog.items, change.upsertItems, change.removeItemCodes),
		bundles: upsert<Bundle>(catalog.bundles, change.upsertBundles, change.removeBundleCodes)
	};
	const result = validateCatalog(candidate);
	if (!result.ok)
		throw new DomainError('VALIDATION', `catalog version ${candidate.version} is invalid: ${result.problems.length} problem(s)`, {
			problems: result.problems
		});
	return result.catalog;
}

/** The catalog versions a device must keep: the current one and every version an open case was started under. */
export function versionsToKeep(currentVersion: number, openCases: readonly { catalogVersion: number }[]): number[] {
	return [...new Set([currentVersion, ...openCases.map((c) => c.catalogVersion)])].sort((a, b) => a - b);
}
