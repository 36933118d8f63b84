import { resolve } from 'node:path';
import { readEnv } from '../env';
import { openDatabase, type OpenDatabase } from '../db/open-database';

/**
 * The database the server would use, chosen the same way (DATABASE_URL, else PGlite in DATA_DIR).
 * On PGlite the DATA_DIR lock applies: with the server running, stop it first (PGlite has one
 * connection); on PostgreSQL the command runs beside a live server.
 */
export async function openCliDatabase(): Promise<OpenDatabase> {
	const env = readEnv();
	return openDatabase(env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL, poolSize: 2 } : { kind: 'pglite', dataDir: resolve(env.DATA_DIR) });
}

/** A failure the operator can act on: printed as one line, exit code 1 (2 for usage errors). */
export class CliError extends Error {
	constructor(
		message: string,
		readonly exitCode = 1
	) {
		super(message);
		this.name = 'CliError';
	}
}
