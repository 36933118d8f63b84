import { DomainError } from '../errors';
import { validateCatalog } from './catalog-validation';
import type { Bundle, Catalog, Department, ServiceItemInput, StationList } from './item.schema';

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
	/** Replaces the list of each village named (an empty item list withdraws the station's list). */
	upsertStationLists?: readonly StationList[];
}

/**
 * Station lists after the change. An item withdrawn from the catalog (or no longer handled by proxy)
 * silently leaves every station's list: a station cannot keep offering what the county withdrew, and the
 * supervisor removing an item should not first have to edit thirty village lists.
 */
function nextStationLists(current: readonly StationList[], change: CatalogChange, items: readonly ServiceItemInput[]): StationList[] {
	const byVillage = new Map(pruneStationLists(current, items).map((l) => [l.villageCode, l]));
	// A list given in this change is validated as sent: a typo in it is an error, not a silent drop.
	for (const l of change.upsertStationLists ?? []) {
		if (l.itemCodes.length === 0) byVillage.delete(l.villageCode);
		else byVillage.set(l.villageCode, l);
	}
	return [...byVillage.values()].sort((a, b) => a.villageCode.localeCompare(b.villageCode));
}

/** Station lists without the items that are gone or no longer handled by proxy; a list left empty is dropped. */
export function pruneStationLists(lists: readonly StationList[], items: readonly Pick<ServiceItemInput, 'code' | 'proxyEligible'>[]): StationList[] {
	const proxied = new Set(items.filter((i) => i.proxyEligible).map((i) => i.code));
	return lists
		.map((l) => ({ villageCode: l.villageCode, itemCodes: l.itemCodes.filter((c) => proxied.has(c)) }))
		.filter((l) => l.itemCodes.length > 0)
		.sort((a, b) => a.villageCode.localeCompare(b.villageCode));
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
	const items = upsert<ServiceItemInput>(catalog.items, change.upsertItems, change.removeItemCodes);
	const candidate = {
		version: catalog.version + 1,
		publishedAt: publishedAt.toISOString(),
		departments: [...(change.departments ?? catalog.departments)],
		items,
		bundles: upsert<Bundle>(catalog.bundles, change.upsertBundles, change.removeBundleCodes),
		stationLists: nextStationLists(catalog.stationLists, change, items)
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
