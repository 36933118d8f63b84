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
			`cannot reach PostgreSQL at ${redactUrl(url)}: ${(cause as Error).message}`,
			{ cause }
		);
	}
	const db = drizzlePg(pool, { schema });
	try {
		await migratePg(db, { migrationsFolder });
	} catch (cause) {
		await pool.end().catch(() => {});
		throw new DatabaseStartError(`database migration failed: ${(cause as Error).message}`, { cause });
	}
	return { db: db as unknown as Db, kind: 'postgres', close: () => pool.end() };
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
		throw new DatabaseStartError(`cannot open the embedded database: ${(cause as Error).message}`, { cause });
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
