import { z } from 'zod';
import { correctionSummarySchema, type CaseIntake } from '$lib/domain/case/case.schema';
import { referencedHashes } from '$lib/domain/case/attachment-refs';
import { normalizeResidentId, validateResidentId } from '$lib/domain/ids';
import type { DaibanDb, LocalCase, SealedCase, StoredCase } from '../db/db';
import { decryptJson, encryptJson } from '../lock/data-key';
import { caseTokens, residentIdToken } from './case-tokens';
import { cryptoStep } from './in-transaction';

/**
 * Cases at rest: the personal part of a case (the intake: applicant, form values, materials and
 * their notes, signature reference; the correction rounds with the township's texts) is sealed
 * with the device's data key, one fresh IV per write. What stays in clear is what the indexes and
 * sync need. Every read and write of `db.cases` that touches the personal part goes through here.
 */

const aad = (id: string) => `case:${id}`;

/**
 * The sealed part's frame, checked on the way out. The bytes are authenticated (AES-GCM, bound to
 * the case id) and were written by sealCase from a CaseIntake; a draft's intake is incomplete by
 * design, so the full intake schema would refuse it.
 */
const sealedPartSchema = z.object({
	intake: z.looseObject({ id: z.string(), caseNumber: z.string(), applicant: z.looseObject({}) }),
	corrections: z.array(correctionSummarySchema).optional()
});

export async function sealCase(c: LocalCase): Promise<SealedCase> {
	const { intake, corrections, ...clear } = c;
	const idNumber = normalizeResidentId(intake.applicant.idNumber);
	const [sealed, tokens] = await Promise.all([
		encryptJson(corrections ? { intake, corrections } : { intake }, aad(c.id)),
		caseTokens(c.caseNumber, intake.applicant)
	]);
	// The whole ID number, blind, for the returning-applicant lookup (applicants.ts).
	const search = validateResidentId(idNumber).ok ? [...tokens, await residentIdToken(idNumber)] : tokens;
	return {
		...clear,
		itemCodes: [...intake.itemCodes],
		...(intake.bundleCode ? { bundleCode: intake.bundleCode } : {}),
		refs: referencedHashes(intake),
		search,
		sealed
	};
}

export async function openCase(stored: StoredCase): Promise<LocalCase> {
	// Cleared from the record, never spread into what the app sees.
	const { itemCodes: _itemCodes, bundleCode: _bundleCode, refs: _refs, search: _search, ...clear } = stored;
	if (!('sealed' in clear)) return clear;
	const { sealed, ...rest } = clear;
	const part = sealedPartSchema.parse(await decryptJson(sealed, aad(stored.id)));
	return { ...rest, intake: part.intake as unknown as CaseIntake, ...(part.corrections ? { corrections: part.corrections } : {}) };
}

/** Inside or outside a transaction (see in-transaction.ts). */
export async function getCase(db: DaibanDb, id: string): Promise<LocalCase | undefined> {
	const stored = await db.cases.get(id);
	return stored && cryptoStep(openCase(stored));
}

export async function openCases(stored: readonly StoredCase[]): Promise<LocalCase[]> {
	return cryptoStep(Promise.all(stored.map(openCase)));
}

/** Writes a case sealed. Seal before a transaction when you can (sealCase), else this keeps it alive. */
export async function putCase(db: DaibanDb, c: LocalCase): Promise<void> {
	await db.cases.put(await cryptoStep(sealCase(c)));
}
