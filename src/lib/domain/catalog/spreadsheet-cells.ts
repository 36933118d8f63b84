/*
 * Cell mini-format shared by the XLSX and CSV item lists (see spreadsheet-columns.ts for the layout).
 *
 * Nesting, outermost first:
 *   line   — a multi-valued cell holds one entry per line (Alt+Enter in Excel)
 *   field  — an entry of 申请材料 / 审批环节 / 表单字段 is several fields separated by "|" (or "｜")
 *   sub    — a field that is itself a list (审核要点, 选项, 减证便民) separates values by "；" (or ";")
 *   short  — 送达方式 and 关键词 are one-line lists separated by "；" (or ";")
 * A value containing one of its enclosing separators writes it as "\" + the character ("\n" for a line
 * break); "\\" is a backslash. Plain text never needs this, so exported sheets stay readable.
 */

export type Level = 'line' | 'field' | 'sub' | 'short';

const LINE = ['\n'];
const FIELD = ['|', '｜'];
const SUB = ['；', ';'];
const SPECIALS: Record<Level, readonly string[]> = {
	line: LINE,
	field: [...LINE, ...FIELD],
	sub: [...LINE, ...FIELD, ...SUB],
	short: [...LINE, ...SUB]
};

export function escapeValue(value: string, level: Level): string {
	const specials = SPECIALS[level];
	let out = '';
	for (const c of value) out += c === '\\' || specials.includes(c) ? `\\${c === '\n' ? 'n' : c}` : c;
	return out;
}

export function unescapeValue(raw: string): string {
	let out = '';
	for (let i = 0; i < raw.length; i++) {
		const c = raw[i] as string;
		const next = raw[i + 1];
		if (c === '\\' && next !== undefined) {
			out += next === 'n' ? '\n' : next;
			i++;
		} else out += c;
	}
	return out;
}

/** Splits on unescaped separators and leaves escapes in place for the inner level to undo. */
function splitRaw(raw: string, separators: readonly string[]): string[] {
	const parts: string[] = [];
	let current = '';
	for (let i = 0; i < raw.length; i++) {
		const c = raw[i] as string;
		if (c === '\\' && i + 1 < raw.length) {
			current += c + raw[i + 1];
			i++;
		} else if (separators.includes(c)) {
			parts.push(current);
			current = '';
		} else current += c;
	}
	parts.push(current);
	return parts;
}

/** Entries of a multi-line cell, still escaped; blank lines are ignored. */
export function splitLines(cell: string): string[] {
	return splitRaw(cell, LINE)
		.map((s) => s.trim())
		.filter((s) => s.length > 0);
}

/** Fields of one entry, still escaped. */
export function splitFields(entry: string): string[] {
	return splitRaw(entry, FIELD).map((s) => s.trim());
}

/** Values of a "；" list (a sub-list field or a short-list cell), unescaped. */
export function splitList(raw: string): string[] {
	return splitRaw(raw, SUB)
		.map((s) => unescapeValue(s.trim()))
		.filter((s) => s.length > 0);
}

export function joinLines(entries: readonly string[]): string {
	return entries.join('\n');
}

export function joinFields(fields: readonly string[]): string {
	const trimmed = [...fields];
	while (trimmed.length > 0 && trimmed.at(-1) === '') trimmed.pop();
	return trimmed.join('|');
}

export function joinList(values: readonly string[], level: 'sub' | 'short'): string {
	return values.map((v) => escapeValue(v, level)).join('；');
}

/** Spreadsheet apps write CRLF inside cells and pad with spaces; neither is meaningful. */
export function normalizeCell(value: string): string {
	return value.replace(/\r\n?/g, '\n').trim();
}

/** A label table both ways: value → label for export, label (or the value itself) → value for import. */
export function labels<V extends string>(table: Record<V, string>) {
	const byLabel = new Map<string, V>();
	for (const [value, label] of Object.entries(table) as [V, string][]) {
		byLabel.set(label, value);
		byLabel.set(value, value);
	}
	return {
		label: (v: V): string => table[v],
		parse: (s: string): V | undefined => byLabel.get(s.trim()),
		names: Object.values<string>(table)
	};
}
