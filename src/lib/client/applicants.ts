import type { DaibanDb } from './db/db';
import { normalizeResidentId, validateResidentId } from '$lib/domain/ids';

/** What a returning applicant's earlier case on this device can fill in. */
export interface KnownApplicant {
	name: string;
	phone: string;
	address: string;
	/** The case it comes from (its number is shown so the agent can tell which visit). */
	caseNumber: string;
	updatedAt: string;
}

/**
 * The applicant of the newest other case on this device with this resident ID number, or null.
 * Only the device's own records are read (the cases of the agent's villages it already holds), so
 * nothing about a person is asked of the server. A draft counts only once it has a name.
 * A full scan: a station's device holds hundreds of cases, not millions, and the ID number is not
 * indexed (an index would mean a Dexie schema change to save a millisecond).
 */
export async function findReturningApplicant(db: DaibanDb, idNumber: string, exceptCaseId?: string): Promise<KnownApplicant | null> {
	const id = normalizeResidentId(idNumber);
	if (!validateResidentId(id).ok) return null;
	let best: KnownApplicant | null = null;
	await db.cases.each((c) => {
		if (c.id === exceptCaseId) return;
		const a = c.intake.applicant;
		if (normalizeResidentId(a.idNumber) !== id || !a.name.trim()) return;
		if (best && best.updatedAt >= c.updatedAt) return;
		best = { name: a.name.trim(), phone: a.phone.trim(), address: a.address.trim(), caseNumber: c.caseNumber, updatedAt: c.updatedAt };
	});
	return best;
}
