import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { ident, rows } from './sql-rows';

/** What the database holds, read from PostgreSQL's own catalog (PGlite is PostgreSQL too). */

/** The application's tables, a table after every table it references (foreign keys), so rows restore in order. */
export async function tablesInRestoreOrder(db: DbOrTx): Promise<string[]> {
	const tables = (await rows<{ name: string }>(db, sql`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).map((t) => t.name);
	const edges = await rows<{ child: string; parent: string }>(
		db,
		sql`SELECT c.relname AS child, p.relname AS parent
		    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
		    WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace`
	);
	const ordered: string[] = [];
	const placed = new Set<string>();
	// Bounded: each round places at least one table, or the references form a cycle.
	for (let round = 0; round <= tables.length && ordered.length < tables.length; round++) {
		for (const t of tables) {
			if (placed.has(t)) continue;
			const waitsFor = edges.filter((e) => e.child === t && e.parent !== t && !placed.has(e.parent));
			if (waitsFor.length === 0) {
				ordered.push(t);
				placed.add(t);
			}
		}
	}
	if (ordered.length < tables.length) throw new Error(`foreign keys form a cycle among ${tables.filter((t) => !placed.has(t)).join(', ')}`);
	return ordered;
}

/** Columns a row can be inserted with (generated columns are computed by the database). */
export async function insertableColumns(db: DbOrTx, table: string): Promise<string[]> {
	const cols = await rows<{ name: string }>(
		db,
		sql`SELECT attname AS name FROM pg_attribute
		    WHERE attrelid = ${`public.${table}`}::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
		    ORDER BY attnum`
	);
	return cols.map((c) => c.name);
}

export async function sequences(db: DbOrTx): Promise<{ name: string; lastValue: string | null }[]> {
	return rows(db, sql`SELECT sequencename AS name, last_value::text AS "lastValue" FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename`);
}

/** drizzle's applied migrations (their hashes, oldest first). */
export async function appliedMigrations(db: DbOrTx): Promise<string[]> {
	const applied = await rows<{ hash: string }>(db, sql`SELECT hash FROM drizzle.__drizzle_migrations ORDER BY id`);
	return applied.map((m) => m.hash);
}

export async function rowCount(db: DbOrTx, table: string): Promise<number> {
	const [r] = await rows<{ n: string }>(db, sql`SELECT count(*)::text AS n FROM ${ident(table)}`);
	return Number(r?.n ?? 0);
}
