import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Catalog, Department } from '../../../src/lib/domain/catalog/item.schema';
import {
	COLUMNS,
	FORMAT_NOTES,
	ITEM_SHEET_NAME,
	itemsToRows,
	NUMERIC_COLUMNS,
	rowsToItems,
	type ImportError,
	type ImportResult
} from '../../../src/lib/domain/catalog/spreadsheet-columns';

/*
 * File I/O for the county item list; the column layout and every rule live in the pure
 * spreadsheet-columns module. exceljs writes and reads real XLSX; papaparse handles CSV quoting
 * (line breaks inside cells, quotes, commas) which is easy to get subtly wrong by hand.
 */

export type SpreadsheetFormat = 'xlsx' | 'csv';
export type { ImportError, ImportResult };

/** Far above any county list (a few hundred rows); refuses zip bombs and wrong files before parsing. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;
const BOM = '\uFEFF';
const NOTES_SHEET_NAME = '填写说明';
const WIDE_COLUMNS = new Set<string>(['设定依据', '受理条件', '审批环节', '申请材料', '表单字段', '办理流程', '咨询方式']);
/** Excel runs a cell starting with these as a formula; papaparse prefixes a quote on export, we drop it on import. */
const FORMULA_START = /^'[=+\-@\t\r]/;

type ReadResult = { ok: true; rows: string[][] } | { ok: false; errors: ImportError[] };
const fileError = (message: string): { ok: false; errors: ImportError[] } => ({ ok: false, errors: [{ row: 0, column: '', message }] });

export async function exportCatalogXlsx(catalog: Catalog): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	workbook.created = new Date(catalog.publishedAt);
	const sheet = workbook.addWorksheet(ITEM_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1, xSplit: 3 }] });
	const [header = [], ...rows] = itemsToRows(catalog);
	sheet.columns = header.map((name) => ({ header: name, width: WIDE_COLUMNS.has(name) ? 60 : 16 }));
	for (const row of rows)
		sheet.addRow(row.map((cell, i) => (NUMERIC_COLUMNS.has(COLUMNS[i] as (typeof COLUMNS)[number]) && cell !== '' ? Number(cell) : cell)));
	sheet.getRow(1).font = { bold: true };
	sheet.eachRow((row, n) => {
		if (n > 1) row.alignment = { wrapText: true, vertical: 'top' };
	});

	const notes = workbook.addWorksheet(NOTES_SHEET_NAME);
	notes.getColumn(1).width = 120;
	notes.addRow([`事项清单（目录版本 ${catalog.version}，发布于 ${catalog.publishedAt}）`]).font = { bold: true };
	for (const line of FORMAT_NOTES) notes.addRow([line]);

	return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** UTF-8 with a BOM: without it Excel on a Chinese Windows opens the file as GBK and shows mojibake. */
export function exportCatalogCsv(catalog: Catalog): string {
	return BOM + Papa.unparse(itemsToRows(catalog), { newline: '\r\n', escapeFormulae: true });
}

function cellText(value: ExcelJS.CellValue): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	if ('richText' in value) return value.richText.map((r) => r.text).join('');
	if ('text' in value && typeof value.text === 'string') return value.text;
	if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
	return '';
}

async function readXlsx(buffer: Buffer): Promise<ReadResult> {
	const workbook = new ExcelJS.Workbook();
	try {
		await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
	} catch (e) {
		return fileError(`无法读取 XLSX 文件：${e instanceof Error ? e.message : String(e)}`);
	}
	const sheet = workbook.getWorksheet(ITEM_SHEET_NAME) ?? workbook.worksheets[0];
	if (!sheet) return fileError('XLSX 文件中没有工作表');
	const width = sheet.columnCount;
	const rows: string[][] = [];
	for (let r = 1; r <= sheet.rowCount; r++) {
		const row = sheet.getRow(r);
		rows.push(Array.from({ length: width }, (_, c) => cellText(row.getCell(c + 1).value)));
	}
	return { ok: true, rows };
}

/** Excel on a Chinese Windows saves "CSV" as GB18030 unless told otherwise; accept both. */
function decodeCsv(buffer: Buffer): string {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
	} catch {
		return new TextDecoder('gb18030').decode(buffer);
	}
}

function readCsv(buffer: Buffer): ReadResult {
	const text = decodeCsv(buffer).replace(/^\uFEFF/, '');
	const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
	if (parsed.errors.length > 0)
		return {
			ok: false,
			errors: parsed.errors.map((e) => ({ row: (e.row ?? -1) + 1, column: '', message: `CSV 格式错误：${e.message}` }))
		};
	const rows = parsed.data.map((row) => row.map((cell) => (FORMULA_START.test(cell) ? cell.slice(1) : cell)));
	return { ok: true, rows };
}

/**
 * Items from an uploaded item list, or every problem found with its row and column. Nothing is
 * imported when any row is bad. `departments` resolves the 主管部门 names to codes.
 */
export async function importCatalogFile(buffer: Buffer, format: SpreadsheetFormat, departments: readonly Department[]): Promise<ImportResult> {
	if (buffer.byteLength > MAX_FILE_BYTES) return fileError(`文件超过 ${MAX_FILE_BYTES / 1024 / 1024} MB`);
	const read = format === 'xlsx' ? await readXlsx(buffer) : readCsv(buffer);
	return read.ok ? rowsToItems(read.rows, departments) : read;
}
