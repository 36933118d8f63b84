import { join, resolve } from 'node:path';
import { readEnv } from '../env';
import { openDatabase, type OpenDatabase } from '../db/open-database';
import { FsAttachmentStore } from '../storage/fs-attachment-store';

/**
 * The database and attachment store the server would use, from the same environment
 * (DATABASE_URL, else the PGlite files in DATA_DIR; ATTACHMENTS_DIR). PGlite allows one process:
 * with the server running on it, opening fails with the data directory's lock message.
 */
export async function openStores(): Promise<{ database: OpenDatabase; attachments: FsAttachmentStore }> {
	const env = readEnv();
	const database = await openDatabase(env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'pglite', dataDir: resolve(env.DATA_DIR) });
	try {
		const attachments = await FsAttachmentStore.open(env.ATTACHMENTS_DIR ?? join(env.DATA_DIR, 'attachments'));
		return { database, attachments };
	} catch (e) {
		await database.close();
		throw e;
	}
}

/** Runs a command-line tool: its message on success, a one-line reason and exit code 1 on failure. */
export function runCli(main: () => Promise<string>): void {
	main().then(
		(message) => {
			console.log(message);
			process.exit(0);
		},
		(err: unknown) => {
			console.error(err instanceof Error ? err.message : String(err));
			process.exit(1);
		}
	);
}
