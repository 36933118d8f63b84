import pg from 'pg';
import { ensurePgBinDir, startCluster, type Cluster } from '../../scripts/pg-cluster.mjs';

/**
 * PostgreSQL for the benchmarks: the admin URL in DAIBAN_TEST_PG_URL or DATABASE_URL if given,
 * else a throwaway cluster like the test suite's (scripts/pg-cluster.mjs), else none (the
 * PostgreSQL figures are then reported as not measured, with the reason).
 */
export interface BenchPostgres {
	adminUrl: string;
	source: string;
	/** Creates a fresh database and returns its URL. */
	createDatabase(name: string): Promise<string>;
	stop(): void;
}

export async function openBenchPostgres(log: (msg: string) => void): Promise<BenchPostgres | { unavailable: string }> {
	let adminUrl = process.env.DAIBAN_TEST_PG_URL || process.env.DATABASE_URL || '';
	let source = adminUrl ? 'given URL' : '';
	let cluster: Cluster | null = null;
	if (!adminUrl) {
		const found = ensurePgBinDir({ install: false });
		if (found.binDir === null) return { unavailable: found.reason };
		cluster = await startCluster({ binDir: found.binDir, log });
		adminUrl = cluster.url;
		source = `throwaway cluster (${found.binDir})`;
	}
	const url = adminUrl;
	return {
		adminUrl: url,
		source,
		async createDatabase(name) {
			const client = new pg.Client({ connectionString: url });
			await client.connect();
			try {
				await client.query(`DROP DATABASE IF EXISTS ${name}`);
				await client.query(`CREATE DATABASE ${name}`);
			} finally {
				await client.end();
			}
			const u = new URL(url);
			u.pathname = `/${name}`;
			return u.toString();
		},
		stop: () => cluster?.stop()
	};
}
