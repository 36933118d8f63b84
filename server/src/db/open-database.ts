import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema';
import type { Db } from './database';
import { lockDataDir } from './data-dir-lock';

const migrationsFolder = join(fileURLToPath(new URL('.', import.meta.url)), 'migrations');

export type DatabaseTarget =
	| { kind: 'postgres'; url: string; poolSize?: number }
	| { kind: 'pglite'; dataDir: string }
	| { kind: 'pglite-memory' };

export interface OpenDatabase {
	db: Db;
	kind: 'postgres' | 'pglite';
	close(): Promise<void>;
}

export class DatabaseStartError extends Error {
	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'DatabaseStartError';
	}
}

/** Opens the database, runs pending migrations in-process, and returns a ready handle. */
export async function openDatabase(target: DatabaseTarget): Promise<OpenDatabase> {
	if (target.kind === 'postgres') return openPostgres(target.url, target.poolSize ?? 10);
	return openPglite(target.kind === 'pglite' ? target.dataDir : undefined);
}

async function openPostgres(url: string, poolSize: number): Promise<OpenDatabase> {
	const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 10_000 });
	// A pool error on an idle client must not crash the server; the next query reports it.
	pool.on('error', () => {});
	try {
		const client = await pool.connect();
		client.release();
	} catch (cause) {
		await pool.end().catch(() => {});
		throw new DatabaseStartError(
			`cannot reach PostgreSQL at ${redactUrl(url)}: ${describeCause(cause)}`,
			{ cause }
		);
	}
	try {
		await migrateLocked(pool);
	} catch (cause) {
		await pool.end().catch(() => {});
		throw new DatabaseStartError(`database migration failed: ${describeCause(cause)}`, { cause });
	}
	const db = drizzlePg(pool, { schema });
	return { db: db as unknown as Db, kind: 'postgres', close: () => pool.end() };
}

/** Key of the session advisory lock that serialises migrations ("Daib", "migr"). */
const MIGRATION_LOCK = [0x44616962, 0x6d696772] as const;

/**
 * drizzle's migrator is not safe against another server migrating the same database at the
 * same moment (two replicas, a rolling deploy): both create the same tables and one dies on
 * a duplicate catalog row. A session advisory lock serialises them; the later one then finds
 * the migrations recorded and has nothing to do. The wait is bounded so a stuck holder gives
 * an error, not a server that hangs at start.
 */
async function migrateLocked(pool: pg.Pool): Promise<void> {
	const client = await pool.connect();
	let broken: Error | undefined;
	try {
		await client.query(`SET lock_timeout = '120s'`);
		await client.query('SELECT pg_advisory_lock($1, $2)', [...MIGRATION_LOCK]);
		await client.query('RESET lock_timeout');
		try {
			await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
		} finally {
			await client.query('SELECT pg_advisory_unlock($1, $2)', [...MIGRATION_LOCK]).catch((e: Error) => {
				// Could not unlock: destroy the connection, which ends the session and its lock.
				broken = e;
			});
		}
	} catch (e) {
		broken ??= e as Error;
		throw e;
	} finally {
		client.release(broken);
	}
}

/**
 * The reason behind an error, for a start-up message. drizzle wraps driver errors as
 * "Failed query: <the whole statement> params: …", which hides the reason (e.g. `relation
 * "users" already exists`) in its cause; we print the innermost message and the statement's
 * first line.
 */
function describeCause(cause: unknown): string {
	let inner: unknown = cause;
	for (let depth = 0; depth < 5 && inner instanceof Error && inner.cause instanceof Error; depth++) inner = inner.cause;
	const reason = inner instanceof Error ? inner.message : String(inner);
	const query = cause instanceof Error && 'query' in cause && typeof cause.query === 'string' ? cause.query : '';
	const statement = query.trim().split('\n')[0]?.trim();
	return statement && inner !== cause ? `${reason} (in: ${statement})` : reason;
}

async function openPglite(dataDir: string | undefined): Promise<OpenDatabase> {
	const lock = dataDir ? lockDataDir(dataDir) : undefined;
	let client: PGlite | undefined;
	try {
		client = dataDir ? new PGlite(join(dataDir, 'pglite')) : new PGlite();
		await client.waitReady;
		const db = drizzlePglite(client, { schema });
		await migratePglite(db, { migrationsFolder });
		const opened = client;
		return {
			db: db as unknown as Db,
			kind: 'pglite',
			async close() {
				await opened.close();
				lock?.release();
			}
		};
	} catch (cause) {
		await client?.close().catch(() => {});
		lock?.release();
		throw new DatabaseStartError(`cannot open the embedded database: ${describeCause(cause)}`, { cause });
	}
}

/**
 * The URL for messages, with every password hidden. node-postgres accepts URLs that WHATWG
 * `URL` rejects (a socket URL such as `postgresql://u:pw@/db?host=/run/postgresql`) and reads
 * `?password=` too, so both forms are redacted by pattern, not only through `URL`. The mask runs
 * to the last `@`: a raw `@` or `/` in a password must not leak its tail (hiding the host
 * too in that odd case is the safe side).
 */
export function redactUrl(url: string): string {
	const masked = url
		.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/?#@]*:).*@/i, '$1***@')
		.replace(/([?&]password=)[^&#]*/gi, '$1***');
	try {
		// Round-trip through URL when it parses, for a normalised form in the message.
		return new URL(masked).toString();
	} catch {
		return masked;
	}
}
