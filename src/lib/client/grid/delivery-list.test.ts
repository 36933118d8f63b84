import { describe, expect, it } from 'vitest';
import { groupDeliveries, waitingDays, type ListedDelivery } from './delivery-list';

const d = (caseId: string, villageName: string, gridName: string | null, assignedAt: string): ListedDelivery => ({
	caseId,
	villageCode: villageName === '澄湖村' ? '360121100201' : '360121100202',
	villageName,
	gridCode: gridName,
	gridName,
	assignedAt
});

describe('grid delivery list', () => {
	const list = [
		d('a', '莲西村', '莲西一', '2026-11-22T00:00:00Z'),
		d('b', '澄湖村', '澄湖二', '2026-11-20T00:00:00Z'),
		d('c', '澄湖村', '澄湖一', '2026-11-21T00:00:00Z'),
		d('e', '澄湖村', '澄湖一', '2026-11-19T00:00:00Z')
	];
	it('groups by village and grid, village order, the longest wait first inside', () => {
		const groups = groupDeliveries(list, 'village');
		expect(groups.map((g) => `${g.villageName}/${g.gridName}`)).toEqual(['澄湖村/澄湖一', '澄湖村/澄湖二', '莲西村/莲西一']);
		expect(groups[0]?.items.map((x) => x.caseId)).toEqual(['e', 'c']);
	});
	it('sorted by waiting time: the group with the longest-waiting delivery first', () => {
		expect(groupDeliveries(list, 'waiting').map((g) => g.items[0]?.caseId)).toEqual(['e', 'b', 'a']);
	});
	it('counts whole days waited', () => {
		expect(waitingDays('2026-11-20T08:00:00Z', new Date('2026-11-23T07:59:59Z'))).toBe(2);
		expect(waitingDays('2026-11-23T08:00:00Z', new Date('2026-11-23T07:00:00Z'))).toBe(0);
	});
});
