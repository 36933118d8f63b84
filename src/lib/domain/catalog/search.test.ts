import { describe, expect, it } from 'vitest';
import { buildSearchIndex, searchItems } from './search';
import { seedCatalog } from './seed';

const index = buildSearchIndex(seedCatalog.items);
const codes = (q: string) => searchItems(index, q).map((h) => h.item.code);

describe('searchItems', () => {
	it('finds 低保 by pinyin initials, full pinyin and Chinese', () => {
		expect(codes('dbsq')[0]).toBe('MZ-DB-001');
		expect(codes('dibao')[0]).toBe('MZ-DB-001');
		expect(codes('低保')[0]).toBe('MZ-DB-001');
		expect(codes('DiBao')[0]).toBe('MZ-DB-001');
		expect(codes('di bao')[0]).toBe('MZ-DB-001');
	});

	it('finds the disability certificate for 残疾 and for its initials', () => {
		expect(codes('残疾')).toContain('CL-CJZ-001');
		expect(codes('残疾人证')[0]).toBe('CL-CJZ-001');
		expect(codes('cjrz')[0]).toBe('CL-CJZ-001');
		expect(codes('canji')).toContain('CL-CJZ-001');
	});

	it('ranks prefix matches before matches inside a name, whatever the catalog order', () => {
		const base = seedCatalog.items[0]!;
		const inside = { ...base, code: 'T-0001', mainName: '困难残疾人生活补贴', subName: undefined, keywords: [] };
		const prefix = { ...base, code: 'T-0002', mainName: '残疾人证核发', subName: undefined, keywords: [] };
		const small = buildSearchIndex([inside, prefix]);
		expect(searchItems(small, '残疾').map((h) => h.item.code)).toEqual(['T-0002', 'T-0001']);
		expect(searchItems(small, 'cj').map((h) => h.item.code)).toEqual(['T-0002', 'T-0001']);
	});

	it('ranks an exact match above a prefix match', () => {
		// "社保卡" is exactly a keyword of the application item and a prefix of the replacement's keywords.
		const hits = searchItems(index, '社保卡');
		expect(hits[0]?.item.code).toBe('RS-SBK-001');
		expect(hits[0]!.score).toBeGreaterThan(hits.find((h) => h.item.code === 'RS-SBK-002')!.score);
	});

	it('matches full pinyin only from the start of a syllable', () => {
		expect(codes('bao')).toContain('MZ-DB-001');
		expect(codes('ao')).not.toContain('MZ-DB-001');
	});

	it('matches item codes, and nothing for an empty query', () => {
		expect(codes('mz-db')[0]).toBe('MZ-DB-001');
		expect(codes('  ')).toEqual([]);
		expect(codes('没有这个事项')).toEqual([]);
	});

	it('respects the limit', () => {
		expect(searchItems(index, 'sq', 3)).toHaveLength(3);
	});
});
