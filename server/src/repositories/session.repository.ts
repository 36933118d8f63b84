import { and, eq, gt, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { devices, sessions, users } from '../db/schema';

export const sessionRepository = {
	async insert(db: DbOrTx, row: typeof sessions.$inferInsert): Promise<void> {
		await db.insert(sessions).values(row);
	},
	/** A live session with its user and device; revoked devices and disabled users yield nothing. */
	async findLive(db: DbOrTx, tokenHash: string, now: Date) {
		const [row] = await db
			.select({ session: sessions, user: users, device: devices })
			.from(sessions)
			.innerJoin(users, eq(users.id, sessions.userId))
			.innerJoin(devices, eq(devices.id, sessions.deviceId))
			.where(
				and(
					eq(sessions.tokenHash, tokenHash),
					isNull(sessions.revokedAt),
					gt(sessions.expiresAt, now),
					isNull(devices.revokedAt),
					eq(users.disabled, false)
				)
			)
			.limit(1);
		return row;
	},
	async revoke(db: DbOrTx, tokenHash: string, at: Date): Promise<void> {
		await db.update(sessions).set({ revokedAt: at }).where(eq(sessions.tokenHash, tokenHash));
	}
};
