import { normalizeIdentifierInput } from './validation';

/**
 * Masking for lists and printouts (PIPL: show the minimum). Input too short to keep both ends
 * is masked whole, so a partial or mistyped value never leaks more than a full one would.
 */
function keepEnds(value: string, head: number, tail: number): string {
	const chars = Array.from(value);
	if (chars.length <= head + tail) return '*'.repeat(chars.length);
	return chars.slice(0, head).join('') + '*'.repeat(chars.length - head - tail) + chars.slice(-tail).join('');
}

/** 11010519491231002X → 1101**********002X */
export function maskResidentId(value: string): string {
	return keepEnds(normalizeIdentifierInput(value), 4, 4);
}

/** 13800138000 → 138****8000 */
export function maskPhone(value: string): string {
	return keepEnds(normalizeIdentifierInput(value).replace(/-/g, ''), 3, 4);
}

/**
 * Common two-character surnames (复姓), kept whole as people expect (欧阳**), but only when
 * a given name follows: a two-character 欧阳 is more likely surname 欧 and given name 阳.
 */
const COMPOUND_SURNAMES = new Set([
	'欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒',
	'司空', '夏侯', '轩辕', '令狐', '钟离', '闻人', '澹台', '南宫', '独孤', '端木', '百里', '呼延',
	'万俟', '申屠', '太史', '西门', '公羊', '赫连', '拓跋', '第五'
]);

/** 张三 → 张*, 欧阳娜娜 → 欧阳**; code points, so rare characters outside the BMP count once. */
export function maskName(name: string): string {
	const chars = Array.from(name.trim());
	if (chars.length <= 1) return '*'.repeat(chars.length);
	const keep = chars.length >= 3 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1;
	return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
}
