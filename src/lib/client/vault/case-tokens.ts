import type { CaseIntake } from '$lib/domain/case/case.schema';
import { blindToken } from '../lock/data-key';
import { caseNumberTokens, normalizeCaseQuery, personalSearchTerms } from '../cases/search-tokens';

/** Marks a blind token; clear tokens are upper-case case-number parts and never start with it. */
export const BLIND_PREFIX = '~';

const blind = async (term: string) => BLIND_PREFIX + (await blindToken(term));

/** Every token a stored case gets in its `search` index: case number in clear, the personal rest blind. */
export async function caseTokens(caseNumber: string, applicant: Pick<CaseIntake['applicant'], 'name' | 'idNumber'>): Promise<string[]> {
	const personal = await Promise.all(personalSearchTerms(applicant).map(blind));
	return [...caseNumberTokens(caseNumber), ...personal];
}

/** The blind token a query must equal to find a personal term (needs the device unlocked). */
export async function queryToken(query: string): Promise<string> {
	return blind(normalizeCaseQuery(query));
}

/** The blind token of a full resident ID number, for the returning-applicant lookup. */
export async function residentIdToken(normalisedId: string): Promise<string> {
	return blind(`ID:${normalisedId}`);
}
