import type { z } from 'zod';
import type { Db } from '../db/database';
import type { Actor } from '../context';
import { DomainError } from '../../../src/lib/domain/errors';
import { hasRole } from '../../../src/lib/domain/roles';
import {
	CLIENT_TOO_OLD,
	PROTOCOL_VERSION,
	mutationArgsSchemas,
	type MutationEnvelope,
	type MutationResult,
	type PullRequest,
	type PullResponse,
	type PushRequest,
	type PushResponse
} from '../../../src/lib/domain/sync/protocol';
import { syncRepository } from '../repositories/sync.repository';
import { caseRepository } from '../repositories/case.repository';
import { catalogRepository } from '../repositories/catalog.repository';
import { auditFullIdRead, caseService, toCaseRecord } from './case.service';
import { problemService } from './problem.service';
import { deliveryService } from './delivery.service';
import type { CaseRow } from '../repositories/case.repository';
import type { Tx } from '../db/database';
import { scopeDigest } from '../../../src/lib/domain/sync/scope-digest';

function checkProtocol(version: number): void {
	if (version < PROTOCOL_VERSION) {
		throw new DomainError(
			'CONFLICT',
			`this app is too old for the server (protocol ${version} < ${PROTOCOL_VERSION}): update the app`,
			{ reason: CLIENT_TOO_OLD }
		);
	}
}

/** Applies one mutation's effect. Throws DomainError to reject it (recorded, acknowledged, shown on the device). */
async function applyMutation(tx: Tx, db: Db, actor: Actor, m: MutationEnvelope, now: Date): Promise<void> {
	// Own keys only: `in` would take inherited names such as "toString" for mutations.
	if (!Object.hasOwn(mutationArgsSchemas, m.name)) {
		throw new DomainError('VALIDATION', `unknown mutation ${m.name}`);
	}
	switch (m.name) {
		case 'case.submit': {
			const parsed = mutationArgsSchemas['case.submit'].safeParse(m.args);
			if (!parsed.success) {
				const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
				throw new DomainError('VALIDATION', `invalid case: ${detail}`);
			}
			await caseService.receiveSubmitted(tx, db, actor, parsed.data, now);
			return;
		}
		case 'case.resubmit': {
			const parsed = mutationArgsSchemas['case.resubmit'].safeParse(m.args);
			if (!parsed.success) throw new DomainError('VALIDATION', `invalid resubmission: ${issuesOf(parsed.error)}`);
			await caseService.resubmitFromDevice(tx, db, actor, parsed.data, now);
			return;
		}
		case 'problem.report': {
			const parsed = mutationArgsSchemas['problem.report'].safeParse(m.args);
			if (!parsed.success) throw new DomainError('VALIDATION', `invalid problem report: ${issuesOf(parsed.error)}`);
			await problemService.report(tx, actor, parsed.data, now);
			return;
		}
		case 'delivery.record': {
			const parsed = mutationArgsSchemas['delivery.record'].safeParse(m.args);
			if (!parsed.success) throw new DomainError('VALIDATION', `invalid delivery record: ${issuesOf(parsed.error)}`);
			await deliveryService.record(tx, db, actor, parsed.data, now);
			return;
		}
		case 'delivery.fail': {
			const parsed = mutationArgsSchemas['delivery.fail'].safeParse(m.args);
			if (!parsed.success) throw new DomainError('VALIDATION', `invalid failed attempt: ${issuesOf(parsed.error)}`);
			await deliveryService.fail(tx, db, actor, parsed.data, now);
			return;
		}
	}
}

/**
 * One page from two streams ordered by change number (a user may be agent and grid worker). Each
 * stream was read with limit + 1 rows, so any row it did not return is newer than the page's
 * last; rows sharing the last change number are never split across pages.
 */
function mergePages(
	caseRows: CaseRow[],
	deliveryRows: CaseRow[],
	limit: number
): { page: { kind: 'case' | 'delivery'; row: CaseRow }[]; hasMore: boolean } {
	const all = [
		...caseRows.map((row) => ({ kind: 'case' as const, row })),
		...deliveryRows.map((row) => ({ kind: 'delivery' as const, row }))
	].sort((a, b) => a.row.changeSeq - b.row.changeSeq);
	if (all.length <= limit) return { page: all, hasMore: false };
	let end = limit;
	const lastSeq = all[limit - 1]?.row.changeSeq;
	while (end < all.length && all[end]?.row.changeSeq === lastSeq) end++;
	return { page: all.slice(0, end), hasMore: end < all.length || caseRows.length > limit || deliveryRows.length > limit };
}

function issuesOf(error: z.ZodError): string {
	return error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
}

export const syncService = {
	/**
	 * Applies mutations in id order, each in its own transaction together with the client's
	 * last applied id, so a mutation is applied exactly once however often it is sent.
	 */
	async push(db: Db, actor: Actor, req: PushRequest, now: () => Date): Promise<PushResponse> {
		checkProtocol(req.protocolVersion);
		const results: MutationResult[] = [];
		let lastMutationId = 0;
		const mutations = [...req.mutations].sort((a, b) => a.id - b.id);
		for (const m of mutations) {
			const result = await db.transaction(async (tx) => {
				const client = await syncRepository.lockClient(tx, {
					clientId: req.clientId,
					userId: actor.id,
					deviceId: actor.deviceId
				});
				if (client.userId !== actor.id) {
					throw new DomainError('FORBIDDEN', 'this sync client belongs to another user');
				}
				lastMutationId = client.lastMutationId;
				if (m.id <= client.lastMutationId) {
					// A re-sent refusal is refused again: answering 'duplicate' would make the device
					// drop it as accepted when the first answer, the refusal, was lost on the way.
					const refused = await syncRepository.findRejection(tx, req.clientId, m.id);
					if (refused) return { id: m.id, status: 'rejected', code: refused.code, reason: refused.reason } as const;
					return { id: m.id, status: 'duplicate' } as const;
				}
				if (m.id !== client.lastMutationId + 1) {
					throw new DomainError(
						'CONFLICT',
						`mutation ${m.id} arrived before mutation ${client.lastMutationId + 1}: send the outbox in order`
					);
				}
				const at = now();
				let outcome: MutationResult;
				try {
					// A savepoint: a refused mutation rolls back its own writes, not the id bookkeeping.
					await tx.transaction((sp) => applyMutation(sp, db, actor, m, at));
					await syncRepository.recordApplied(tx, { clientId: req.clientId, mutationId: m.id, name: m.name, appliedAt: at });
					outcome = { id: m.id, status: 'applied' };
				} catch (e) {
					if (!(e instanceof DomainError)) throw e;
					await syncRepository.recordRejection(tx, {
						clientId: req.clientId,
						mutationId: m.id,
						name: m.name,
						code: e.code,
						reason: e.message,
						rejectedAt: at
					});
					outcome = { id: m.id, status: 'rejected', code: e.code, reason: e.message };
				}
				await syncRepository.setLastMutationId(tx, req.clientId, m.id, at);
				lastMutationId = m.id;
				return outcome;
			});
			results.push(result);
		}
		return { lastMutationId, results };
	},

	/** Everything in the actor's scope that changed after the cursor, one bounded page at a time. */
	async pull(db: Db, actor: Actor, req: PullRequest): Promise<PullResponse> {
		checkProtocol(req.protocolVersion);
		const client = await syncRepository.findClient(db, req.clientId);
		if (client && client.userId !== actor.id) {
			throw new DomainError('FORBIDDEN', 'this sync client belongs to another user');
		}
		// Read the committed clock first: rows read below are at least this new, so jumping the
		// cursor to it when the page is not full can never skip a row committed later.
		const committed = await syncRepository.committedChangeSeq(db);
		const villages = hasRole(actor, 'village_agent') ? actor.scope.villageCodes : [];
		const caseRows = await caseRepository.changedInVillages(db, villages, req.cursor, req.limit + 1);
		// A grid worker's deliveries are a second stream in the same change-number space.
		const deliveryRows = await deliveryService.changedSince(db, actor, req.cursor, req.limit + 1);
		const { page, hasMore } = mergePages(caseRows, deliveryRows, req.limit);
		const last = page.at(-1);
		const cursor = hasMore && last ? last.row.changeSeq : Math.max(req.cursor, committed, last?.row.changeSeq ?? 0);
		const latest = await catalogRepository.latest(db);
		const rejections = req.oldestPendingMutationId
			? await syncRepository.rejectionsFrom(db, req.clientId, req.oldestPendingMutationId)
			: [];
		// Same cursor space as the cases, read after them: every number up to `cursor` is committed
		// (the clock lock orders commits), so this range misses no report and repeats none.
		const problems = await problemService.changedForPull(db, villages, req.cursor, cursor);
		const gone = await deliveryService.tombstones(db, actor, req.cursor, cursor);
		// Case records carry the applicant's full ID number (deliveries only a masked one).
		const withFullId = page.filter((p) => p.kind === 'case').map((p) => p.row.id);
		if (withFullId.length > 0) await auditFullIdRead(db, actor, 'sync.pull', withFullId);
		// The last page tells the device what it should hold, so a drifted device notices (docs/SYNC.md).
		const digests = [];
		if (!hasMore) {
			const inScope = await syncRepository.caseIdsAtClock(db, villages);
			digests.push({ scope: 'cases', ...scopeDigest(inScope.ids), atCursor: inScope.clock });
		}
		return {
			cursor,
			hasMore,
			lastMutationId: client?.lastMutationId ?? 0,
			cases: page.filter((p) => p.kind === 'case').map((p) => toCaseRecord(p.row)),
			deliveries: await deliveryService.project(db, page.filter((p) => p.kind === 'delivery').map((p) => p.row)),
			problems,
			tombstones: gone.map((caseId) => ({ entityType: 'delivery' as const, entityId: caseId })),
			rejections: rejections.map((r) => ({ mutationId: r.mutationId, code: r.code, reason: r.reason })),
			catalog: latest && latest.catalog.version > req.catalogVersion ? latest.catalog : null,
			digests
		};
	}
};
