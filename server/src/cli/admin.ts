import { DomainError } from '../../../src/lib/domain/errors';
import { COMMANDS, runAdminCommand, USAGE } from './admin-commands';
import { CliError, openCliDatabase } from './cli-database';

/** `npm run admin -- <command>`: user accounts and devices from the server's shell (USAGE in admin-commands.ts). */
async function main(): Promise<number> {
	const argv = process.argv.slice(2);
	if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help') {
		console.log(USAGE);
		return 0;
	}
	// Answer a typo before opening (and on PGlite locking) the database.
	if (!(COMMANDS as readonly string[]).includes(argv[0] ?? '')) {
		console.error(`admin: unknown command "${argv[0]}"\n\n${USAGE}`);
		return 2;
	}
	let database;
	try {
		database = await openCliDatabase();
	} catch (e) {
		console.error(`admin: ${e instanceof Error ? e.message : String(e)}`);
		return 1;
	}
	try {
		for (const line of await runAdminCommand(database.db, argv, new Date())) console.log(line);
		return 0;
	} catch (e) {
		if (e instanceof CliError) {
			console.error(`admin: ${e.message}`);
			return e.exitCode;
		}
		if (e instanceof DomainError) {
			console.error(`admin: ${e.message}`);
			return 1;
		}
		// parseArgs reports unknown options with a TypeError carrying a readable message.
		if (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS')) {
			console.error(`admin: ${e.message}\n\n${USAGE}`);
			return 2;
		}
		throw e;
	} finally {
		await database.close();
	}
}

process.exitCode = await main();
