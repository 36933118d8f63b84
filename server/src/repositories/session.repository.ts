import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { devices, sessions, users, type SessionEndReason } from '../db/schema';

export type SessionRow = typeof sessions.$inferSelect;

export const sessionRepository = {
	async insert(db: DbOrTx, row: typeof sessions.$inferInsert): Promise<void> {
		await db.insert(sessions).values(row);
	},
	/** The session with its user and device, whatever its state: the service decides whether it is live and why not. */
	async findWithOwner(db: DbOrTx, tokenHash: string) {
		const [row] = await db
			.select({ session: sessions, user: users, device: devices })
			.from(sessions)
			.innerJoin(users, eq(users.id, sessions.userId))
			.innerJoin(devices, eq(devices.id, sessions.deviceId))
			.where(eq(sessions.tokenHash, tokenHash))
			.limit(1);
		return row;
	},
	async revoke(db: DbOrTx, tokenHash: string, at: Date, reason: SessionEndReason): Promise<void> {
		await db
			.update(sessions)
			.set({ revokedAt: at, endReason: reason })
			.where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.endReason)));
	},
	/**
	 * Marks a session as rotated, ending at `endsAt` (a short grace for requests already in
	 * flight with the old cookie). Only one of two concurrent rotations wins: returns false
	 * for the loser, which keeps using the old token inside the grace.
	 */
	async markRotated(db: DbOrTx, tokenHash: string, endsAt: Date): Promise<boolean> {
		const rows = await db
			.update(sessions)
			.set({ revokedAt: endsAt, endReason: 'rotated' })
			.where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.endReason)))
			.returning({ tokenHash: sessions.tokenHash });
		return rows.length === 1;
	},
	/** Ends every live session of a user (log out everywhere, password reset, disabled). */
	async revokeAllOfUser(db: DbOrTx, userId: string, at: Date, reason: SessionEndReason): Promise<number> {
		const rows = await db
			.update(sessions)
			.set({ revokedAt: at, endReason: reason })
			.where(and(eq(sessions.userId, userId), or(isNull(sessions.endReason), eq(sessions.endReason, 'rotated'))))
			.returning({ tokenHash: sessions.tokenHash });
		return rows.length;
	},
	async revokeAllOfDevice(db: DbOrTx, deviceId: string, at: Date): Promise<number> {
		const rows = await db
			.update(sessions)
			.set({ revokedAt: at, endReason: 'device_revoked' })
			.where(and(eq(sessions.deviceId, deviceId), or(isNull(sessions.endReason), eq(sessions.endReason, 'rotated'))))
			.returning({ tokenHash: sessions.tokenHash });
		return rows.length;
	},
	/** Written at most once a minute per session, not on every request. */
	async touch(db: DbOrTx, tokenHash: string, at: Date): Promise<void> {
		await db
			.update(sessions)
			.set({ lastUsedAt: at })
			.where(and(eq(sessions.tokenHash, tokenHash), lt(sessions.lastUsedAt, sql`${at.toISOString()}::timestamptz - interval '1 minute'`)));
	}
};
