import type { CaseIntake } from '$lib/domain/case/case.schema';

/**
 * What the agent may type to find a case, as index entries (Dexie multi-entry index `*search`,
 * matched by prefix): the whole case number and each of its parts (so "0007" finds sequence 7),
 * the applicant's name and given name, and the last 4 characters of the ID number (what a masked
 * ID shows). Upper case, so a query is normalised the same way.
 */
export function caseSearchTokens(c: { caseNumber: string; intake: Pick<CaseIntake, 'applicant'> }): string[] {
	const tokens = new Set<string>();
	const number = c.caseNumber.trim().toUpperCase();
	if (number) tokens.add(number);
	for (const part of number.split('-')) if (part) tokens.add(part);
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
