import type { Db, DbOrTx } from '../db/database';
import type { Actor } from '../context';
import { DomainError } from '../../../src/lib/domain/errors';
import { hasRole } from '../../../src/lib/domain/roles';
import type {
	ProblemReport,
	ProblemReportArgs,
	ProblemReportDetail,
	ProblemStatus
} from '../../../src/lib/domain/problems/problem.schema';
import { problemRepository, type ProblemDetailRow, type ProblemRow } from '../repositories/problem.repository';
import { syncRepository } from '../repositories/sync.repository';

export function toProblemReport(row: ProblemRow): ProblemReport {
	return {
		id: row.id,
		villageCode: row.villageCode,
		category: row.category,
		note: row.note,
		caseNumber: row.caseNumber,
		createdAt: row.createdAt.toISOString(),
		status: row.status,
		response: row.response,
		respondedAt: row.respondedAt?.toISOString() ?? null,
		closedAt: row.closedAt?.toISOString() ?? null
	};
}

function toDetail(row: ProblemDetailRow): ProblemReportDetail {
	return { ...toProblemReport(row.report), reporterName: row.reporterName, villageName: row.villageName, responderName: row.responderName };
}

/** Row-level rule: township staff see the reports of their township's villages. */
function inTownship(actor: Actor, row: ProblemRow): boolean {
	const township = actor.scope.townshipCode;
	return township.length > 0 && row.villageCode.startsWith(township);
}

export const problemService = {
	/**
	 * Mutation `problem.report` from an agent's device. Runs inside the push transaction, so the
	 * report and the client's mutation id commit together (applied once however often sent).
	 */
	async report(tx: DbOrTx, actor: Actor, args: ProblemReportArgs, now: Date): Promise<void> {
		if (!hasRole(actor, 'village_agent')) throw new DomainError('FORBIDDEN', 'only a village agent may report a problem');
		if (!actor.scope.villageCodes.includes(args.villageCode)) {
			throw new DomainError('FORBIDDEN', `village ${args.villageCode} is not in your service area`);
		}
		if (await problemRepository.findById(tx, args.id)) throw new DomainError('CONFLICT', `problem report ${args.id} already exists`);
		const changeSeq = await syncRepository.nextChangeSeq(tx);
		await problemRepository.insert(tx, {
			id: args.id,
			reporterId: actor.id,
			villageCode: args.villageCode,
			category: args.category,
			note: args.note,
			caseNumber: args.caseNumber ?? null,
			createdAt: new Date(args.createdAt),
			receivedAt: now,
			status: 'open',
			changeSeq
		});
	},

	/** Reports changed in one pull page's cursor range, for an agent's villages. */
	async changedForPull(db: DbOrTx, villageCodes: string[], after: number, upTo: number): Promise<ProblemReport[]> {
		const rows = await problemRepository.changedInVillages(db, villageCodes, after, upTo);
		return rows.map(toProblemReport);
	},

	async list(db: Db, actor: Actor, input: { statuses: ProblemStatus[]; limit: number; offset: number }) {
		if (actor.scope.townshipCode.length === 0) return { total: 0, reports: [] };
		const { rows, total } = await problemRepository.list(db, { ...input, townshipCode: actor.scope.townshipCode });
		return { total, reports: rows.map(toDetail) };
	},

	/** The centre head answers; the answer reaches the station at its next sync. */
	async answer(db: Db, actor: Actor, input: { id: string; response: string }, now: Date): Promise<ProblemReportDetail> {
		return respond(db, actor, input.id, now, (row) => {
			if (row.status === 'closed') throw new DomainError('ILLEGAL_TRANSITION', 'this report is closed; it cannot be answered again');
			return { status: 'answered', response: input.response, responderId: actor.id, respondedAt: now };
		});
	},

	/** Closes a report; one never answered needs a response now (nobody closes a problem silently). */
	async close(db: Db, actor: Actor, input: { id: string; response?: string | undefined }, now: Date): Promise<ProblemReportDetail> {
		return respond(db, actor, input.id, now, (row) => {
			if (row.status === 'closed') throw new DomainError('ILLEGAL_TRANSITION', 'this report is already closed');
			if (input.response === undefined) {
				if (row.response === null) throw new DomainError('VALIDATION', 'response: answer the report before closing it');
				return { status: 'closed', closedAt: now };
			}
			return { status: 'closed', closedAt: now, response: input.response, responderId: actor.id, respondedAt: now };
		});
	}
};

/** Answer or close, by the centre head of the report's township; `decide` says what changes or refuses. */
async function respond(
	db: Db,
	actor: Actor,
	id: string,
	now: Date,
	decide: (row: ProblemRow) => Partial<ProblemRow>
): Promise<ProblemReportDetail> {
	if (!hasRole(actor, 'supervisor')) throw new DomainError('FORBIDDEN', 'only the centre head may answer or close a report');
	await db.transaction(async (tx) => {
		// Lock order as everywhere: the change clock first, then the row.
		const changeSeq = await syncRepository.nextChangeSeq(tx);
		const row = await problemRepository.findByIdForUpdate(tx, id);
		if (!row || !inTownship(actor, row)) throw new DomainError('NOT_FOUND', `problem report ${id} not found`);
		await problemRepository.update(tx, id, { ...decide(row), changeSeq });
	});
	const detail = await problemRepository.findDetail(db, id);
	if (!detail) throw new DomainError('NOT_FOUND', `problem report ${id} not found`);
	return toDetail(detail);
}
