import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { findBundle, findItem, itemsOfBundle, materialsForCase, mergedBundleForm, validateCatalog } from './catalog';
import type { Catalog, ServiceItem } from './item.schema';
import { seedCatalog } from './seed';

const birth = findBundle(seedCatalog, 'YJS-CS-001')!;
const clone = (): Catalog => structuredClone(seedCatalog);
const problemsOf = (input: unknown) => {
	const r = validateCatalog(input);
	return r.ok ? [] : r.problems;
};

describe('finders', () => {
	it('finds items and bundle members in bundle order', () => {
		expect(findItem(seedCatalog, 'MZ-DB-001')?.mainName).toBe('最低生活保障对象认定');
		expect(findItem(seedCatalog, 'NOPE-001')).toBeUndefined();
		expect(itemsOfBundle(seedCatalog, birth).map((i) => i.code)).toEqual(birth.itemCodes);
	});

	it('refuses a bundle with a missing item rather than dropping it', () => {
		expect(() => itemsOfBundle(seedCatalog, { code: 'YJS-X-001', itemCodes: ['MZ-DB-001', 'GONE-001'] })).toThrow(DomainError);
	});
});

describe('mergedBundleForm (一表登记)', () => {
	it('asks a key shared by several items once and records who asks it', () => {
		const form = mergedBundleForm(seedCatalog, birth);
		const keys = form.fields.map((f) => f.key);
		expect(new Set(keys).size).toBe(keys.length);
		expect(keys.filter((k) => k === 'householdAddress')).toHaveLength(1);
		expect(form.sources.householdAddress).toEqual(['WJ-SYDJ-001', 'GA-HJ-001', 'YB-CJYB-001', 'RS-SBK-001']);
		expect(form.sources.newbornBirthDate).toEqual(['WJ-SYDJ-001', 'GA-HJ-001']);
		expect(form.conflicts).toEqual([]);
		const total = itemsOfBundle(seedCatalog, birth).reduce((n, i) => n + i.formFields.length, 0);
		expect(form.fields.length).toBeLessThan(total);
	});

	it('makes a shared field required if any item requires it', () => {
		const c = clone();
		const [a, b] = itemsOfBundle(c, birth) as [ServiceItem, ServiceItem];
		a.formFields = [{ key: 'note', label: '备注', type: 'text', required: false }];
		b.formFields = [{ key: 'note', label: '备注', type: 'text', required: true }];
		const form = mergedBundleForm(c, { code: 'T-0001', itemCodes: [a.code, b.code] });
		expect(form.fields).toEqual([{ key: 'note', label: '备注', type: 'text', required: true }]);
		expect(form.conflicts).toEqual([]);
	});

	it('reports a key defined differently by two items', () => {
		const c = clone();
		const [a, b, d] = itemsOfBundle(c, birth) as [ServiceItem, ServiceItem, ServiceItem];
		a.formFields = [{ key: 'childOrder', label: '孩次', type: 'select', required: true, options: ['一孩', '二孩'] }];
		b.formFields = [{ key: 'childOrder', label: '孩次', type: 'number', required: true }];
		d.formFields = [{ key: 'childOrder', label: '第几孩', type: 'number', required: true }];
		const form = mergedBundleForm(c, { code: 'T-0001', itemCodes: [a.code, b.code, d.code] });
		expect(form.fields.map((f) => f.key)).toEqual(['childOrder']);
		expect(form.conflicts).toHaveLength(1);
		expect(form.conflicts[0]?.itemCodes).toEqual([a.code, b.code, d.code]);
		expect(form.conflicts[0]?.message).toContain('type select vs number');
	});
});

describe('materialsForCase', () => {
	it('lists a material shared by items once with every review point', () => {
		const retirement = itemsOfBundle(seedCatalog, findBundle(seedCatalog, 'YJS-TX-001')!);
		const list = materialsForCase(retirement);
		const idCards = list.filter((m) => m.material.id === 'id_card');
		expect(idCards).toHaveLength(1);
		expect(idCards[0]?.itemCodes).toEqual(['RS-ZGYL-001', 'YB-ZGYB-001']);
		const perItem = retirement.reduce((n, i) => n + i.materials.length, 0);
		expect(list.length).toBe(perItem - 1);
	});

	it('keeps a shortcut only when every item grants it', () => {
		const c = clone();
		const a = findItem(c, 'MZ-GLJT-001')!;
		const b = findItem(c, 'MZ-TK-001')!;
		const hukouB = b.materials.find((m) => m.id === 'hukou_book')!;
		hukouB.notNeededIfVerifiableOnline = false;
		hukouB.reviewPoints = ['另一要点'];
		const hukou = materialsForCase([a, b]).find((m) => m.material.id === 'hukou_book')!;
		expect(hukou.material.notNeededIfVerifiableOnline).toBe(false);
		expect(hukou.material.reviewPoints).toContain('另一要点');
		expect(hukou.material.reviewPoints).toContain('户籍地在本县');
	});
});

describe('validateCatalog', () => {
	it('returns every cross-reference problem at once, each with its path', () => {
		const c = clone() as unknown as Record<string, never> & Catalog;
		const db = c.items.findIndex((i) => i.code === 'MZ-DB-001');
		c.items[db]!.departmentCode = 'XX';
		c.items[db]!.approvalChain[0]!.departmentCode = 'YY';
		c.items[db + 1]!.code = 'MZ-DB-001';
		c.bundles[0]!.itemCodes.push('GONE-001');
		c.departments.push({ code: 'MZ', name: '重复的民政' });
		const paths = problemsOf(c).map((p) => p.path);
		expect(paths).toEqual(
			expect.arrayContaining([
				`items[${db}].departmentCode`,
				`items[${db}].approvalChain[0].departmentCode`,
				`items[${db + 1}].code`,
				'bundles[0].itemCodes[4]',
				`departments[${c.departments.length - 1}].code`
			])
		);
	});

	it('reports schema problems with paths and still checks the rest', () => {
		const c = clone();
		(c.items[2] as unknown as { statutoryLimitDays: string }).statutoryLimitDays = 'soon';
		c.items[3]!.approvalChain.at(-1)!.skippable = true;
		const problems = problemsOf(c);
		expect(problems.map((p) => p.path)).toEqual(
			expect.arrayContaining(['items[2].statutoryLimitDays', `items[3].approvalChain[${c.items[3]!.approvalChain.length - 1}].skippable`])
		);
		// The broken item's code still counts, so bundles naming it do not get a second, misleading problem.
		expect(problems.some((p) => p.message.includes('unknown item'))).toBe(false);
	});

	it('rejects a proxied item that only the township accepts, and an agent signing off a township item', () => {
		const c = clone();
		const i = findItem(c, 'MZ-TK-001')!;
		i.villageHandling = 'township_only';
		const j = findItem(c, 'MZ-LSJZ-001')!;
		j.approvalChain[0]!.role = 'village_agent';
		const messages = problemsOf(c).map((p) => p.message).join('\n');
		expect(messages).toContain('MZ-TK-001: a proxy-eligible item must be accepted at village level');
		expect(messages).toContain('MZ-LSJZ-001: a village agent may only sign off');
	});

	it('rejects a bundle whose merged form is ambiguous', () => {
		const c = clone();
		findItem(c, 'GA-HJ-001')!.formFields.find((f) => f.key === 'householdAddress')!.label = '落户地址';
		const problems = problemsOf(c);
		expect(problems).toHaveLength(1);
		expect(problems[0]?.path).toBe('bundles[0].itemCodes');
	});

	it('rejects something that is not a catalog at all', () => {
		expect(problemsOf(null).length).toBeGreaterThan(0);
		expect(problemsOf({ version: 0, publishedAt: 'x', departments: [], items: [], bundles: [] })[0]?.path).toBe('version');
	});
});
