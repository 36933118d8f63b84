import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog } from '../../../src/lib/domain/catalog/seed';
import { COLUMNS, ITEM_SHEET_NAME, itemsToRows } from '../../../src/lib/domain/catalog/spreadsheet-columns';
import { exportCatalogCsv, exportCatalogXlsx, importCatalogFile } from './catalog-spreadsheet';

let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'daiban-catalog-'));
});
afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

describe('XLSX', () => {
	it('round-trips the whole seed through a real file', async () => {
		const path = join(dir, '事项清单.xlsx');
		await writeFile(path, await exportCatalogXlsx(seedCatalog));
		const bytes = await readFile(path);
		expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');

		const result = await importCatalogFile(bytes, 'xlsx', seedCatalog.departments);
		expect(result.ok ? result.items : result.errors).toEqual(seedCatalog.items);
	});

	it('is a sheet a clerk can open: named sheet, county header, numbers stored as numbers', async () => {
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load((await exportCatalogXlsx(seedCatalog)) as unknown as ExcelJS.Buffer);
		const sheet = workbook.getWorksheet(ITEM_SHEET_NAME)!;
		expect(sheet.getRow(1).getCell(2).value).toBe('事项编码');
		expect(sheet.rowCount).toBe(seedCatalog.items.length + 1);
		expect(sheet.getRow(2).getCell(COLUMNS.indexOf('法定时限') + 1).value).toBe(30);
		expect(workbook.getWorksheet('填写说明')).toBeDefined();
	});

	it('reports a file that is not a workbook', async () => {
		const result = await importCatalogFile(Buffer.from('not a zip'), 'xlsx', seedCatalog.departments);
		expect(result.ok ? [] : result.errors.map((e) => e.row)).toEqual([0]);
	});
});

describe('CSV', () => {
	it('round-trips the whole seed through a real UTF-8 file with BOM', async () => {
		const path = join(dir, '事项清单.csv');
		await writeFile(path, exportCatalogCsv(seedCatalog), 'utf8');
		const bytes = await readFile(path);
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

		const result = await importCatalogFile(bytes, 'csv', seedCatalog.departments);
		expect(result.ok ? result.items : result.errors).toEqual(seedCatalog.items);
	});

	it('reports each bad row with row and column and imports nothing', async () => {
		const rows = itemsToRows(seedCatalog);
		const set = (row: number, column: (typeof COLUMNS)[number], value: string) => {
			rows[row - 1]![COLUMNS.indexOf(column)] = value;
		};
		set(2, '法定时限', '三十天');
		set(5, '主管部门', '县外星局');
		set(9, '是否告知承诺', '也许');
		set(12, '申请材料', 'photo|照片|必要|两份|原件|申请人自备|清晰');
		set(20, '承诺时限', '365');
		const path = join(dir, 'bad.csv');
		await writeFile(path, '\uFEFF' + Papa.unparse(rows, { newline: '\r\n' }) + '\r\n', 'utf8');

		const result = await importCatalogFile(await readFile(path), 'csv', seedCatalog.departments);
		expect(result.ok).toBe(false);
		expect('items' in result).toBe(false);
		if (result.ok) return;
		expect(result.errors.map(({ row, column }) => ({ row, column }))).toEqual([
			{ row: 2, column: '法定时限' },
			{ row: 5, column: '主管部门' },
			{ row: 9, column: '是否告知承诺' },
			{ row: 12, column: '申请材料' },
			{ row: 20, column: '承诺时限' }
		]);
		for (const e of result.errors) expect(e.message.length).toBeGreaterThan(0);
	});

	it('keeps a cell that looks like a formula as text', async () => {
		const item = { ...seedCatalog.items[0]!, consultation: '=HYPERLINK("http://example.com")' };
		const catalog = { ...seedCatalog, items: [item] };
		const csv = exportCatalogCsv(catalog);
		expect(csv).toContain(`"'=HYPERLINK`);
		const result = await importCatalogFile(Buffer.from(csv, 'utf8'), 'csv', seedCatalog.departments);
		expect(result.ok ? result.items : result.errors).toEqual([item]);
	});
});
