import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { DaibanDb } from './db/db';
import { listProblems, problemSyncState, ProblemInvalidError, reportProblem } from './problems';
import { formatCaseNumber } from '$lib/domain/case/case-number';
import { problemReportArgsSchema } from '$lib/domain/problems/problem.schema';
import type { PublicUser } from '$lib/domain/roles';
import { unlockForTest } from './lock/test-keys';
import { openOutboxEntries } from './vault/outbox-vault';

// Personal data is sealed with the device's key: these tests run on an unlocked device.
beforeEach(unlockForTest);

const agent: PublicUser = {
	id: '0190a6f0-0000-7000-8000-0000000000a1',
	username: 'agent.chenghu',
	displayName: '陈代办',
	roles: ['village_agent'],
	scope: { townshipCode: '360121100', villageCodes: ['360121100201'], gridCodes: [], departmentCodes: [] }
};
const now = new Date('2026-11-25T03:00:00Z');

describe('problem reports on the device', () => {
	let db: DaibanDb;
	beforeEach(() => {
		db = new DaibanDb(`test-${uuidv7()}`);
	});
	afterEach(async () => {
		await db.delete();
	});

	it('logs a report offline and queues problem.report with it, in one transaction', async () => {
		const caseNumber = formatCaseNumber({ villageCode: '360121100201', date: '2026-11-23', deviceTag: 'A1B', sequence: 2 });
		const saved = await reportProblem(db, { category: 'unclear_requirements', note: ' 收入证明由谁开具不清楚 ', caseNumber: ` ${caseNumber} ` }, now, { user: agent });
		expect(saved).toMatchObject({ villageCode: '360121100201', note: '收入证明由谁开具不清楚', caseNumber, status: 'open', synced: false });
		const [entry] = await openOutboxEntries(await db.outbox.toArray());
		expect(entry).toMatchObject({ name: 'problem.report', args: { id: saved.id, category: 'unclear_requirements' } });
		expect(problemReportArgsSchema.safeParse(entry!.args).success).toBe(true);

		// At rest the note is sealed; listed, it reads as typed.
		const stored = await db.problems.toArray();
		expect(JSON.stringify(stored, (_k, v: unknown) => (v instanceof Uint8Array ? new TextDecoder().decode(v) : v))).not.toContain('收入证明');
		const listed = await listProblems(db);
		expect(listed.problems.map((p) => p.id)).toEqual([saved.id]);
		expect(listed.problems[0]?.note).toBe('收入证明由谁开具不清楚');
		expect(problemSyncState(saved, listed.outbox)).toEqual({ state: 'sent' });
		// Confirmed and pulled back: on the server.
		expect(problemSyncState({ ...saved, synced: true }, [])).toEqual({ state: 'received' });
		const refused = { ...entry!, quarantined: { code: 'FORBIDDEN', reason: 'not yours', at: now.toISOString() } };
		expect(problemSyncState(saved, [refused])).toEqual({ state: 'rejected', reason: 'not yours' });
	});

	it('refuses an empty note, a wrong case number or a village outside her area, and writes nothing', async () => {
		await expect(reportProblem(db, { category: 'other', note: '  ' }, now, { user: agent })).rejects.toBeInstanceOf(ProblemInvalidError);
		await expect(reportProblem(db, { category: 'other', note: '无法办理', caseNumber: '123' }, now, { user: agent })).rejects.toThrow(/caseNumber/);
		await expect(reportProblem(db, { category: 'other', note: '无法办理', villageCode: '360121100202' }, now, { user: agent })).rejects.toThrow(/service area/);
		expect(await db.problems.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
	});
});
