import type { DaibanDb } from './db/db';
import { normalizeResidentId, validateResidentId } from '$lib/domain/ids';
import { openCases } from './vault/case-vault';
import { residentIdToken } from './vault/case-tokens';

/** What a returning applicant's earlier case on this device can fill in. */
export interface KnownApplicant {
	name: string;
	phone: string;
	address: string;
	/** The case it comes from (its number is shown so the agent can tell which visit). */
	caseNumber: string;
	updatedAt: string;
}

/** Cases opened per lookup at most: one person's visits to one station, with room to spare. */
const MAX_VISITS = 200;

/**
 * The applicant of the newest other case on this device with this resident ID number, or null.
 * Only the device's own records are read (the cases of the agent's villages it already holds), so
 * nothing about a person is asked of the server. A draft counts only once it has a name.
 * The ID number is found through its blind token in the `search` index (HMAC under the device's
 * search-index key), so only that person's cases are decrypted.
 */
export async function findReturningApplicant(db: DaibanDb, idNumber: string, exceptCaseId?: string): Promise<KnownApplicant | null> {
	const id = normalizeResidentId(idNumber);
	if (!validateResidentId(id).ok) return null;
	const stored = await db.cases.where('search').equals(await residentIdToken(id)).limit(MAX_VISITS).toArray();
	let best: KnownApplicant | null = null;
	for (const c of await openCases(stored.filter((s) => s.id !== exceptCaseId))) {
		const a = c.intake.applicant;
		// The token is a 128-bit MAC: the comparison guards the logic, not against collisions.
		if (normalizeResidentId(a.idNumber) !== id || !a.name.trim()) continue;
		if (best && best.updatedAt >= c.updatedAt) continue;
		best = { name: a.name.trim(), phone: a.phone.trim(), address: a.address.trim(), caseNumber: c.caseNumber, updatedAt: c.updatedAt };
	}
	return best;
}
