import { itemProblems } from './catalog-validation';
import {
	serviceItemSchema,
	type Catalog,
	type Department,
	type DeliveryMethod,
	type ItemResult,
	type ServiceItem,
	type ServiceItemInput
} from './item.schema';
import { escapeValue, joinLines, joinList, normalizeCell, splitLines, splitList, unescapeValue } from './spreadsheet-cells';
import {
	decodeFormField,
	decodeMaterial,
	decodeStep,
	encodeFormField,
	encodeMaterial,
	encodeStep,
	type Decoded
} from './spreadsheet-entries';
import { deliveryLabels, handlingLabels, itemTypeLabels, NO, resultKindLabels, YES } from './spreadsheet-labels';

/*
 * The item list as counties publish it: one sheet (事项清单), a header row, one row per item. The same
 * layout is used for XLSX and CSV so a clerk can move between them; everything an item holds fits in
 * its row, which keeps the round trip lossless and a CSV self-contained (no second 材料清单 file).
 *
 * Cells (the mini-format is described in spreadsheet-cells.ts and spreadsheet-entries.ts):
 *   是否可代办 / 是否告知承诺 / 跨区通办   是 or 否
 *   法定时限 / 承诺时限                    working days, "20" or "20个工作日"
 *   收费标准                              yuan, "0", "不收费" or "20元"
 *   办理结果                              无 / 证照 (then 证照类型 and 证照模板) / 决定文书 (then 结果文书)
 *   受理条件 / 办理流程                    one per line
 *   申请材料 / 审批环节 / 表单字段          one per line, fields separated by "|"
 *   送达方式 / 关键词                      separated by "；"
 *   主管部门                              department name (a code is accepted too)
 * Rows are numbered as the spreadsheet shows them (the header is row 1 unless title rows sit above it).
 * Unknown columns are ignored; fully blank rows are skipped.
 */

export const ITEM_SHEET_NAME = '事项清单';

export const COLUMNS = [
	'序号',
	'事项编码',
	'主项名称',
	'子项名称',
	'主管部门',
	'事项类型',
	'设定依据',
	'受理条件',
	'办理方式',
	'是否可代办',
	'是否告知承诺',
	'跨区通办',
	'法定时限',
	'承诺时限',
	'收费标准',
	'收费依据',
	'办理结果',
	'证照类型',
	'证照模板',
	'结果文书',
	'送达方式',
	'审批环节',
	'申请材料',
	'表单字段',
	'办理流程',
	'咨询方式',
	'关键词'
] as const;
export type Column = (typeof COLUMNS)[number];

/** A county's own sheet may lack these; a missing one reads as an empty cell. */
const OPTIONAL_COLUMNS: ReadonlySet<Column> = new Set<Column>(['序号', '子项名称', '跨区通办', '收费依据', '证照类型', '证照模板', '结果文书', '表单字段', '关键词']);
/** Cells that are numbers, so the XLSX writer can store them as such. */
export const NUMERIC_COLUMNS: ReadonlySet<Column> = new Set<Column>(['序号', '法定时限', '承诺时限', '收费标准']);

export interface ImportError {
	/** As the spreadsheet shows it, counting from 1. 0 means the file as a whole. */
	row: number;
	column: string;
	message: string;
}
export type ImportResult = { ok: true; items: ServiceItem[] } | { ok: false; errors: ImportError[] };

/** Human-readable format notes, written into the XLSX as a second sheet (填写说明). */
export const FORMAT_NOTES: readonly string[] = [
	'每行一个事项，第1行为表头；列顺序可调整，多出的列导入时忽略。',
	'是否可代办、是否告知承诺、跨区通办：填“是”或“否”。',
	'法定时限、承诺时限：工作日数，如“20”或“20个工作日”；承诺时限不得超过法定时限。',
	'收费标准：元，不收费填“0”或“不收费”。',
	`事项类型：${itemTypeLabels.names.join('、')}。办理方式：${handlingLabels.names.join('、')}。`,
	'办理结果：无、证照（须填证照类型、证照模板）、决定文书（须填结果文书）。',
	`送达方式、关键词：多个值用“；”分隔。送达方式可选：${deliveryLabels.names.join('、')}。`,
	'受理条件、办理流程：每条一行（单元格内按 Alt+Enter 换行）。',
	'申请材料：每种材料一行，字段用“|”分隔：编号|名称|必要/非必要|份数|原件/复印件/原件及复印件/电子件|申请人自备/其他部门出具/可网上核验|审核要点（多条用“；”分隔）|减证便民（可承诺替代；可网上核验免提交）|填写样例。',
	'审批环节：每个环节一行：编号|环节名称|部门编码|角色（后台审批、村级代办员等）|可跳过（不可跳过则留空）。',
	'表单字段：每个字段一行：字段键|标签|类型（文本、多行文本、数字、日期、下拉选择、身份证号、手机号、勾选）|必填/选填|选项（“；”分隔）|填写说明。',
	'内容本身含有分隔符（| ； 换行）时，在其前面加“\\”；“\\\\”表示反斜杠本身。',
	'导入时任何一行有错误，整张表都不导入，并列出所有错误的行号和列名。'
];

const lineList = (values: readonly string[]): string => joinLines(values.map((v) => escapeValue(v, 'line')));

function itemRow(item: ServiceItem, index: number, deptNames: ReadonlyMap<string, string>): string[] {
	const r = item.result;
	const cells: Record<Column, string> = {
		序号: String(index + 1),
		事项编码: item.code,
		主项名称: item.mainName,
		子项名称: item.subName ?? '',
		主管部门: deptNames.get(item.departmentCode) ?? item.departmentCode,
		事项类型: itemTypeLabels.label(item.type),
		设定依据: item.legalBasis,
		受理条件: lineList(item.acceptanceConditions),
		办理方式: handlingLabels.label(item.villageHandling),
		是否可代办: item.proxyEligible ? YES : NO,
		是否告知承诺: item.commitmentAllowed ? YES : NO,
		跨区通办: item.crossArea ? YES : NO,
		法定时限: String(item.statutoryLimitDays),
		承诺时限: String(item.promisedLimitDays),
		收费标准: String(item.fee.amountYuan),
		收费依据: item.fee.basis ?? '',
		办理结果: resultKindLabels.label(r.kind),
		证照类型: r.kind === 'certificate' ? r.certificateType : '',
		证照模板: r.kind === 'certificate' ? r.templateId : '',
		结果文书: r.kind === 'decision' ? r.documentName : '',
		送达方式: joinList(item.deliveryOptions.map(deliveryLabels.label), 'short'),
		审批环节: joinLines(item.approvalChain.map(encodeStep)),
		申请材料: joinLines(item.materials.map(encodeMaterial)),
		表单字段: joinLines(item.formFields.map(encodeFormField)),
		办理流程: lineList(item.processSteps),
		咨询方式: item.consultation,
		关键词: joinList(item.keywords, 'short')
	};
	return COLUMNS.map((c) => cells[c]);
}

/** The header row followed by one row per item, every cell a string. */
export function itemsToRows(catalog: Pick<Catalog, 'items' | 'departments'>): string[][] {
	const deptNames = new Map(catalog.departments.map((d) => [d.code, d.name]));
	return [[...COLUMNS], ...catalog.items.map((item, i) => itemRow(item, i, deptNames))];
}

/** Where a schema path points in the row. */
function columnOf(path: readonly PropertyKey[]): Column {
	const [head, sub] = path;
	const direct: Partial<Record<string, Column>> = {
		code: '事项编码',
		mainName: '主项名称',
		subName: '子项名称',
		departmentCode: '主管部门',
		type: '事项类型',
		legalBasis: '设定依据',
		acceptanceConditions: '受理条件',
		statutoryLimitDays: '法定时限',
		promisedLimitDays: '承诺时限',
		villageHandling: '办理方式',
		proxyEligible: '是否可代办',
		commitmentAllowed: '是否告知承诺',
		crossArea: '跨区通办',
		deliveryOptions: '送达方式',
		approvalChain: '审批环节',
		materials: '申请材料',
		formFields: '表单字段',
		processSteps: '办理流程',
		consultation: '咨询方式',
		keywords: '关键词'
	};
	if (head === 'fee') return sub === 'basis' ? '收费依据' : '收费标准';
	if (head === 'result')
		return sub === 'certificateType' ? '证照类型' : sub === 'templateId' ? '证照模板' : sub === 'documentName' ? '结果文书' : '办理结果';
	return direct[String(head)] ?? '事项编码';
}

/** "第2条 reviewPoints：…" for issues inside a multi-entry cell. */
function describe(path: readonly PropertyKey[], message: string): string {
	const [, index, ...rest] = path;
	if (typeof index !== 'number') return message;
	return `第${index + 1}条${rest.length > 0 ? ` ${rest.map(String).join('.')}` : ''}：${message}`;
}

class RowReader {
	readonly errors: ImportError[] = [];
	constructor(
		readonly rowNumber: number,
		private readonly cells: readonly string[],
		private readonly index: ReadonlyMap<Column, number>
	) {}

	cell(column: Column): string {
		const i = this.index.get(column);
		return i === undefined ? '' : normalizeCell(this.cells[i] ?? '');
	}
	fail(column: Column, message: string): undefined {
		this.errors.push({ row: this.rowNumber, column, message });
		return undefined;
	}
	text(column: Column): string | undefined {
		const v = this.cell(column);
		return v === '' ? undefined : v;
	}
	yesNo(column: Column): boolean | undefined {
		const v = this.cell(column);
		if (v === YES) return true;
		if (v === NO || (v === '' && OPTIONAL_COLUMNS.has(column))) return false;
		return this.fail(column, `应填“${YES}”或“${NO}”，实为“${v}”`);
	}
	days(column: Column): number | undefined {
		const m = /^(\d+)\s*(个?工作日)?$/.exec(this.cell(column));
		return m ? Number(m[1]) : this.fail(column, `应为工作日数，如“20”或“20个工作日”，实为“${this.cell(column)}”`);
	}
	choice<V extends string>(column: Column, table: { parse: (s: string) => V | undefined; names: string[] }): V | undefined {
		const v = this.cell(column);
		return table.parse(v) ?? this.fail(column, `应为${table.names.join('、')}之一，实为“${v}”`);
	}
	lines(column: Column): string[] {
		return splitLines(this.cell(column)).map(unescapeValue);
	}
	entries<T>(column: Column, decode: (entry: string) => Decoded<T>): T[] | undefined {
		const out: T[] = [];
		let ok = true;
		for (const [i, entry] of splitLines(this.cell(column)).entries()) {
			const d = decode(entry);
			if (d.ok) out.push(d.value);
			else {
				ok = false;
				this.fail(column, `第${i + 1}条：${d.message}`);
			}
		}
		return ok ? out : undefined;
	}
}

function readFee(r: RowReader): number | undefined {
	const v = r.cell('收费标准');
	if (v === '不收费' || v === '免费') return 0;
	const m = /^(\d+(?:\.\d+)?)\s*元?$/.exec(v);
	return m ? Number(m[1]) : r.fail('收费标准', `应为金额（元）或“不收费”，实为“${v}”`);
}

function readResult(r: RowReader): ItemResult | undefined {
	const kind = r.choice('办理结果', resultKindLabels);
	if (kind === 'certificate') return { kind, certificateType: r.cell('证照类型'), templateId: r.cell('证照模板') };
	if (kind === 'decision') return { kind, documentName: r.cell('结果文书') };
	return kind === 'none' ? { kind } : undefined;
}

function readDelivery(r: RowReader): DeliveryMethod[] | undefined {
	const out: DeliveryMethod[] = [];
	for (const label of splitList(r.cell('送达方式'))) {
		const v = deliveryLabels.parse(label);
		if (!v) return r.fail('送达方式', `“${label}”不是送达方式，应为${deliveryLabels.names.join('、')}`);
		out.push(v);
	}
	return out;
}

/** The row as the schema's input, with `undefined` where a cell could not be read (its error is already recorded). */
function readRow(r: RowReader, resolveDepartment: (s: string) => string | undefined): Partial<Record<keyof ServiceItemInput, unknown>> {
	const dept = r.cell('主管部门');
	const basis = r.text('收费依据');
	const subName = r.text('子项名称');
	return {
		code: r.cell('事项编码'),
		mainName: r.cell('主项名称'),
		...(subName ? { subName } : {}),
		departmentCode: resolveDepartment(dept) ?? r.fail('主管部门', `部门“${dept}”不存在`),
		type: r.choice('事项类型', itemTypeLabels),
		legalBasis: r.cell('设定依据'),
		acceptanceConditions: r.lines('受理条件'),
		statutoryLimitDays: r.days('法定时限'),
		promisedLimitDays: r.days('承诺时限'),
		villageHandling: r.choice('办理方式', handlingLabels),
		proxyEligible: r.yesNo('是否可代办'),
		commitmentAllowed: r.yesNo('是否告知承诺'),
		fee: { amountYuan: readFee(r), ...(basis ? { basis } : {}) },
		result: readResult(r),
		deliveryOptions: readDelivery(r),
		approvalChain: r.entries('审批环节', (e) => decodeStep(e, resolveDepartment)),
		materials: r.entries('申请材料', decodeMaterial),
		formFields: r.entries('表单字段', decodeFormField),
		processSteps: r.lines('办理流程'),
		consultation: r.cell('咨询方式'),
		crossArea: r.yesNo('跨区通办'),
		keywords: splitList(r.cell('关键词'))
	};
}

function headerIndex(header: readonly string[], row: number): { index: Map<Column, number>; errors: ImportError[] } {
	const index = new Map<Column, number>();
	const errors: ImportError[] = [];
	const known = new Set<string>(COLUMNS);
	for (const [i, raw] of header.entries()) {
		const name = normalizeCell(raw.replace(/^\uFEFF/, ''));
		if (!known.has(name)) continue;
		if (index.has(name as Column)) errors.push({ row, column: name, message: '表头中该列重复' });
		index.set(name as Column, i);
	}
	for (const c of COLUMNS)
		if (!OPTIONAL_COLUMNS.has(c) && !index.has(c)) errors.push({ row, column: c, message: '缺少必需的列' });
	return { index, errors };
}

/** Published sheets often carry a title row or two above the header; the header is the row naming 事项编码. */
const HEADER_SEARCH_ROWS = 5;
function findHeaderRow(rows: readonly (readonly string[])[]): number {
	const at = rows.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => r.some((c) => normalizeCell(c.replace(/^\uFEFF/, '')) === '事项编码'));
	return Math.max(at, 0);
}

/**
 * Items from a sheet's rows (all of them, as read from the file), or every error found, each with its
 * row and column. Nothing is returned when any row is bad: a half-imported catalog would be worse than none.
 */
export function rowsToItems(rows: readonly (readonly string[])[], departments: readonly Department[]): ImportResult {
	const headerAt = findHeaderRow(rows);
	const { index, errors } = headerIndex(rows[headerAt] ?? [], headerAt + 1);
	if (errors.length > 0) return { ok: false, errors };

	const byKey = new Map<string, string>();
	for (const d of departments) {
		byKey.set(d.name, d.code);
		byKey.set(d.code, d.code);
	}
	const resolveDepartment = (s: string) => byKey.get(s.trim());
	const deptCodes = new Set(departments.map((d) => d.code));
	const firstRowOfCode = new Map<string, number>();
	const items: ServiceItem[] = [];

	for (const [i, cells] of rows.entries()) {
		if (i <= headerAt || cells.every((c) => normalizeCell(c) === '')) continue;
		const r = new RowReader(i + 1, cells, index);
		const code = r.cell('事项编码');
		const first = firstRowOfCode.get(code);
		if (first !== undefined) r.fail('事项编码', `事项编码 ${code} 与第${first}行重复`);
		else if (code) firstRowOfCode.set(code, r.rowNumber);

		const parsed = serviceItemSchema.safeParse(readRow(r, resolveDepartment));
		// A cell that could not be read already has its error; the schema would only repeat it.
		const unreadable = new Set(r.errors.map((e) => e.column));
		const report = (path: readonly PropertyKey[], message: string) => {
			const column = columnOf(path);
			if (!unreadable.has(column)) r.errors.push({ row: r.rowNumber, column, message: describe(path, message) });
		};
		if (parsed.success) for (const p of itemProblems(parsed.data, deptCodes)) report(p.path, p.message);
		else for (const issue of parsed.error.issues) report(issue.path, issue.message);
		if (parsed.success && r.errors.length === 0) items.push(parsed.data);
		errors.push(...r.errors);
	}
	return errors.length > 0 ? { ok: false, errors } : { ok: true, items };
}
