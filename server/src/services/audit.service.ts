import type { Db, Tx } from '../db/database';
import { auditRepository } from '../repositories/audit.repository';
import { chainHash, findBreak, GENESIS_HASH, type AuditEventInput, type ChainBreak } from './audit-chain';

export type { AuditEventInput } from './audit-chain';

/**
 * Appends one event to the hash chain, inside the caller's transaction: the event commits with the
 * action it records, or neither does. The append lock is held until that transaction ends, so
 * concurrent appends line up one after the other. Call it last in a transaction (after the sync
 * clock and row locks), so that lock order stays the same everywhere.
 */
export async function appendAudit(tx: Tx, event: AuditEventInput, at: Date = new Date()): Promise<number> {
	const head = await auditRepository.lockHead(tx);
	const seq = (head?.seq ?? 0) + 1;
	const prevHash = head?.hash ?? GENESIS_HASH;
	const chained = {
		seq,
		at,
		actorId: event.actorId ?? null,
		deviceId: event.deviceId ?? null,
		action: event.action,
		subject: event.subject,
		details: event.details ?? {}
	};
	await auditRepository.insert(tx, { ...chained, prevHash, hash: chainHash(prevHash, chained) });
	return seq;
}

/** An event that is not part of a larger write (a read of personal data, a failed login): its own transaction. */
export function recordAudit(db: Db, event: AuditEventInput, at: Date = new Date()): Promise<number> {
	return db.transaction((tx) => appendAudit(tx, event, at));
}

export interface VerifyResult {
	checked: number;
	broken: ChainBreak | null;
}

/** Walks the whole log in seq order, page by page; stops at the first broken link. */
export async function verifyAuditChain(db: Db, pageSize = 1000): Promise<VerifyResult> {
	let previous: { seq: number; hash: string } | null = null;
	let checked = 0;
	// Bounded: each page advances the cursor by at least one row or ends the walk.
	for (;;) {
		const page = await auditRepository.pageAfter(db, previous?.seq ?? 0, pageSize);
		if (page.length === 0) return { checked, broken: null };
		const broken = findBreak(page, previous);
		if (broken) return { checked: checked + page.findIndex((e) => e.seq === broken.seq), broken };
		checked += page.length;
		const last = page[page.length - 1]!;
		previous = { seq: last.seq, hash: last.hash };
	}
}
