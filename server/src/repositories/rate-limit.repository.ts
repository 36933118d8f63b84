import { lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { rateLimitHits } from '../db/schema';

export const rateLimitRepository = {
	/** Counts one hit in the bucket's window and returns the window's count so far (atomic upsert). */
	async hit(db: DbOrTx, bucket: string, windowStart: Date): Promise<number> {
		const [row] = await db
			.insert(rateLimitHits)
			.values({ bucket, windowStart, hits: 1 })
			.onConflictDoUpdate({ target: [rateLimitHits.bucket, rateLimitHits.windowStart], set: { hits: sql`${rateLimitHits.hits} + 1` } })
			.returning({ hits: rateLimitHits.hits });
		return row?.hits ?? 1;
	},
	async deleteWindowsBefore(db: DbOrTx, before: Date): Promise<void> {
		await db.delete(rateLimitHits).where(lt(rateLimitHits.windowStart, before));
	}
};
