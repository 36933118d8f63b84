import { pinyin } from 'pinyin-pro';
import type { ServiceItem } from './item.schema';

/*
 * Agents search the way they type on a cheap tablet: Chinese (残疾), full pinyin without tones (dibao)
 * or pinyin initials (dbsq for 低保申请). Converting to pinyin is the slow part, so it is done once per
 * catalog in buildSearchIndex; each keystroke then only compares short lower-case strings.
 */

interface IndexedTerm {
	text: string;
	/** Full pinyin, syllables joined: "dibaoshenqing". */
	full: string;
	/** Offsets in `full` where a syllable starts; a full-pinyin match must begin on one. */
	syllableStarts: ReadonlySet<number>;
	initials: string;
	/** Names count more than keywords. */
	weight: number;
}

interface IndexedItem {
	item: ServiceItem;
	order: number;
	code: string;
	terms: IndexedTerm[];
}

export interface SearchIndex {
	readonly entries: readonly IndexedItem[];
}

export interface SearchHit {
	item: ServiceItem;
	score: number;
}

const HAN = /[\u3400-\u9fff]/;
const NAME_WEIGHT = 3;
const KEYWORD_WEIGHT = 2;
const CODE_WEIGHT = 1;
const TIER = { exact: 3, prefix: 2, contains: 1 } as const;

function normalize(s: string): string {
	return s.normalize('NFKC').toLowerCase().replace(/[\s'’·]/g, '');
}

function indexTerm(text: string, weight: number): IndexedTerm {
	const syllables = pinyin(text, { toneType: 'none', type: 'array' })
		.map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''))
		.filter((s) => s.length > 0);
	const syllableStarts = new Set<number>();
	let offset = 0;
	for (const s of syllables) {
		syllableStarts.add(offset);
		offset += s.length;
	}
	return {
		text: normalize(text),
		full: syllables.join(''),
		syllableStarts,
		initials: syllables.map((s) => s[0]).join(''),
		weight
	};
}

export function buildSearchIndex(items: readonly ServiceItem[]): SearchIndex {
	return {
		entries: items.map((item, order) => ({
			item,
			order,
			code: item.code.toLowerCase(),
			terms: [
				indexTerm(item.mainName, NAME_WEIGHT),
				...(item.subName ? [indexTerm(item.subName, NAME_WEIGHT)] : []),
				...item.keywords.map((k) => indexTerm(k, KEYWORD_WEIGHT))
			]
		}))
	};
}

function tierOf(haystack: string, q: string): number {
	if (haystack === q) return TIER.exact;
	if (haystack.startsWith(q)) return TIER.prefix;
	return haystack.includes(q) ? TIER.contains : 0;
}

function fullPinyinTier(term: IndexedTerm, q: string): number {
	if (term.full === q) return TIER.exact;
	if (term.full.startsWith(q)) return TIER.prefix;
	// "bao" should find 低保 but "ao" should not: a match must begin at a syllable.
	for (let at = term.full.indexOf(q, 1); at !== -1; at = term.full.indexOf(q, at + 1))
		if (term.syllableStarts.has(at)) return TIER.contains;
	return 0;
}

function termScore(term: IndexedTerm, q: string, han: boolean): number {
	const tier = han ? tierOf(term.text, q) : Math.max(fullPinyinTier(term, q), tierOf(term.initials, q), tierOf(term.text, q));
	return tier === 0 ? 0 : tier * 100 + term.weight * 10;
}

/**
 * Items matching `query`, best first: exact matches, then prefix matches, then matches inside a term;
 * within a tier names beat keywords, then catalog order. Latin queries also match item codes.
 */
export function searchItems(index: SearchIndex, query: string, limit = 20): SearchHit[] {
	const q = normalize(query);
	if (q.length === 0) return [];
	const han = HAN.test(q);
	const hits: (SearchHit & { order: number })[] = [];
	for (const entry of index.entries) {
		const codeTier = han ? 0 : tierOf(entry.code, q);
		let score = codeTier === 0 ? 0 : codeTier * 100 + CODE_WEIGHT * 10;
		for (const term of entry.terms) score = Math.max(score, termScore(term, q, han));
		if (score > 0) hits.push({ item: entry.item, score, order: entry.order });
	}
	hits.sort((a, b) => b.score - a.score || a.order - b.order);
	return hits.slice(0, limit).map(({ item, score }) => ({ item, score }));
}
