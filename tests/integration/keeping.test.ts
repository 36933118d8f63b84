import { createHash, randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openDatabase } from '../../server/src/db/open-database';
import { seedIfEmpty } from '../../server/src/services/seed.service';
import { demoCounty, demoUsers } from '../../server/src/seed/demo-county';
import { seedCatalog } from '../../src/lib/domain/catalog/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditEvents } from '../../server/src/db/schema';
import { maskResidentId } from '../../src/lib/domain/ids';
import { uuidv7 } from 'uuidv7';
import { createTestApp, type TestApp } from '../fixtures/test-app';
import { makeIntake, residentId } from '../fixtures/cases';
import { attachmentRepository } from '../../server/src/repositories/attachment.repository';
import { keepingService, retentionCutoff } from '../../server/src/services/keeping.service';
import { PROTOCOL_VERSION } from '../../src/lib/domain/sync/protocol';
import { DEFAULT_RETENTION_YEARS } from '../../src/lib/domain/keeping/keeping.schema';
import type { CaseIntake } from '../../src/lib/domain/case/case.schema';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const YEAR_MS = 365.25 * 24 * 3_600_000;

describe('keeping data: applicant export and retention', () => {
	let app: TestApp;
	const clientId = uuidv7();
	let mutationId = 0;
	const ZHEN = residentId(901);
	const LIU = residentId(902);

	async function submit(intake: CaseIntake): Promise<void> {
		const agent = await app.callerFor('agent.chenghu');
		const res = await agent.sync.push({ protocolVersion: PROTOCOL_VERSION, clientId, mutations: [{ id: ++mutationId, name: 'case.submit', args: intake, createdAt: intake.createdAt }] });
		expect(res.results[0]?.status).toBe('applied');
	}

	async function photo(): Promise<string> {
		const bytes = randomBytes(4096);
		bytes.set([0xff, 0xd8, 0xff, 0xe0], 0);
		const hash = sha256(bytes);
		const agent = await app.actorFor('agent.chenghu');
		await app.attachments.put(hash, bytes);
		await attachmentRepository.insertIfAbsent(app.db, { hash, size: bytes.length, mime: 'image/jpeg', uploadedBy: agent.id, uploadedAt: new Date() });
		return hash;
	}

	function caseOf(idNumber: string, hashes: string[] = []): CaseIntake {
		const intake = makeIntake();
		intake.applicant = { name: idNumber === ZHEN ? '测试甄宓' : '刘春梅', idNumber, phone: '13979150826', address: '澄湖村七组' };
		intake.materials = intake.materials.map((m, i) => (i === 0 ? { ...m, attachmentHashes: hashes } : m));
		return intake;
	}

	beforeAll(async () => {
		app = await createTestApp();
	}, 120_000);
	afterAll(async () => {
		await app?.close();
	});

	it('exports every case of one applicant, with events and attachments, to a supervisor only', async () => {
		const shared = await photo();
		const [a, b, other] = [caseOf(ZHEN, [shared]), caseOf(ZHEN), caseOf(LIU)];
		for (const c of [a, b, other]) await submit(c);

		const supervisor = await app.callerFor('supervisor');
		const out = await supervisor.keeping.exportApplicant({ idNumber: ZHEN });
		expect(out.idNumber).toBe(ZHEN);
		expect(out.cases.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
		const first = out.cases.find((c) => c.id === a.id)!;
		expect(first.intake).toMatchObject({ applicant: { name: '测试甄宓', idNumber: ZHEN } });
		expect(first.events.map((e) => e.type)).toEqual(['submit', 'receive']);
		expect(first.attachments).toEqual([expect.objectContaining({ hash: shared, size: 4096, mime: 'image/jpeg' })]);
		// The export is in the audit log: who, whose (masked) ID number, which cases; never the full number.
		const audited = await app.db.select().from(auditEvents).where(eq(auditEvents.action, 'applicant.export'));
		expect(audited.at(-1)).toMatchObject({ subject: maskResidentId(ZHEN), details: { caseIds: expect.arrayContaining([a.id, b.id]) } });
		expect(JSON.stringify(audited)).not.toContain(ZHEN);

		const agent = await app.callerFor('agent.chenghu');
		await expect(agent.keeping.exportApplicant({ idNumber: ZHEN })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(supervisor.keeping.exportApplicant({ idNumber: '360121195807230' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		// No case of this person: an empty export, not an error.
		expect((await supervisor.keeping.exportApplicant({ idNumber: residentId(903) })).cases).toEqual([]);
	});

	it(`removes the personal data of cases finished more than ${DEFAULT_RETENTION_YEARS} years ago (dry run first), keeps the statistics and frees their photos`, async () => {
		const own = await photo();
		const kept = await photo();
		const finished = caseOf(ZHEN, [own]);
		const running = caseOf(LIU, [kept]);
		await submit(finished);
		await submit(running);
		const desk = await app.callerFor('intake');
		await desk.case.act({ caseId: finished.id, event: { type: 'not_accept', reason: '非本县户籍' } });

		const now = new Date();
		// Today nothing is due.
		expect((await keepingService.retention(app.db, app.attachments, { now, years: DEFAULT_RETENTION_YEARS, apply: false })).cases).toEqual([]);

		const later = new Date(now.getTime() + (DEFAULT_RETENTION_YEARS + 0.1) * YEAR_MS);
		const dry = await keepingService.retention(app.db, app.attachments, { now: later, years: DEFAULT_RETENTION_YEARS, apply: false });
		expect(dry.cutoff).toBe(retentionCutoff(later, DEFAULT_RETENTION_YEARS).toISOString());
		expect(dry.cases.map((c) => c.caseNumber)).toEqual([finished.caseNumber]);
		expect(dry.applied).toBe(false);
		const supervisor = await app.callerFor('supervisor');
		// The dry run changed nothing.
		expect((await supervisor.keeping.exportApplicant({ idNumber: ZHEN })).cases.map((c) => c.id)).toContain(finished.id);

		const done = await keepingService.retention(app.db, app.attachments, { now: later, years: DEFAULT_RETENTION_YEARS, apply: true });
		expect(done).toMatchObject({ applied: true, attachmentsDeleted: 1 });
		expect(done.cases.map((c) => c.id)).toEqual([finished.id]);

		// The statistics stay: the case, its items, village, final status and every event.
		const row = await app.db.query.cases.findFirst({ where: (c, { eq }) => eq(c.id, finished.id) });
		expect(row).toMatchObject({ status: 'not_accepted', villageCode: finished.villageCode, itemCodes: finished.itemCodes });
		expect(row!.intake.applicant).toEqual({ name: '', idNumber: '', phone: '', address: '' });
		expect(JSON.stringify(row!.intake)).not.toContain(ZHEN);
		const events = await app.db.query.caseEvents.findMany({ where: (e, { eq }) => eq(e.caseId, finished.id) });
		expect(events.map((e) => e.type)).toEqual(['submit', 'receive', 'not_accept']);
		expect(events.every((e) => e.note === null)).toBe(true);
		// The township's case view says what happened instead of failing on the emptied fields.
		await expect(desk.case.get({ caseId: finished.id })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/retention period/) });
		expect((await desk.case.queue({ statuses: ['not_accepted'], limit: 100, offset: 0 })).cases.map((c) => c.id)).not.toContain(finished.id);
		// Its own photo is gone; the running case's photo stays.
		expect(await app.attachments.has(own)).toBe(false);
		expect(await app.attachments.has(kept)).toBe(true);
		// Found no more by ID number, and sent to no device.
		expect((await supervisor.keeping.exportApplicant({ idNumber: ZHEN })).cases.map((c) => c.id)).not.toContain(finished.id);
		const agent = await app.callerFor('agent.chenghu');
		const pulled = await agent.sync.pull({ protocolVersion: PROTOCOL_VERSION, clientId: uuidv7(), cursor: 0, limit: 500, catalogVersion: 1 });
		expect(pulled.cases.map((c) => c.id)).not.toContain(finished.id);
		expect(pulled.cases.map((c) => c.id)).toContain(running.id);
		// Run again: nothing left to do.
		expect((await keepingService.retention(app.db, app.attachments, { now: later, years: DEFAULT_RETENTION_YEARS, apply: true })).cases).toEqual([]);
	});

	it('works from the command line: npm run retention -- --dry-run and npm run export-applicant', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'daiban-keeping-cli-'));
		try {
			const seeded = await openDatabase({ kind: 'pglite', dataDir: dir });
			await seedIfEmpty(seeded.db, { county: demoCounty, catalog: seedCatalog, users: demoUsers });
			await seeded.close();
			const run = promisify(execFile);
			const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, DAIBAN_RETENTION_YEARS: '5' };
			delete env.DATABASE_URL;
			const dry = await run('node', ['--import', 'tsx', 'server/src/cli/retention.ts', '--dry-run'], { env, timeout: 60_000 });
			expect(dry.stdout).toMatch(/^0 finished case\(s\) older than 5 years/);
			expect(dry.stdout).toContain('dry run: nothing changed');
			const bad = await run('node', ['--import', 'tsx', 'server/src/cli/retention.ts'], { env, timeout: 60_000 }).catch((e: { code: number; stderr: string }) => e);
			expect(bad).toMatchObject({ code: 1, stderr: expect.stringMatching(/usage: npm run retention -- --dry-run/) });
			const out = join(dir, 'export.json');
			const exported = await run('node', ['--import', 'tsx', 'server/src/cli/export-applicant.ts', ZHEN, out], { env, timeout: 60_000 });
			expect(exported.stdout).toMatch(/0 case\(s\) of this applicant written to/);
			expect(JSON.parse(await readFile(out, 'utf8'))).toMatchObject({ idNumber: ZHEN, cases: [] });
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	}, 120_000);
});
