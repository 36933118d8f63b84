import { resolve } from 'node:path';
import { readEnv } from './env';
import { openDatabase, type DatabaseTarget } from './db/open-database';
import { buildApp } from './http';
import { seedIfEmpty } from './services/seed.service';
import { demoCounty, demoUsers } from './seed/demo-county';
import { seedCatalog } from '../../src/lib/domain/catalog/seed';

async function main(): Promise<void> {
	const env = readEnv();
	const target: DatabaseTarget = env.DATABASE_URL
		? { kind: 'postgres', url: env.DATABASE_URL }
		: { kind: 'pglite', dataDir: resolve(env.DATA_DIR) };
	const database = await openDatabase(target);
	const services = { db: database.db, now: () => new Date(), sessionDays: env.SESSION_DAYS };

	if (env.DAIBAN_SEED === 'demo') {
		const seeded = await seedIfEmpty(database.db, { county: demoCounty, catalog: seedCatalog, users: demoUsers });
		if (seeded) {
			console.log('Seeded the demo county. Demo users (username / password):');
			for (const u of demoUsers) console.log(`  ${u.username.padEnd(20)} ${u.password.padEnd(22)} ${u.roles.join(', ')}`);
		}
	}

	const app = await buildApp({ services, staticDir: env.DAIBAN_STATIC_DIR, logLevel: env.LOG_LEVEL });
	let closing = false;
	const shutdown = async (signal: string) => {
		if (closing) return;
		closing = true;
		app.log.info(`${signal}: shutting down`);
		await app.close().catch(() => {});
		await database.close().catch(() => {});
		process.exit(0);
	};
	process.on('SIGINT', () => void shutdown('SIGINT'));
	process.on('SIGTERM', () => void shutdown('SIGTERM'));

	await app.listen({ port: env.PORT, host: env.HOST });
	console.log(`Daiban is serving at http://localhost:${env.PORT} (database: ${database.kind})`);
}

main().catch((err: unknown) => {
	console.error(`Daiban could not start: ${err instanceof Error ? err.message : String(err)}`);
	process.exit(1);
});
