import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { users } from '../db/schema';

export type UserRow = typeof users.$inferSelect;

export const userRepository = {
	async findByUsername(db: DbOrTx, username: string): Promise<UserRow | undefined> {
		const [row] = await db.select().from(users).where(eq(users.username, username)).limit(1);
		return row;
	},
	async findById(db: DbOrTx, id: string): Promise<UserRow | undefined> {
		const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
		return row;
	},
	async insert(db: DbOrTx, row: typeof users.$inferInsert): Promise<void> {
		await db.insert(users).values(row);
	},
	async count(db: DbOrTx): Promise<number> {
		const rows = await db.select({ id: users.id }).from(users).limit(1);
		return rows.length;
	},
	async list(db: DbOrTx, limit: number): Promise<UserRow[]> {
		return db.select().from(users).orderBy(asc(users.username)).limit(limit);
	},
	async update(db: DbOrTx, id: string, patch: Partial<Pick<UserRow, 'passwordHash' | 'roles' | 'scope' | 'disabled' | 'displayName'>>): Promise<void> {
		await db.update(users).set(patch).where(eq(users.id, id));
	}
};
