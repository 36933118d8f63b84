import type { Catalog, ServiceItem } from './item.schema';

/** The item codes a village station publishes, in its published order; empty when it has no list. */
export function stationItemCodes(catalog: Pick<Catalog, 'stationLists'>, villageCode: string | undefined): string[] {
	if (!villageCode) return [];
	return catalog.stationLists.find((l) => l.villageCode === villageCode)?.itemCodes ?? [];
}

/**
 * Splits items into the station's published list (in the list's order) and the rest (in their given
 * order). The agent sees her station's list first; the rest stays reachable, because a villager may
 * ask for an item the station does not usually handle and the county still allows it by proxy.
 */
export function partitionByStation<T extends Pick<ServiceItem, 'code'>>(
	items: readonly T[],
	stationCodes: readonly string[]
): { station: T[]; others: T[] } {
	const rank = new Map(stationCodes.map((code, i) => [code, i]));
	const station = items.filter((i) => rank.has(i.code)).sort((a, b) => (rank.get(a.code) ?? 0) - (rank.get(b.code) ?? 0));
	const others = items.filter((i) => !rank.has(i.code));
	return { station, others };
}

/**
 * Search hits with the station's items moved ahead of the others, each group keeping the search's own
 * relevance order (a stable partition, not a re-ranking by list position).
 */
export function stationFirst<T extends Pick<ServiceItem, 'code'>>(hits: readonly T[], stationCodes: readonly string[]): T[] {
	const listed = new Set(stationCodes);
	return [...hits.filter((h) => listed.has(h.code)), ...hits.filter((h) => !listed.has(h.code))];
}
