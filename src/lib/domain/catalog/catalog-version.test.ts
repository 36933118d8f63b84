import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { findItem } from './catalog';
import { bumpCatalog, versionsToKeep } from './catalog-version';
import { seedCatalog } from './seed';

describe('bumpCatalog', () => {
	const at = new Date('2025-03-01T02:00:00Z');

	it('returns version + 1 with the change applied and leaves the old catalog untouched', () => {
		const before = structuredClone(seedCatalog);
		const item = { ...findItem(seedCatalog, 'MZ-GLJT-001')!, promisedLimitDays: 5 };
		const next = bumpCatalog(seedCatalog, { upsertItems: [item], removeItemCodes: ['NYNC-NJBT-001'] }, at);
		expect(next.version).toBe(seedCatalog.version + 1);
		expect(next.publishedAt).toBe('2025-03-01T02:00:00.000Z');
		expect(findItem(next, 'MZ-GLJT-001')?.promisedLimitDays).toBe(5);
		expect(findItem(next, 'NYNC-NJBT-001')).toBeUndefined();
		expect(next.items.map((i) => i.code).indexOf('MZ-GLJT-001')).toBe(seedCatalog.items.map((i) => i.code).indexOf('MZ-GLJT-001'));
		expect(seedCatalog).toEqual(before);
		next.items[0]!.materials[0]!.reviewPoints.push('mutating the new version');
		expect(seedCatalog).toEqual(before);
	});

	it('appends new items and bundles', () => {
		const item = { ...findItem(seedCatalog, 'MZ-GLJT-001')!, code: 'MZ-GLJT-002', subName: '百岁老人长寿补贴' };
		const next = bumpCatalog(seedCatalog, { upsertItems: [item], upsertBundles: [{ code: 'YJS-LN-001', name: '养老一件事', description: '高龄津贴和老年人优待证一次办', itemCodes: ['MZ-GLJT-002', 'WJ-LNYD-001'], promisedLimitDays: 10 }] }, at);
		expect(next.items.at(-1)?.code).toBe('MZ-GLJT-002');
		expect(next.bundles.at(-1)?.code).toBe('YJS-LN-001');
	});

	it('refuses a change that leaves the catalog invalid, listing the problems', () => {
		try {
			bumpCatalog(seedCatalog, { removeItemCodes: ['GA-HJ-002'] }, at);
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(DomainError);
			expect((e as DomainError).code).toBe('VALIDATION');
			expect(JSON.stringify((e as DomainError).details)).toContain('GA-HJ-002');
		}
	});
});

describe('versionsToKeep', () => {
	it('keeps the current version and those open cases were started under', () => {
		expect(versionsToKeep(4, [{ catalogVersion: 2 }, { catalogVersion: 4 }, { catalogVersion: 2 }])).toEqual([2, 4]);
		expect(versionsToKeep(1, [])).toEqual([1]);
	});
});
