import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import type { AttachmentStore } from '../storage/attachment-store';
import { ArchiveError, readArchive, type ArchiveHeader } from './archive';
import { appliedMigrations, insertableColumns, rowCount, tablesInRestoreOrder } from './catalog';
import { ident } from './sql-rows';

export class RestoreRefusedError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RestoreRefusedError';
	}
}

export interface RestoreSummary {
	tables: { name: string; rows: number }[];
	attachments: number;
}

/**
 * Tables a fresh, migrated database already has rows in (the migrations insert them): they do not
 * make a database "not empty". The sync clock's single row starts at 0 and is replaced by the backup's.
 */
const SEEDED_BY_MIGRATIONS = new Set(['sync_clock']);

/** Bytes of one attachment held while it is assembled (the server accepts 10 MB per attachment). */
const MAX_ATTACHMENT_BYTES = 64 * 1024 * 1024;

/**
 * Restores an archive into a database already migrated to the same schema (openDatabase does
 * that) and its attachment store. Refuses a database that holds any row unless `force`, which
 * empties every table first. The archive is read twice: once to check it whole (header, every
 * line, every attachment's SHA-256, the end line) and store the attachments, once to insert the
 * rows, all in one transaction: a damaged archive restores nothing.
 */
export async function restoreBackup({ db, attachments, file, force = false }: { db: Db; attachments: AttachmentStore; file: string; force?: boolean }): Promise<RestoreSummary> {
	const header = await checkAndStoreAttachments(file, attachments);
	const migrations = await appliedMigrations(db);
	if (migrations.join() !== header.migrations.join()) {
		throw new RestoreRefusedError(
			`the backup was made with ${header.migrations.length} database migrations and this server has ${migrations.length}: restore with the same Daiban version as the backup, then upgrade`
		);
	}
	const tables = await tablesInRestoreOrder(db);
	const missing = header.tables.filter((t) => !tables.includes(t.name));
	if (missing.length > 0) throw new RestoreRefusedError(`this database has no table ${missing.map((t) => t.name).join(', ')}`);

	await db.transaction(async (tx) => {
		const nonEmpty: string[] = [];
		for (const t of tables) if (!SEEDED_BY_MIGRATIONS.has(t) && (await rowCount(tx, t)) > 0) nonEmpty.push(t);
		if (nonEmpty.length > 0 && !force) {
			throw new RestoreRefusedError(`the target database is not empty (${nonEmpty.join(', ')} hold rows): restore into a fresh one, or pass --force to replace everything`);
		}
		// The audit log refuses UPDATE/DELETE/TRUNCATE by trigger (migration audit_append_only). A restore
		// replaces the whole database, its audit chain included, with the backup's: the triggers are off
		// for this transaction only (ALTER TABLE is transactional) and back on before it commits.
		for (const t of tables) await tx.execute(sql`ALTER TABLE ${ident(t)} DISABLE TRIGGER USER`);
		// Also in a fresh database: the rows the migrations made are replaced by the backup's.
		await tx.execute(sql`TRUNCATE ${sql.join(tables.map(ident), sql`, `)} RESTART IDENTITY CASCADE`);

		const columns = new Map<string, string[]>();
		for (const t of header.tables) columns.set(t.name, await insertableColumns(tx, t.name));
		for await (const line of readArchive(file)) {
			if (line.type !== 'rows' || line.rows.length === 0) continue;
			const cols = sql.join(columns.get(line.table)!.map(ident), sql`, `);
			// PostgreSQL reads each value back from its own JSON form: timestamps, jsonb, numbers, bytea alike.
			await tx.execute(
				sql`INSERT INTO ${ident(line.table)} (${cols}) OVERRIDING SYSTEM VALUE
				    SELECT ${cols} FROM jsonb_populate_recordset(NULL::${ident(line.table)}, ${JSON.stringify(line.rows)}::jsonb)`
			);
		}
		for (const t of tables) await tx.execute(sql`ALTER TABLE ${ident(t)} ENABLE TRIGGER USER`);
		for (const t of header.tables) {
			const n = await rowCount(tx, t.name);
			if (n !== t.rows) throw new ArchiveError(`table ${t.name}: ${n} rows restored, the backup lists ${t.rows}`);
		}
		for (const s of header.sequences) {
			if (s.lastValue !== null) await tx.execute(sql`SELECT setval(${`public.${s.name}`}::regclass, ${s.lastValue}::bigint, true)`);
		}
	});
	return { tables: header.tables, attachments: header.attachments.length };
}

/** First pass: the whole archive is read and checked; each attachment, verified, goes to the store. */
async function checkAndStoreAttachments(file: string, store: AttachmentStore): Promise<ArchiveHeader> {
	let header: ArchiveHeader | undefined;
	let current: { hash: string; parts: Buffer[]; size: number } | null = null;
	let rowsSeen = 0;
	let ended = false;
	const stored = new Set<string>();
	const finish = async () => {
		if (!current) return;
		const bytes = Buffer.concat(current.parts);
		const expected = header!.attachments.find((a) => a.hash === current!.hash);
		const actual = createHash('sha256').update(bytes).digest('hex');
		if (!expected || actual !== expected.sha256 || bytes.length !== expected.size) {
			throw new ArchiveError(`attachment ${current.hash} in the archive does not match its manifest entry (SHA-256 ${actual}, ${bytes.length} bytes)`);
		}
		await store.put(current.hash, bytes);
		stored.add(current.hash);
		current = null;
	};
	for await (const line of readArchive(file)) {
		if (ended) throw new ArchiveError('the archive goes on after its end line');
		if (line.type === 'header') {
			if (header) throw new ArchiveError('the archive has two headers');
			header = line;
		} else if (line.type === 'rows') {
			rowsSeen += line.rows.length;
		} else if (line.type === 'file') {
			if (current && current.hash !== line.hash) await finish();
			current ??= { hash: line.hash, parts: [], size: 0 };
			if (line.offset !== current.size) throw new ArchiveError(`attachment ${line.hash}: a chunk is missing at byte ${current.size}`);
			const part = Buffer.from(line.data, 'base64');
			current.size += part.length;
			if (current.size > MAX_ATTACHMENT_BYTES) throw new ArchiveError(`attachment ${line.hash} is larger than any Daiban stores`);
			current.parts.push(part);
		} else {
			await finish();
			if (line.rows !== rowsSeen || line.files !== stored.size) throw new ArchiveError(`the end line counts ${line.rows} rows and ${line.files} files, the archive holds ${rowsSeen} and ${stored.size}`);
			ended = true;
		}
	}
	if (!header) throw new ArchiveError(`${file} is empty`);
	if (!ended) throw new ArchiveError(`${file} ends early (no end line): the backup was cut off`);
	// Empty attachments have no chunk lines; every other one must have arrived.
	for (const a of header.attachments) {
		if (stored.has(a.hash)) continue;
		if (a.size !== 0) throw new ArchiveError(`attachment ${a.hash} is listed but its bytes are not in the archive`);
		await store.put(a.hash, new Uint8Array(0));
	}
	const listed = header.tables.reduce((n, t) => n + t.rows, 0);
	if (listed !== rowsSeen) throw new ArchiveError(`the manifest lists ${listed} rows, the archive holds ${rowsSeen}`);
	return header;
}
