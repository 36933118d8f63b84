import { describe, expect, it } from 'vitest';
import { bumpCatalog, pruneStationLists } from './catalog-version';
import { validateCatalog } from './catalog-validation';
import { catalogSchema } from './item.schema';
import { seedCatalog, seedCatalogInput } from './seed';
import { partitionByStation, stationFirst, stationItemCodes } from './station-list';

const CHENGHU = '360121100201';

describe('station lists', () => {
	it('the seed publishes a list of about 30 proxy items for 澄湖村 and a shorter one for 莲西村', () => {
		expect(stationItemCodes(seedCatalog, CHENGHU)).toHaveLength(30);
		expect(stationItemCodes(seedCatalog, '360121100202')).toHaveLength(18);
		expect(stationItemCodes(seedCatalog, '360121100299')).toEqual([]);
		expect(stationItemCodes(seedCatalog, undefined)).toEqual([]);
	});

	it('partitions items into the station list, in its published order, and the rest', () => {
		const items = [{ code: 'A' }, { code: 'B' }, { code: 'C' }, { code: 'D' }];
		expect(partitionByStation(items, ['C', 'A'])).toEqual({ station: [{ code: 'C' }, { code: 'A' }], others: [{ code: 'B' }, { code: 'D' }] });
	});

	it('moves the station items ahead of search hits without reordering inside either group', () => {
		const hits = [{ code: 'X' }, { code: 'A' }, { code: 'Y' }, { code: 'B' }];
		expect(stationFirst(hits, ['B', 'A']).map((h) => h.code)).toEqual(['A', 'B', 'X', 'Y']);
	});

	it('a catalog published before station lists existed parses with none', () => {
		const { stationLists: _ignored, ...old } = seedCatalog;
		expect(catalogSchema.parse(old).stationLists).toEqual([]);
	});

	it('refuses unknown items, items not handled by proxy, duplicates and two lists for one village', () => {
		const notProxied = seedCatalog.items.find((i) => !i.proxyEligible);
		expect(notProxied).toBeDefined();
		const result = validateCatalog({
			...seedCatalogInput,
			stationLists: [
				{ villageCode: CHENGHU, itemCodes: ['NOPE-001', notProxied!.code, 'MZ-DB-001', 'MZ-DB-001'] },
				{ villageCode: CHENGHU, itemCodes: ['MZ-DB-001'] }
			]
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		const messages = result.problems.map((p) => `${p.path}: ${p.message}`);
		expect(messages).toEqual([
			`stationLists[0].itemCodes[0]: station list of ${CHENGHU} refers to unknown item NOPE-001`,
			`stationLists[0].itemCodes[1]: station list of ${CHENGHU}: item ${notProxied!.code} is not handled by proxy`,
			`stationLists[0].itemCodes[3]: station list of ${CHENGHU} lists item MZ-DB-001 twice`,
			`stationLists[1].villageCode: village ${CHENGHU} has two station lists`
		]);
	});

	it('a new catalog version keeps the lists, replaces a village list when given, and drops withdrawn items', () => {
		const next = bumpCatalog(seedCatalog, {
			removeItemCodes: ['SF-RMTJ-001'],
			upsertStationLists: [{ villageCode: '360121100202', itemCodes: ['MZ-DB-001', 'WJ-LNYD-001'] }]
		});
		expect(stationItemCodes(next, CHENGHU)).toHaveLength(29);
		expect(stationItemCodes(next, CHENGHU)).not.toContain('SF-RMTJ-001');
		expect(stationItemCodes(next, '360121100202')).toEqual(['MZ-DB-001', 'WJ-LNYD-001']);
		// An empty list withdraws the station's list.
		const withdrawn = bumpCatalog(next, { upsertStationLists: [{ villageCode: '360121100202', itemCodes: [] }] });
		expect(withdrawn.stationLists.map((l) => l.villageCode)).toEqual([CHENGHU]);
	});

	it('an imported item list (items only) prunes the lists of what it no longer has or no longer proxies', () => {
		const lists = [
			{ villageCode: CHENGHU, itemCodes: ['A', 'B', 'C'] },
			{ villageCode: '360121100202', itemCodes: ['C'] }
		];
		const items = [
			{ code: 'A', proxyEligible: true },
			{ code: 'B', proxyEligible: false }
		];
		expect(pruneStationLists(lists, items)).toEqual([{ villageCode: CHENGHU, itemCodes: ['A'] }]);
	});
});
