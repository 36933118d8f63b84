import { resolve } from 'node:path';
import { createBackup } from '../backup/backup';
import { openStores, runCli } from './open-stores';

// npm run backup -- <file>: the database and every attachment into one archive (backup/archive.ts).
runCli(async () => {
	const [file, ...rest] = process.argv.slice(2);
	if (!file || rest.length > 0) throw new Error('usage: npm run backup -- <file.daiban-backup.gz>');
	const { database, attachments } = await openStores();
	try {
		const s = await createBackup({ db: database.db, kind: database.kind, attachments, file: resolve(file) });
		const rows = s.tables.reduce((n, t) => n + t.rows, 0);
		return `backup written to ${s.file}: ${s.tables.length} tables, ${rows} rows, ${s.attachments} attachments (${s.attachmentBytes} bytes)`;
	} finally {
		await database.close();
	}
});
