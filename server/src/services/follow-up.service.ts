import type { Db } from '../db/database';
import type { Actor } from '../context';
import { DomainError } from '../../../src/lib/domain/errors';
import { hasRole } from '../../../src/lib/domain/roles';
import type { FollowUp } from '../../../src/lib/domain/backoffice/backoffice.schema';
import type { ProblemStatus } from '../../../src/lib/domain/problems/problem.schema';
import { backofficeRepository } from '../repositories/backoffice.repository';
import { caseRepository } from '../repositories/case.repository';
import { syncRepository } from '../repositories/sync.repository';
import { canSeeCaseOf } from './case-access';
import { problemService } from './problem.service';
import { townshipOf } from './backoffice.service';

/**
 * Follow-ups (整改/回访): bad ratings, derived from the case's workflow, with their answers in
 * rating_follow_ups; and "couldn't get it done" reports, answered in problem_reports. One list.
 */
export const followUpService = {
	/** Bad ratings and "couldn't get it done" reports, one list; open ones first, newest first. */
	async followUps(db: Db, actor: Actor, input: { statuses: ProblemStatus[] }): Promise<FollowUp[]> {
		const township = townshipOf(actor);
		const ratings = await backofficeRepository.badRatings(db, township, 500);
		const ratingItems: FollowUp[] = ratings.map((r) => {
			const f = r.followUp;
			const status: ProblemStatus = f === null ? 'open' : f.closedAt ? 'closed' : 'answered';
			return {
				kind: 'rating',
				id: r.caseId,
				caseNumber: r.caseNumber,
				villageCode: r.villageCode,
				villageName: r.villageName,
				ratingLevel: r.rating.level === 'very_dissatisfied' ? 'very_dissatisfied' : 'dissatisfied',
				category: null,
				note: r.rating.comment,
				raisedAt: new Date(r.rating.at).toISOString(),
				status,
				response: f?.response ?? null,
				responderName: r.responderName,
				respondedAt: f?.respondedAt.toISOString() ?? null,
				closedAt: f?.closedAt?.toISOString() ?? null
			};
		});
		const problems = await problemService.list(db, actor, { statuses: input.statuses, limit: 200, offset: 0 });
		const problemItems: FollowUp[] = problems.reports.map((p) => ({
			kind: 'problem',
			id: p.id,
			caseNumber: p.caseNumber,
			villageCode: p.villageCode,
			villageName: p.villageName,
			ratingLevel: null,
			category: p.category,
			note: p.note,
			raisedAt: p.createdAt,
			status: p.status,
			response: p.response,
			responderName: p.responderName,
			respondedAt: p.respondedAt,
			closedAt: p.closedAt
		}));
		const order: Record<ProblemStatus, number> = { open: 0, answered: 1, closed: 2 };
		return [...ratingItems.filter((r) => input.statuses.includes(r.status)), ...problemItems].sort(
			(a, b) => order[a.status] - order[b.status] || b.raisedAt.localeCompare(a.raisedAt)
		);
	},

	/** Answer (回访) or close a follow-up; a problem report goes through its own service. */
	async respondToFollowUp(
		db: Db,
		actor: Actor,
		input: { kind: 'rating' | 'problem'; id: string; response?: string | undefined; close: boolean },
		now: Date
	): Promise<void> {
		if (!hasRole(actor, 'supervisor')) throw new DomainError('FORBIDDEN', 'only the centre head may answer or close a follow-up');
		if (input.kind === 'problem') {
			if (input.close) await problemService.close(db, actor, { id: input.id, response: input.response }, now);
			else await problemService.answer(db, actor, { id: input.id, response: input.response ?? '' }, now);
			return;
		}
		await db.transaction(async (tx) => {
			// Lock order as everywhere: the change clock, then the case row, then its follow-up.
			await syncRepository.nextChangeSeq(tx);
			const row = await caseRepository.findByIdForUpdate(tx, input.id);
			if (!row || !canSeeCaseOf(actor, row.villageCode, [])) throw new DomainError('NOT_FOUND', `case ${input.id} not found`);
			const level = row.workflow?.rating?.level;
			if (level !== 'dissatisfied' && level !== 'very_dissatisfied') {
				throw new DomainError('VALIDATION', `case ${row.caseNumber} has no bad rating to follow up`);
			}
			const existing = await backofficeRepository.findRatingFollowUpForUpdate(tx, input.id);
			if (existing?.closedAt) throw new DomainError('ILLEGAL_TRANSITION', `the follow-up of case ${row.caseNumber} is already closed`);
			const response = input.response ?? existing?.response;
			if (!response) throw new DomainError('VALIDATION', 'response: answer the follow-up before closing it');
			await backofficeRepository.upsertRatingFollowUp(tx, {
				caseId: input.id,
				response,
				responderId: input.response !== undefined || !existing ? actor.id : existing.responderId,
				respondedAt: input.response !== undefined || !existing ? now : existing.respondedAt,
				closedBy: input.close ? actor.id : null,
				closedAt: input.close ? now : null
			});
		});
	}
};
