import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { readEnv } from './env';
import { openDatabase, type DatabaseTarget } from './db/open-database';
import { buildApp } from './http';
import { FsAttachmentStore } from './storage/fs-attachment-store';
import { seedIfEmpty } from './services/seed.service';
import { demoCounty, demoUsers } from './seed/demo-county';
import { seedCatalog } from '../../src/lib/domain/catalog/seed';

async function main(): Promise<void> {
	const env = readEnv();
	const target: DatabaseTarget = env.DATABASE_URL
		? { kind: 'postgres', url: env.DATABASE_URL }
		: { kind: 'pglite', dataDir: resolve(env.DATA_DIR) };
	const database = await openDatabase(target);

	let app: Awaited<ReturnType<typeof buildApp>> | undefined;
	try {
		const attachments = await FsAttachmentStore.open(env.ATTACHMENTS_DIR ?? join(env.DATA_DIR, 'attachments'));
		const services = { db: database.db, now: () => new Date(), sessionDays: env.SESSION_DAYS, attachments };
		if (env.DAIBAN_SEED === 'demo') {
			const seeded = await seedIfEmpty(database.db, { county: demoCounty, catalog: seedCatalog, users: demoUsers });
			if (seeded) {
				console.log('Seeded the demo county. Demo users (username / password):');
				for (const u of demoUsers) console.log(`  ${u.username.padEnd(20)} ${u.password.padEnd(22)} ${u.roles.join(', ')}`);
			}
		}
		app = await buildApp({ services, staticDir: env.DAIBAN_STATIC_DIR, logLevel: env.LOG_LEVEL, testHarness: env.DAIBAN_TEST_HARNESS === '1' });
		await app.listen({ port: env.PORT, host: env.HOST });
	} catch (err) {
		// A failed start (port taken, seed error) must still close PGlite and release the
		// DATA_DIR lock, so the next attempt is not met by a half-open database.
		await app?.close().catch(() => {});
		await database.close().catch(() => {});
		throw err;
	}
	const started = app;
	let closing = false;
	const shutdown = async (signal: string) => {
		if (closing) return;
		closing = true;
		started.log.info(`${signal}: shutting down`);
		await started.close().catch(() => {});
		await database.close().catch(() => {});
		process.exit(0);
	};
	process.on('SIGINT', () => void shutdown('SIGINT'));
	process.on('SIGTERM', () => void shutdown('SIGTERM'));

	console.log(`Daiban is serving at ${servingUrl(started.server.address(), env.HOST, env.PORT)} (database: ${database.kind})`);
}

/**
 * The URL people (and scripts) should open. With PORT=0 the OS picks the port, so it is read
 * from the socket, not the env; a server bound to one address is only reachable there
 * ("localhost" may resolve to ::1), while a wildcard bind is reachable as localhost.
 */
function servingUrl(address: string | AddressInfo | null, host: string, port: number): string {
	const boundPort = address && typeof address === 'object' ? address.port : port;
	const wildcard = host === '0.0.0.0' || host === '::' || host === '';
	const shown = wildcard ? 'localhost' : host.includes(':') ? `[${host}]` : host;
	return `http://${shown}:${boundPort}`;
}

main().catch((err: unknown) => {
	console.error(`Daiban could not start: ${err instanceof Error ? err.message : String(err)}`);
	process.exit(1);
});
