import { and, count, eq, gt, inArray, lt } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { loginFailures } from '../db/schema';

export const loginFailureRepository = {
	async countSince(db: DbOrTx, key: string, since: Date): Promise<number> {
		const [row] = await db
			.select({ n: count() })
			.from(loginFailures)
			.where(and(eq(loginFailures.key, key), gt(loginFailures.at, since)));
		return row?.n ?? 0;
	},
	async insert(db: DbOrTx, keys: string[], at: Date): Promise<void> {
		if (keys.length) await db.insert(loginFailures).values(keys.map((key) => ({ key, at })));
	},
	async clear(db: DbOrTx, keys: string[]): Promise<void> {
		if (keys.length) await db.delete(loginFailures).where(inArray(loginFailures.key, keys));
	},
	/** Rows older than any window are of no use. */
	async prune(db: DbOrTx, before: Date): Promise<void> {
		await db.delete(loginFailures).where(lt(loginFailures.at, before));
	}
};
