import { resolve } from 'node:path';
import { restoreBackup } from '../backup/restore';
import { openStores, runCli } from './open-stores';

// npm run restore -- <file> [--force]: into the database and attachment store of this environment.
runCli(async () => {
	const args = process.argv.slice(2);
	const force = args.includes('--force');
	const files = args.filter((a) => a !== '--force');
	if (files.length !== 1 || args.some((a) => a.startsWith('--') && a !== '--force')) {
		throw new Error('usage: npm run restore -- <file.daiban-backup.gz> [--force]   (--force replaces a database that is not empty)');
	}
	const { database, attachments } = await openStores();
	try {
		const s = await restoreBackup({ db: database.db, attachments, file: resolve(files[0]!), force });
		const rows = s.tables.reduce((n, t) => n + t.rows, 0);
		return `restored ${rows} rows in ${s.tables.length} tables and ${s.attachments} attachments into the ${database.kind} database`;
	} finally {
		await database.close();
	}
});
