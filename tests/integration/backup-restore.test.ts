import { createHash, randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { createTestApp, type TestApp } from '../fixtures/test-app';
import { openTestDatabase } from '../fixtures/test-db';
import { makeIntake } from '../fixtures/cases';
import { openDatabase, type OpenDatabase } from '../../server/src/db/open-database';
import type { Db } from '../../server/src/db/database';
import { FsAttachmentStore } from '../../server/src/storage/fs-attachment-store';
import { attachmentRepository } from '../../server/src/repositories/attachment.repository';
import { createBackup } from '../../server/src/backup/backup';
import { restoreBackup } from '../../server/src/backup/restore';
import { tablesInRestoreOrder } from '../../server/src/backup/catalog';
import { rows, ident } from '../../server/src/backup/sql-rows';
import { PROTOCOL_VERSION } from '../../src/lib/domain/sync/protocol';

const JPEG_MAGIC = [0xff, 0xd8, 0xff, 0xe0];
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Every row of every table, as PostgreSQL's JSON of it, sorted: equal means byte-identical values. */
async function snapshot(db: Db): Promise<Record<string, string[]>> {
	const out: Record<string, string[]> = {};
	for (const table of await tablesInRestoreOrder(db)) {
		const r = await rows<{ j: string }>(db, sql`SELECT to_jsonb(t)::text AS j FROM ${ident(table)} t`);
		out[table] = r.map((x) => x.j).sort();
	}
	return out;
}

describe('backup and restore (database + attachments in one archive)', () => {
	let app: TestApp;
	let dir: string;
	let archive: string;
	const files: { hash: string; bytes: Buffer }[] = [];

	beforeAll(async () => {
		app = await createTestApp();
		dir = await mkdtemp(join(tmpdir(), 'daiban-backup-'));
		archive = join(dir, 'station.daiban-backup.gz');
		const agent = await app.actorFor('agent.chenghu');
		// Three cases, two with photos (one a 700 KB photo: several archive chunks), through the real push.
		for (const size of [700 * 1024, 30 * 1024]) {
			const bytes = randomBytes(size);
			bytes.set(JPEG_MAGIC, 0);
			const hash = sha256(bytes);
			await app.attachments.put(hash, bytes);
			await attachmentRepository.insertIfAbsent(app.db, { hash, size, mime: 'image/jpeg', uploadedBy: agent.id, uploadedAt: new Date() });
			files.push({ hash, bytes });
		}
		const caller = await app.callerFor('agent.chenghu');
		const intakes = [0, 1, 2].map(() => makeIntake());
		intakes[0]!.materials[0]!.attachmentHashes = [files[0]!.hash];
		intakes[1]!.materials[0]!.attachmentHashes = [files[1]!.hash];
		const res = await caller.sync.push({
			protocolVersion: PROTOCOL_VERSION,
			clientId: uuidv7(),
			mutations: intakes.map((args, i) => ({ id: i + 1, name: 'case.submit' as const, args, createdAt: args.createdAt }))
		});
		expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
		const summary = await createBackup({ db: app.db, kind: app.kind, attachments: app.attachments, file: archive });
		expect(summary.attachments).toBe(2);
		expect(summary.tables.find((t) => t.name === 'cases')?.rows).toBe(3);
	}, 120_000);

	afterAll(async () => {
		await app?.close();
		await rm(dir, { recursive: true, force: true });
	});

	async function restoreInto(target: OpenDatabase, label: string) {
		const store = await FsAttachmentStore.open(join(dir, `attachments-${label}`));
		await restoreBackup({ db: target.db, attachments: store, file: archive });
		expect(await snapshot(target.db)).toEqual(await snapshot(app.db));
		for (const f of files) {
			const got = await store.get(f.hash);
			const chunks: Buffer[] = [];
			for await (const c of got!.open()) chunks.push(c as Buffer);
			expect(Buffer.concat(chunks).equals(f.bytes)).toBe(true);
		}
		return store;
	}

	it('restores into a fresh PGlite data directory: every row and attachment byte-identical; a second restore is refused, --force replaces', async () => {
		const dataDir = join(dir, 'pglite-target');
		const target = await openDatabase({ kind: 'pglite', dataDir });
		try {
			const store = await restoreInto(target, 'pglite');
			await expect(restoreBackup({ db: target.db, attachments: store, file: archive })).rejects.toMatchObject({ name: 'RestoreRefusedError', message: expect.stringMatching(/not empty/) });
			await restoreBackup({ db: target.db, attachments: store, file: archive, force: true });
			expect(await snapshot(target.db)).toEqual(await snapshot(app.db));
		} finally {
			await target.close();
		}
	});

	it.runIf(!!process.env.DAIBAN_TEST_PG_URL)('restores into a fresh PostgreSQL database, byte-identical', async () => {
		const target = await openTestDatabase();
		try {
			await restoreInto(target, 'postgres');
		} finally {
			await target.close();
		}
	});

	it('refuses a cut-off archive and restores nothing', async () => {
		const lines = gunzipSync(await readFile(archive)).toString('utf8').trimEnd().split('\n');
		const cut = join(dir, 'cut.daiban-backup.gz');
		await writeFile(cut, gzipSync(lines.slice(0, -1).join('\n')));
		const target = await openDatabase({ kind: 'pglite-memory' });
		try {
			const store = await FsAttachmentStore.open(join(dir, 'attachments-cut'));
			await expect(restoreBackup({ db: target.db, attachments: store, file: cut })).rejects.toMatchObject({ name: 'ArchiveError', message: expect.stringMatching(/ends early/) });
			const after = await snapshot(target.db);
			expect(after.cases).toEqual([]);
			expect(after.users).toEqual([]);
		} finally {
			await target.close();
		}
	});

	it('works from the command line: npm run backup / npm run restore on a PGlite data directory', async () => {
		const run = promisify(execFile);
		const restoredDir = join(dir, 'cli-restored');
		const env = { ...process.env, DATA_DIR: restoredDir, DATABASE_URL: '' };
		delete (env as Record<string, string | undefined>).DATABASE_URL;
		const restored = await run('node', ['--import', 'tsx', 'server/src/cli/restore.ts', archive], { env, timeout: 60_000 });
		expect(restored.stdout).toMatch(/restored \d+ rows in \d+ tables and 2 attachments into the pglite database/);
		const again = await run('node', ['--import', 'tsx', 'server/src/cli/restore.ts', archive], { env, timeout: 60_000 }).catch((e: { code: number; stderr: string }) => e);
		expect(again).toMatchObject({ code: 1, stderr: expect.stringMatching(/not empty.*--force/) });
		const second = join(dir, 'cli-second.daiban-backup.gz');
		const backedUp = await run('node', ['--import', 'tsx', 'server/src/cli/backup.ts', second], { env, timeout: 60_000 });
		expect(backedUp.stdout).toMatch(/backup written to .*: \d+ tables, \d+ rows, 2 attachments/);
		const target = await openDatabase({ kind: 'pglite', dataDir: restoredDir });
		try {
			expect(await snapshot(target.db)).toEqual(await snapshot(app.db));
		} finally {
			await target.close();
		}
	}, 120_000);
});
