import { writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { applicantExportInputSchema } from '../../../src/lib/domain/keeping/keeping.schema';
import { keepingService } from '../services/keeping.service';
import { openStores, runCli } from './open-stores';

// npm run export-applicant -- <ID number> <out.json>: one applicant's data (PIPL right of access).
runCli(async () => {
	const [idNumber, out, ...rest] = process.argv.slice(2);
	if (!idNumber || !out || rest.length > 0) throw new Error('usage: npm run export-applicant -- <resident ID number> <out.json>');
	const input = applicantExportInputSchema.safeParse({ idNumber });
	if (!input.success) throw new Error(`not a valid resident ID number: ${input.error.issues[0]?.message ?? idNumber}`);
	const { database } = await openStores();
	try {
		const data = await keepingService.exportApplicant(database.db, { kind: 'operator', name: userInfo().username }, input.data, new Date());
		const file = resolve(out);
		// wx: never overwrite an earlier export by mistake.
		await writeFile(file, `${JSON.stringify(data, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
		return `${data.cases.length} case(s) of this applicant written to ${file}`;
	} finally {
		await database.close();
	}
});
