import { uuidv7 } from 'uuidv7';
import type { DaibanDb, LocalProblem, StoredOutboxEntry } from './db/db';
import { enqueue, refOf } from './sync/outbox';
import { openProblems, sealProblem } from './vault/problem-vault';
import { problemReportArgsSchema, type ProblemCategory } from '$lib/domain/problems/problem.schema';
import type { PublicUser } from '$lib/domain/roles';

/**
 * "Couldn't get it done" reports (办不成事反映) on the agent's device: logged offline, queued as
 * `problem.report` in the same Dexie transaction, answered by the centre head; the answer comes
 * back with the next sync (the pull carries the reports of the agent's villages).
 */

export interface NewProblem {
	category: ProblemCategory;
	note: string;
	/** The related case, if any. */
	caseNumber?: string;
	/** For an agent of several villages; her first village otherwise. */
	villageCode?: string;
}

export class ProblemInvalidError extends Error {
	constructor(readonly issues: { path: string; message: string }[]) {
		super(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
		this.name = 'ProblemInvalidError';
	}
}

export async function reportProblem(db: DaibanDb, input: NewProblem, now: Date, who: { user: PublicUser }): Promise<LocalProblem> {
	const villageCode = input.villageCode ?? who.user.scope.villageCodes[0] ?? '';
	const parsed = problemReportArgsSchema.safeParse({
		id: uuidv7(),
		villageCode,
		category: input.category,
		note: input.note,
		caseNumber: input.caseNumber?.trim() || undefined,
		createdAt: now.toISOString()
	});
	if (!parsed.success) {
		throw new ProblemInvalidError(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
	}
	if (!who.user.scope.villageCodes.includes(parsed.data.villageCode)) {
		throw new ProblemInvalidError([{ path: 'villageCode', message: `village ${villageCode} is not in your service area` }]);
	}
	const args = parsed.data;
	const record: LocalProblem = {
		id: args.id,
		villageCode: args.villageCode,
		category: args.category,
		note: args.note,
		caseNumber: args.caseNumber ?? null,
		createdAt: args.createdAt,
		status: 'open',
		response: null,
		respondedAt: null,
		closedAt: null,
		synced: false
	};
	// Sealed before the transaction (WebCrypto would end it); the outbox copy is sealed by enqueue.
	const stored = await sealProblem(record);
	return db.transaction('rw', db.problems, db.outbox, db.meta, async () => {
		await db.problems.add(stored);
		await enqueue(db, 'problem.report', args, now);
		return record;
	});
}

export type ProblemSyncState = 'sent' | 'received' | 'rejected';

/** Where a report stands: on the server (pulled back), refused (quarantined in the outbox), or on its way. */
export function problemSyncState(p: LocalProblem, outbox: readonly StoredOutboxEntry[]): { state: ProblemSyncState; reason?: string } {
	const entry = outbox.find((e) => e.name === 'problem.report' && refOf(e) === p.id);
	if (entry?.quarantined) return { state: 'rejected', reason: entry.quarantined.reason };
	if (p.synced || !entry) return { state: 'received' };
	return { state: 'sent' };
}

/** The device's reports, newest first, with the outbox entries that say which are still on their way. */
export async function listProblems(db: DaibanDb): Promise<{ problems: LocalProblem[]; outbox: StoredOutboxEntry[] }> {
	const { stored, outbox } = await db.transaction('r', db.problems, db.outbox, async () => {
		const [stored, outbox] = await Promise.all([db.problems.orderBy('createdAt').reverse().toArray(), db.outbox.toArray()]);
		return { stored, outbox: outbox.filter((e) => e.name === 'problem.report') };
	});
	return { problems: await openProblems(stored), outbox };
}
