import { z } from 'zod';
import type { LocalProblem, StoredProblem } from '../db/db';
import { decryptJson, encryptJson } from '../lock/data-key';
import { cryptoStep } from './in-transaction';

/**
 * "Couldn't get it done" reports at rest: category, village, case number and dates stay clear (the
 * list and its order need them); the note and the response are free text that may name a person,
 * so they are sealed.
 */

const aad = (id: string) => `problem:${id}`;
const textsSchema = z.object({ note: z.string(), response: z.string().nullable() });

export async function sealProblem(p: LocalProblem): Promise<StoredProblem> {
	const { note, response, ...clear } = p;
	return { ...clear, sealed: await cryptoStep(encryptJson({ note, response }, aad(p.id))) };
}

export async function openProblem(stored: StoredProblem): Promise<LocalProblem> {
	if (!('sealed' in stored)) return stored;
	const { sealed, ...clear } = stored;
	return { ...clear, ...textsSchema.parse(await decryptJson(sealed, aad(stored.id))) };
}

export function openProblems(stored: readonly StoredProblem[]): Promise<LocalProblem[]> {
	return cryptoStep(Promise.all(stored.map(openProblem)));
}
