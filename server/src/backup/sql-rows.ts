import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';

/** Rows of a raw query, the same on PGlite and node-postgres (both answer `{ rows }`). */
export async function rows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
	const result = (await db.execute(query)) as unknown as { rows: T[] };
	return result.rows;
}

/** A quoted identifier (table and sequence names come from the catalog, but quote them anyway). */
export const ident = (name: string): SQL => sql.raw(`"${name.replace(/"/g, '""')}"`);
