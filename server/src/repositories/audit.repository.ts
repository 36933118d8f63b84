import { asc, desc, gt } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../db/database';
import { auditEvents } from '../db/schema';

export type AuditRow = typeof auditEvents.$inferSelect;

/** Key of the transaction advisory lock that serialises appends ("Daib", "audt"). */
const AUDIT_LOCK = [0x44616962, 0x61756474] as const;

/** Insert and read only: the audit log has no update or delete path (and a trigger refuses them). */
export const auditRepository = {
	/**
	 * Takes the append lock (held until the transaction ends) and returns the chain's head. Two
	 * appends can then never read the same head and fork the chain.
	 */
	async lockHead(tx: Tx): Promise<{ seq: number; hash: string } | null> {
		await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK[0]}, ${AUDIT_LOCK[1]})`);
		const [head] = await tx.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
		return head ?? null;
	},
	async insert(tx: Tx, row: AuditRow): Promise<void> {
		await tx.insert(auditEvents).values(row);
	},
	/** A page of events after `afterSeq`, oldest first (audit:verify walks the whole log this way). */
	async pageAfter(db: DbOrTx, afterSeq: number, limit: number): Promise<AuditRow[]> {
		return db.select().from(auditEvents).where(gt(auditEvents.seq, afterSeq)).orderBy(asc(auditEvents.seq)).limit(limit);
	},
	async latest(db: DbOrTx, limit: number): Promise<AuditRow[]> {
		return db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(limit);
	}
};
