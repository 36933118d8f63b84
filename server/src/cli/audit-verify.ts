import { verifyAuditChain } from '../services/audit.service';
import { openCliDatabase } from './cli-database';

/**
 * `npm run audit:verify`: recomputes the audit log's hash chain from the first event and names the
 * first broken link (its seq and why). Exit code 0 when intact, 1 when broken or unreadable.
 */
async function main(): Promise<number> {
	let database;
	try {
		database = await openCliDatabase();
	} catch (e) {
		console.error(`audit:verify: ${e instanceof Error ? e.message : String(e)}`);
		return 1;
	}
	try {
		const result = await verifyAuditChain(database.db);
		if (result.broken) {
			console.error(`audit chain BROKEN at seq ${result.broken.seq}: ${result.broken.reason} (${result.checked} event(s) before it are intact)`);
			return 1;
		}
		console.log(`audit chain intact: ${result.checked} event(s) checked`);
		return 0;
	} finally {
		await database.close();
	}
}

process.exitCode = await main();
