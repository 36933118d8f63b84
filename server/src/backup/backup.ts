import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import type { AttachmentStore } from '../storage/attachment-store';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, createArchiveWriter, type ArchiveHeader } from './archive';
import { appliedMigrations, rowCount, sequences, tablesInRestoreOrder } from './catalog';
import { ident, rows } from './sql-rows';

/** Rows per archive line, and bytes of an attachment per line (base64 makes them a third larger). */
const ROW_BATCH = 500;
const FILE_CHUNK = 192 * 1024;
/** Bounds the row loop: far above any table a township will have. */
const MAX_BATCHES_PER_TABLE = 1_000_000;

export interface BackupSummary {
	file: string;
	tables: { name: string; rows: number }[];
	attachments: number;
	attachmentBytes: number;
}

/**
 * Writes the whole database and every attachment it lists into one archive (archive.ts). The
 * rows are read in one REPEATABLE READ transaction, a consistent snapshot while the server keeps
 * running; rows travel as PostgreSQL's own JSON of each row (to_jsonb), which the restore turns
 * back into the same column values with jsonb_populate_recordset. Each attachment's bytes are
 * hashed while read: a file that no longer matches its address stops the backup.
 */
export async function createBackup({ db, kind, attachments, file, now = new Date() }: { db: Db; kind: 'pglite' | 'postgres'; attachments: AttachmentStore; file: string; now?: Date }): Promise<BackupSummary> {
	const writer = createArchiveWriter(file);
	try {
		const summary = await db.transaction(
			async (tx) => {
				const tables = await tablesInRestoreOrder(tx);
				const counted = await Promise.all(tables.map(async (name) => ({ name, rows: await rowCount(tx, name) })));
				const files = await rows<{ hash: string; size: number }>(tx, sql`SELECT hash, size FROM attachments ORDER BY hash`);
				const header: ArchiveHeader = {
					type: 'header',
					format: ARCHIVE_FORMAT,
					version: ARCHIVE_VERSION,
					createdAt: now.toISOString(),
					database: kind,
					migrations: await appliedMigrations(tx),
					tables: counted,
					sequences: await sequences(tx),
					attachments: files.map((f) => ({ hash: f.hash, size: Number(f.size), sha256: f.hash }))
				};
				await writer.write(header);
				let total = 0;
				for (const table of tables) total += await dumpTable(tx, table, writer.write);
				return { tables: counted, files, total };
			},
			{ isolationLevel: 'repeatable read', accessMode: 'read only' }
		);
		let bytes = 0;
		for (const f of summary.files) bytes += await dumpAttachment(attachments, f.hash, writer.write);
		await writer.write({ type: 'end', rows: summary.total, files: summary.files.length });
		await writer.close();
		return { file, tables: summary.tables, attachments: summary.files.length, attachmentBytes: bytes };
	} catch (e) {
		await writer.abort();
		throw e;
	}
}

async function dumpTable(tx: Parameters<Parameters<Db['transaction']>[0]>[0], table: string, write: (line: { type: 'rows'; table: string; rows: Record<string, unknown>[] }) => Promise<void>): Promise<number> {
	let after = '(0,0)';
	let total = 0;
	// Pages by physical row id: stable inside the snapshot, and no primary key needs to be known.
	for (let batch = 0; batch < MAX_BATCHES_PER_TABLE; batch++) {
		const page = await rows<{ tid: string; row: Record<string, unknown> }>(
			tx,
			sql`SELECT t.ctid::text AS tid, to_jsonb(t) AS row FROM ${ident(table)} t WHERE t.ctid > ${after}::tid ORDER BY t.ctid LIMIT ${ROW_BATCH}`
		);
		if (page.length === 0) break;
		await write({ type: 'rows', table, rows: page.map((p) => p.row) });
		total += page.length;
		after = page.at(-1)!.tid;
	}
	return total;
}

async function dumpAttachment(store: AttachmentStore, hash: string, write: (line: { type: 'file'; hash: string; offset: number; data: string }) => Promise<void>): Promise<number> {
	const stored = await store.get(hash);
	if (!stored) throw new Error(`attachment ${hash} is listed in the database but its file is missing`);
	const digest = createHash('sha256');
	let offset = 0;
	let pending = Buffer.alloc(0);
	const flush = async (final: boolean) => {
		while (pending.length >= FILE_CHUNK || (final && pending.length > 0)) {
			const chunk = pending.subarray(0, FILE_CHUNK);
			pending = pending.subarray(chunk.length);
			await write({ type: 'file', hash, offset, data: chunk.toString('base64') });
			offset += chunk.length;
		}
	};
	for await (const part of stored.open()) {
		const bytes = part as Buffer;
		digest.update(bytes);
		pending = Buffer.concat([pending, bytes]);
		await flush(false);
	}
	await flush(true);
	const actual = digest.digest('hex');
	if (actual !== hash) throw new Error(`attachment ${hash} has changed on disk (its bytes hash to ${actual}): the backup stops`);
	return offset;
}
