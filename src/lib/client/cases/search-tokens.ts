import { pinyin } from 'pinyin-pro';
import type { CaseIntake } from '$lib/domain/case/case.schema';

/**
 * What the agent may type to find a case. The case number's tokens are kept in clear (the number
 * is printed on every slip and is no personal data); the personal ones (applicant name, given
 * name, pinyin initials, last 4 of the ID number) become blind tokens before they are stored
 * (vault/case-tokens.ts). Everything upper case, so a query is normalised the same way.
 */
export function caseNumberTokens(caseNumber: string): string[] {
	const tokens = new Set<string>();
	const number = caseNumber.trim().toUpperCase();
	if (number) tokens.add(number);
	for (const part of number.split('-')) if (part) tokens.add(part);
	return [...tokens];
}

/** Longest prefix kept per personal term: names are short; this bounds the tokens per case. */
const MAX_PREFIX = 12;

const prefixes = (term: string): string[] => Array.from({ length: Math.min(Array.from(term).length, MAX_PREFIX) }, (_, i) => Array.from(term).slice(0, i + 1).join(''));

/**
 * The personal search terms of an applicant, normalised, each with all its prefixes: a blind
 * token only matches exactly, so prefix search ("王" finds 王桂兰) needs each prefix as a term.
 */
export function personalSearchTerms(applicant: Pick<CaseIntake['applicant'], 'name' | 'idNumber'>): string[] {
	const terms = new Set<string>();
	const name = Array.from(normalizeCaseQuery(applicant.name));
	const whole = name.join('');
	const add = (term: string) => {
		for (const p of prefixes(term)) terms.add(p);
	};
	if (whole) add(whole);
	if (name.length > 2) add(name.slice(1).join(''));
	if (/\p{Script=Han}/u.test(whole)) {
		const initials = pinyin(whole, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toUpperCase();
		if (/^[A-Z]+$/.test(initials)) add(initials);
	}
	const id = applicant.idNumber.replace(/\s/g, '').toUpperCase();
	if (id.length >= 4) add(id.slice(-4));
	return [...terms];
}

/**
 * The search tokens of versions ≤4, with names and ID endings in clear. Kept only for the
 * version-3 upgrade of old databases; version 6 replaces them with caseNumberTokens.
 */
export function caseSearchTokens(c: { caseNumber: string; intake: Pick<CaseIntake, 'applicant'> }): string[] {
	const tokens = new Set(caseNumberTokens(c.caseNumber));
	const name = Array.from(c.intake.applicant.name.trim());
	if (name.length > 0) tokens.add(name.join(''));
	if (name.length > 2) tokens.add(name.slice(1).join(''));
	const id = c.intake.applicant.idNumber.replace(/\s/g, '').toUpperCase();
	if (id.length >= 4) tokens.add(id.slice(-4));
	return [...tokens];
}

/** A query as the index holds its tokens. */
export function normalizeCaseQuery(query: string): string {
	return query.trim().replace(/\s+/g, '').toUpperCase();
}
