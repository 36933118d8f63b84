import { readEnv } from '../env';
import { keepingService } from '../services/keeping.service';
import { openStores, runCli } from './open-stores';

// npm run retention -- --dry-run | --apply: finished cases past DAIBAN_RETENTION_YEARS (default 3).
runCli(async () => {
	const args = process.argv.slice(2);
	const apply = args.includes('--apply');
	if (args.length !== 1 || (!apply && !args.includes('--dry-run'))) {
		throw new Error('usage: npm run retention -- --dry-run   (list what is due)\n       npm run retention -- --apply     (remove the personal data of those cases)');
	}
	const years = readEnv().DAIBAN_RETENTION_YEARS;
	const { database, attachments } = await openStores();
	try {
		const r = await keepingService.retention(database.db, attachments, { now: new Date(), years, apply });
		const lines = r.cases.map((c) => `  ${c.caseNumber}  ${c.status.padEnd(12)} finished ${c.finishedAt.slice(0, 10)}`);
		const head = `${r.cases.length} finished case(s) older than ${years} years (finished before ${r.cutoff.slice(0, 10)})`;
		const tail = r.applied ? `personal data removed; ${r.attachmentsDeleted} attachment file(s) deleted` : 'dry run: nothing changed (use --apply)';
		return [head, ...lines, tail].join('\n');
	} finally {
		await database.close();
	}
});
