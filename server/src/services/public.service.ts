import type { Db } from '../db/database';
import { DomainError } from '../../../src/lib/domain/errors';
import { computeDeadline } from '../../../src/lib/domain/calendar';
import type { CaseStatus } from '../../../src/lib/domain/case/status';
import { caseRepository } from '../repositories/case.repository';
import { rateLimitRepository } from '../repositories/rate-limit.repository';
import { certificateService } from './certificate.service';
import type { VerifyOutcome } from '../../../src/lib/domain/certificates';

/**
 * The pages anyone may open (no login): 办件查询 and certificate verification. Both are
 * rate-limited in fixed windows counted in the database (shared by every server instance,
 * kept across restarts): per address, and for the status query also per case number, so
 * spreading guesses of the 4 phone digits over many addresses does not help either.
 */
export const RATE_WINDOW_MS = 10 * 60_000;
export const RATE_LIMITS = {
	statusPerAddress: 30,
	statusPerCase: 10,
	verifyPerAddress: 120
} as const;

/** One answer for "no such case" and "wrong digits": the page must not confirm a case exists. */
const NOT_FOUND_MESSAGE = 'no case matches this case number and phone digits';

async function limit(db: Db, bucket: string, max: number, now: Date): Promise<void> {
	const windowStart = new Date(Math.floor(now.getTime() / RATE_WINDOW_MS) * RATE_WINDOW_MS);
	const hits = await rateLimitRepository.hit(db, bucket, windowStart);
	if (hits > max) throw new DomainError('RATE_LIMITED', 'too many queries: please wait ten minutes and try again');
}

export interface CaseStatusAnswer {
	status: CaseStatus;
	/** The promised completion date (YYYY-MM-DD) once the case is accepted; null before. */
	expectedCompletion: string | null;
}

export const publicService = {
	async caseStatus(db: Db, address: string, input: { caseNumber: string; phoneLast4: string }, now: Date): Promise<CaseStatusAnswer> {
		await rateLimitRepository.deleteWindowsBefore(db, new Date(now.getTime() - 2 * RATE_WINDOW_MS));
		await limit(db, `status:ip:${address}`, RATE_LIMITS.statusPerAddress, now);
		await limit(db, `status:case:${input.caseNumber}`, RATE_LIMITS.statusPerCase, now);
		const row = await caseRepository.findByNumber(db, input.caseNumber);
		if (!row || !row.intake.applicant.phone.endsWith(input.phoneLast4)) throw new DomainError('NOT_FOUND', NOT_FOUND_MESSAGE);
		const deadline = row.workflow ? computeDeadline(row.workflow.clock) : null;
		return { status: row.status, expectedCompletion: deadline?.dueDate ?? null };
	},

	async verifyCertificate(db: Db, address: string, payload: string, now: Date): Promise<VerifyOutcome> {
		await limit(db, `verify:ip:${address}`, RATE_LIMITS.verifyPerAddress, now);
		return certificateService.verify(db, payload);
	}
};
