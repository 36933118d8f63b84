import { and, asc, eq, gt, gte, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { appliedMutationAudit, cases, syncClients, syncClock, syncRejections } from '../db/schema';

export type SyncClientRow = typeof syncClients.$inferSelect;

export const syncRepository = {
	/**
	 * Takes the next change sequence number. The row lock this UPDATE holds until commit
	 * serialises writers of synced data, so sequence numbers commit in order (docs/SYNC.md).
	 */
	async nextChangeSeq(tx: DbOrTx): Promise<number> {
		const [row] = await tx
			.update(syncClock)
			.set({ value: sql`${syncClock.value} + 1` })
			.where(eq(syncClock.id, 1))
			.returning({ value: syncClock.value });
		if (!row) throw new Error('sync_clock row is missing: migrations did not run');
		return row.value;
	},
	/** The last committed sequence number; any transaction still in flight will commit above it. */
	async committedChangeSeq(db: DbOrTx): Promise<number> {
		const [row] = await db.select({ value: syncClock.value }).from(syncClock).where(eq(syncClock.id, 1));
		return row?.value ?? 0;
	},
	/**
	 * The ids of every case of these villages and the committed clock, in ONE statement: one snapshot,
	 * so the ids are exactly the cases that existed at change number `clock` (a writer's clock update
	 * and its case commit together). For the pull's per-scope digest.
	 */
	async caseIdsAtClock(db: DbOrTx, villageCodes: string[]): Promise<{ clock: number; ids: string[] }> {
		if (villageCodes.length === 0) return { clock: await this.committedChangeSeq(db), ids: [] };
		const rows = await db
			.select({ clock: syncClock.value, id: cases.id })
			.from(syncClock)
			.leftJoin(
				cases,
				// The same cases a pull sends: retention-redacted ones no longer go to devices.
				and(inArray(cases.villageCode, villageCodes), sql`${cases.intake}->>'redactedAt' IS NULL`)
			)
			.where(eq(syncClock.id, 1));
		const ids: string[] = [];
		for (const r of rows) if (r.id !== null) ids.push(r.id);
		return { clock: rows[0]?.clock ?? 0, ids };
	},
	/** The client's row, locked for the rest of the transaction so concurrent pushes of one client queue up. */
	async lockClient(
		tx: DbOrTx,
		client: { clientId: string; userId: string; deviceId: string }
	): Promise<SyncClientRow> {
		await tx.insert(syncClients).values(client).onConflictDoNothing();
		const [row] = await tx.select().from(syncClients).where(eq(syncClients.clientId, client.clientId)).for('update');
		if (!row) throw new Error('sync client row vanished');
		return row;
	},
	async findClient(db: DbOrTx, clientId: string): Promise<SyncClientRow | undefined> {
		const [row] = await db.select().from(syncClients).where(eq(syncClients.clientId, clientId));
		return row;
	},
	async setLastMutationId(tx: DbOrTx, clientId: string, id: number, at: Date): Promise<void> {
		await tx.update(syncClients).set({ lastMutationId: id, updatedAt: at }).where(eq(syncClients.clientId, clientId));
	},
	async recordApplied(tx: DbOrTx, row: typeof appliedMutationAudit.$inferInsert): Promise<void> {
		await tx.insert(appliedMutationAudit).values(row);
	},
	async recordRejection(tx: DbOrTx, row: typeof syncRejections.$inferInsert): Promise<void> {
		await tx.insert(syncRejections).values(row).onConflictDoNothing();
	},
	async findRejection(db: DbOrTx, clientId: string, mutationId: number) {
		const [row] = await db
			.select()
			.from(syncRejections)
			.where(and(eq(syncRejections.clientId, clientId), eq(syncRejections.mutationId, mutationId)));
		return row;
	},
	async rejectionsFrom(db: DbOrTx, clientId: string, fromMutationId: number) {
		return db
			.select()
			.from(syncRejections)
			.where(and(eq(syncRejections.clientId, clientId), gte(syncRejections.mutationId, fromMutationId)))
			.orderBy(asc(syncRejections.mutationId));
	},
	async rejectionsAfter(db: DbOrTx, clientId: string, afterMutationId: number) {
		return db
			.select()
			.from(syncRejections)
			.where(and(eq(syncRejections.clientId, clientId), gt(syncRejections.mutationId, afterMutationId)));
	}
};
