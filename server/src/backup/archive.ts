import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { z } from 'zod';

/**
 * The backup archive: one gzip file of JSON lines. First a header (the manifest: database kind,
 * migrations, tables with row counts, sequences, every attachment with its SHA-256 and size), then
 * the rows of each table in batches, then the attachment bytes in base64 chunks, then an end line
 * with the totals, so a truncated file is refused rather than half restored. One format for PGlite
 * and PostgreSQL, so a backup also moves a station from one to the other.
 */

export const ARCHIVE_FORMAT = 'daiban-backup';
export const ARCHIVE_VERSION = 1;

export const headerSchema = z.object({
	type: z.literal('header'),
	format: z.literal(ARCHIVE_FORMAT),
	version: z.literal(ARCHIVE_VERSION),
	createdAt: z.string(),
	database: z.enum(['pglite', 'postgres']),
	/** drizzle's migration hashes, oldest first: a restore needs the same schema. */
	migrations: z.array(z.string()),
	/** In restore order (a table after the tables it references). */
	tables: z.array(z.object({ name: z.string(), rows: z.number().int().nonnegative() })),
	sequences: z.array(z.object({ name: z.string(), lastValue: z.string().nullable() })),
	attachments: z.array(z.object({ hash: z.string(), size: z.number().int().nonnegative(), sha256: z.string() }))
});
export type ArchiveHeader = z.infer<typeof headerSchema>;

export const lineSchema = z.discriminatedUnion('type', [
	headerSchema,
	z.object({ type: z.literal('rows'), table: z.string(), rows: z.array(z.record(z.string(), z.unknown())) }),
	z.object({ type: z.literal('file'), hash: z.string(), offset: z.number().int().nonnegative(), data: z.string() }),
	z.object({ type: z.literal('end'), rows: z.number().int().nonnegative(), files: z.number().int().nonnegative() })
]);
export type ArchiveLine = z.infer<typeof lineSchema>;

export class ArchiveError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ArchiveError';
	}
}

export interface ArchiveWriter {
	write(line: ArchiveLine): Promise<void>;
	/** Finishes the file; it appears under its name only now (written to a temporary name first). */
	close(): Promise<void>;
	abort(): Promise<void>;
}

export function createArchiveWriter(file: string): ArchiveWriter {
	const partial = `${file}.partial`;
	const gzip = createGzip();
	const out = createWriteStream(partial, { flags: 'wx' });
	const done = new Promise<void>((resolve, reject) => {
		out.on('finish', resolve);
		out.on('error', reject);
		gzip.on('error', reject);
	});
	gzip.pipe(out);
	return {
		async write(line) {
			if (!gzip.write(`${JSON.stringify(line)}\n`)) await new Promise<void>((r) => gzip.once('drain', () => r()));
		},
		async close() {
			gzip.end();
			await done;
			await rename(partial, file);
		},
		async abort() {
			gzip.destroy();
			out.destroy();
			await rm(partial, { force: true });
		}
	};
}

/** The archive's lines, each validated; the first must be the header. */
export async function* readArchive(file: string): AsyncGenerator<ArchiveLine> {
	const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
	let n = 0;
	for await (const text of lines) {
		n++;
		if (text.length === 0) continue;
		let json: unknown;
		try {
			json = JSON.parse(text);
		} catch {
			throw new ArchiveError(`line ${n} of ${file} is not JSON: the file is damaged`);
		}
		const parsed = lineSchema.safeParse(json);
		if (!parsed.success) throw new ArchiveError(`line ${n} of ${file} is not a backup line: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
		if (n === 1 && parsed.data.type !== 'header') throw new ArchiveError(`${file} does not start with a Daiban backup header`);
		yield parsed.data;
	}
}
