import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { devices } from '../db/schema';

export type DeviceRow = typeof devices.$inferSelect;

export const deviceRepository = {
	async findActive(db: DbOrTx, id: string, userId: string): Promise<DeviceRow | undefined> {
		const [row] = await db
			.select()
			.from(devices)
			.where(and(eq(devices.id, id), eq(devices.userId, userId), isNull(devices.revokedAt)))
			.limit(1);
		return row;
	},
	async tagExists(db: DbOrTx, tag: string): Promise<boolean> {
		const rows = await db.select({ id: devices.id }).from(devices).where(eq(devices.deviceTag, tag)).limit(1);
		return rows.length > 0;
	},
	async insert(db: DbOrTx, row: typeof devices.$inferInsert): Promise<void> {
		await db.insert(devices).values(row);
	},
	async touch(db: DbOrTx, id: string, at: Date): Promise<void> {
		await db.update(devices).set({ lastSeenAt: at }).where(eq(devices.id, id));
	}
};
