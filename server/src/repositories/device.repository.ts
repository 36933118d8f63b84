import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { deviceRevocations, devices, users } from '../db/schema';

export type DeviceRow = typeof devices.$inferSelect;

export interface DeviceListRow {
	id: string;
	name: string;
	deviceTag: string;
	enrolledAt: Date;
	lastSeenAt: Date;
	revokedAt: Date | null;
	userId: string;
	username: string;
	displayName: string;
	townshipCode: string;
}

export const deviceRepository = {
	async findActive(db: DbOrTx, id: string, userId: string): Promise<DeviceRow | undefined> {
		const [row] = await db
			.select()
			.from(devices)
			.where(and(eq(devices.id, id), eq(devices.userId, userId), isNull(devices.revokedAt)))
			.limit(1);
		return row;
	},
	async findById(db: DbOrTx, id: string): Promise<DeviceListRow | undefined> {
		const [row] = await listQuery(db).where(eq(devices.id, id)).limit(1);
		return row;
	},
	async tagExists(db: DbOrTx, tag: string): Promise<boolean> {
		const rows = await db.select({ id: devices.id }).from(devices).where(eq(devices.deviceTag, tag)).limit(1);
		return rows.length > 0;
	},
	async insert(db: DbOrTx, row: typeof devices.$inferInsert): Promise<void> {
		await db.insert(devices).values(row);
	},
	/** Last seen, written at most once a minute per device. */
	async touch(db: DbOrTx, id: string, at: Date): Promise<void> {
		await db
			.update(devices)
			.set({ lastSeenAt: at })
			.where(and(eq(devices.id, id), sql`${devices.lastSeenAt} < ${at.toISOString()}::timestamptz - interval '1 minute'`));
	},
	/** Devices of users whose township scope starts with `townshipPrefix` ('' for all), newest first. */
	async list(db: DbOrTx, townshipPrefix: string, limit: number): Promise<DeviceListRow[]> {
		const query = listQuery(db);
		const filtered = townshipPrefix
			? query.where(sql`${users.scope}->>'townshipCode' like ${`${escapeLike(townshipPrefix)}%`}`)
			: query;
		return filtered.orderBy(desc(devices.lastSeenAt)).limit(limit);
	},
	/** Returns false when it was revoked already. */
	async revoke(db: DbOrTx, id: string, at: Date, by: string | null, reason: string): Promise<boolean> {
		const rows = await db
			.update(devices)
			.set({ revokedAt: at })
			.where(and(eq(devices.id, id), isNull(devices.revokedAt)))
			.returning({ id: devices.id });
		if (rows.length === 0) return false;
		await db.insert(deviceRevocations).values({ deviceId: id, revokedBy: by, reason, at });
		return true;
	}
};

function listQuery(db: DbOrTx) {
	return db
		.select({
			id: devices.id,
			name: devices.name,
			deviceTag: devices.deviceTag,
			enrolledAt: devices.enrolledAt,
			lastSeenAt: devices.lastSeenAt,
			revokedAt: devices.revokedAt,
			userId: users.id,
			username: users.username,
			displayName: users.displayName,
			townshipCode: sql<string>`${users.scope}->>'townshipCode'`
		})
		.from(devices)
		.innerJoin(users, eq(users.id, devices.userId));
}

function escapeLike(s: string): string {
	return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
