import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ServiceItem } from './item.schema';
import { seedCatalog } from './seed';
import { COLUMNS, itemsToRows, rowsToItems, type Column } from './spreadsheet-columns';

const depts = seedCatalog.departments;
const col = (c: Column) => COLUMNS.indexOf(c);
function withCell(rows: string[][], rowNumber: number, column: Column, value: string): void {
	rows[rowNumber - 1]![col(column)] = value;
}

describe('itemsToRows / rowsToItems', () => {
	it('writes the county header and one row per item', () => {
		const rows = itemsToRows(seedCatalog);
		expect(rows[0]).toEqual([...COLUMNS]);
		expect(rows).toHaveLength(seedCatalog.items.length + 1);
		expect(rows[1]![col('主管部门')]).toBe('县民政局');
		expect(rows[1]![col('是否可代办')]).toBe('是');
	});

	it('round-trips the whole seed losslessly', () => {
		const result = rowsToItems(itemsToRows(seedCatalog), depts);
		expect(result.ok ? result.items : result.errors).toEqual(seedCatalog.items);
	});

	it('round-trips text containing the separators themselves', () => {
		const text = fc
			.string({ unit: fc.constantFrom('a', '低', '保', ' ', '|', '｜', '；', ';', '\\', '\n', 'n', '、', '“'), minLength: 1, maxLength: 12 })
			.filter((s) => s.trim() === s && s.length > 0);
		fc.assert(
			fc.property(text, text, text, text, (a, b, c, d) => {
				const base = seedCatalog.items[0]!;
				const item: ServiceItem = {
					...base,
					subName: a,
					acceptanceConditions: [a, b],
					processSteps: [c],
					keywords: [d, a],
					materials: [{ ...base.materials[0]!, name: b, reviewPoints: [c, d], sample: a }],
					formFields: [{ key: 'f1', label: c, type: 'select', required: true, options: [a, b], help: d }],
					approvalChain: base.approvalChain.map((s) => ({ ...s, name: d }))
				};
				const result = rowsToItems(itemsToRows({ items: [item], departments: depts }), depts);
				expect(result.ok ? result.items : result.errors).toEqual([item]);
			}),
			{ numRuns: 200 }
		);
	});

	it('accepts county spellings: 个工作日, 不收费, department codes, a title row above the header', () => {
		const rows = itemsToRows(seedCatalog);
		withCell(rows, 2, '法定时限', '30个工作日');
		withCell(rows, 2, '收费标准', '不收费');
		withCell(rows, 2, '主管部门', 'MZ');
		const titled = [['某某县村级代办政务服务事项清单'], ...rows];
		const result = rowsToItems(titled, depts);
		expect(result.ok ? result.items : result.errors).toEqual(seedCatalog.items);
	});

	it('reports every bad row with its row number and column, and imports nothing', () => {
		const rows = itemsToRows(seedCatalog);
		withCell(rows, 3, '法定时限', '很快');
		withCell(rows, 4, '主管部门', '县不存在局');
		withCell(rows, 5, '申请材料', 'id_card|居民身份证|必要');
		withCell(rows, 6, '承诺时限', '99');
		withCell(rows, 7, '事项编码', rows[1]![col('事项编码')]!);
		withCell(rows, 8, '送达方式', '快递到家');
		withCell(rows, 9, '审批环节', 'first_review|初审|XX|后台审批\nfinal_review|终审|MZ|后台审批');
		withCell(rows, 10, '是否可代办', '可以');
		const result = rowsToItems(rows, depts);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.map((e) => [e.row, e.column])).toEqual([
			[3, '法定时限'],
			[4, '主管部门'],
			[5, '申请材料'],
			[6, '承诺时限'],
			[7, '事项编码'],
			[8, '送达方式'],
			[9, '审批环节'],
			[10, '是否可代办']
		]);
		expect(result.errors[2]?.message).toContain('第1条');
		expect(result.errors[4]?.message).toContain('第2行');
	});

	it('maps schema problems inside a multi-entry cell to that cell and entry', () => {
		const rows = itemsToRows(seedCatalog);
		withCell(rows, 2, '申请材料', 'ID Card|居民身份证|必要|1|原件|申请人自备|身份证在有效期内');
		const result = rowsToItems(rows, depts);
		expect(result.ok ? [] : result.errors).toEqual([
			{ row: 2, column: '申请材料', message: expect.stringContaining('第1条 id') }
		]);
	});

	it('names a missing required column in the header row', () => {
		const rows = itemsToRows(seedCatalog).map((r) => r.filter((_, i) => i !== col('承诺时限')));
		const result = rowsToItems(rows, depts);
		expect(result.ok ? [] : result.errors).toEqual([{ row: 1, column: '承诺时限', message: '缺少必需的列' }]);
	});
});
