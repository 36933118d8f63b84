/** Grouping and ordering of the grid worker's list: pure, so it is unit-tested without a browser. */

export type DeliverySort = 'village' | 'waiting';

export interface ListedDelivery {
	caseId: string;
	villageCode: string;
	villageName: string;
	gridCode: string | null;
	gridName: string | null;
	assignedAt: string;
}

export interface DeliveryGroup<T extends ListedDelivery> {
	key: string;
	villageName: string;
	gridName: string | null;
	items: T[];
}

const byWaiting = (a: ListedDelivery, b: ListedDelivery) => a.assignedAt.localeCompare(b.assignedAt) || a.caseId.localeCompare(b.caseId);

/**
 * Groups by village and grid. `village`: groups in village name order (collated for Chinese), grids
 * by code; `waiting`: the group holding the longest-waiting delivery first. Inside a group the
 * longest-waiting delivery comes first either way.
 */
export function groupDeliveries<T extends ListedDelivery>(list: readonly T[], sort: DeliverySort): DeliveryGroup<T>[] {
	const groups = new Map<string, DeliveryGroup<T>>();
	for (const d of list) {
		const key = `${d.villageCode}/${d.gridCode ?? ''}`;
		let g = groups.get(key);
		if (!g) {
			g = { key, villageName: d.villageName, gridName: d.gridName, items: [] };
			groups.set(key, g);
		}
		g.items.push(d);
	}
	const out = [...groups.values()];
	for (const g of out) g.items.sort(byWaiting);
	const collator = new Intl.Collator('zh-CN');
	if (sort === 'village') {
		out.sort((a, b) => collator.compare(a.villageName, b.villageName) || a.key.localeCompare(b.key));
	} else {
		out.sort((a, b) => (a.items[0] && b.items[0] ? byWaiting(a.items[0], b.items[0]) : 0));
	}
	return out;
}

/** Whole days since the delivery was assigned (0 on the day itself). */
export function waitingDays(assignedAt: string, now: Date): number {
	return Math.max(0, Math.floor((now.getTime() - Date.parse(assignedAt)) / 86_400_000));
}
