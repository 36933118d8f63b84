import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { DaibanDb, type LocalCase } from '../db/db';
import { CorrectionError, deviceWorkflow, missingMaterials, openCorrection, resubmitCorrection } from './corrections';
import { seedCatalog } from '$lib/domain/catalog/seed';
import { formatCaseNumber } from '$lib/domain/case/case-number';
import { computeResidentIdCheckChar } from '$lib/domain/ids';
import { caseResubmitArgsSchema } from '$lib/domain/sync/protocol';
import type { PublicUser } from '$lib/domain/roles';
import { unlockForTest } from '../lock/test-keys';
import { getCase, putCase } from '../vault/case-vault';
import { openOutboxEntries } from '../vault/outbox-vault';

// Personal data is sealed with the device's key: these tests run on an unlocked device.
beforeEach(unlockForTest);

const item = seedCatalog.items.find((i) => i.code === 'WJ-LNYD-001')!;
const [idCard, photo] = item.materials;
const first17 = '36012119480521004';
const agent: PublicUser = {
	id: '0190a6f0-0000-7000-8000-0000000000a1',
	username: 'agent.chenghu',
	displayName: '陈代办',
	roles: ['village_agent'],
	scope: { townshipCode: '360121100', villageCodes: ['360121100201'], gridCodes: [], departmentCodes: [] }
};
const otherAgent: PublicUser = { ...agent, id: '0190a6f0-0000-7000-8000-0000000000a2', scope: { ...agent.scope, villageCodes: ['360121100202'] } };
const who = { user: agent, deviceId: '0190a6f0-0000-7000-8000-0000000000d1' };
const now = new Date('2026-11-25T03:00:00Z');

/** A case as the sync engine stores it after pulling a correction request made before acceptance. */
function pulledCorrection(overrides: Partial<LocalCase> = {}): LocalCase {
	const id = uuidv7();
	const caseNumber = formatCaseNumber({ villageCode: '360121100201', date: '2026-11-23', deviceTag: 'A1B', sequence: 3 });
	return {
		id,
		caseNumber,
		status: 'correction_requested',
		syncState: 'received',
		updatedAt: '2026-11-24T02:00:00.000Z',
		receivedAt: '2026-11-23T02:00:00.000Z',
		intake: {
			id,
			caseNumber,
			itemCodes: [item.code],
			catalogVersion: seedCatalog.version,
			villageCode: '360121100201',
			applicant: { name: '刘桂芳', idNumber: first17 + computeResidentIdCheckChar(first17), phone: '13607911234', address: '' },
			form: { householdAddress: '澄湖村五组' },
			materials: item.materials.map((m) => ({ itemCode: item.code, materialId: m.id, received: m.id === idCard!.id, checkedPoints: [], replacedByCommitment: false, attachmentHashes: [] })),
			delivery: { method: 'station_pickup' },
			trips: 1,
			createdAt: '2026-11-23T01:00:00.000Z'
		},
		corrections: [
			{
				deficiencies: [
					{ itemCode: item.code, materialId: idCard!.id, problem: '身份证复印件不清晰' },
					{ itemCode: item.code, materialId: photo!.id, problem: '缺少照片' }
				],
				requestedAt: '2026-11-24T02:00:00.000Z',
				returnTo: 'received',
				closedAt: null,
				outcome: null
			}
		],
		clock: { startedOn: null, limitDays: 3, pauses: [{ from: '2026-11-24', to: null }], stoppedOn: null },
		...overrides
	};
}

const answered = (received = true) =>
	[idCard!, photo!].map((m) => ({ itemCode: item.code, materialId: m.id, received, checkedPoints: m.reviewPoints, replacedByCommitment: false, attachmentHashes: [] }));

describe('corrections on the device', () => {
	let db: DaibanDb;
	beforeEach(() => {
		db = new DaibanDb(`test-${uuidv7()}`);
	});
	afterEach(async () => {
		await db.delete();
	});

	it('finds the open round only while the case waits for a correction', () => {
		const c = pulledCorrection();
		expect(openCorrection(c)?.deficiencies).toHaveLength(2);
		expect(openCorrection({ ...c, status: 'received' })).toBeNull();
		expect(openCorrection({ ...c, corrections: [] })).toBeNull();
	});

	it('resubmits offline: status back where it came from, round closed, clock resumed, one queued mutation — in one transaction', async () => {
		const c = pulledCorrection();
		await putCase(db, c);
		const saved = await resubmitCorrection(db, c.id, { materials: answered(), note: ' 已补交 ' }, now, who);

		expect(saved).toMatchObject({ status: 'received', syncState: 'sent' });
		expect(saved.corrections?.at(-1)).toMatchObject({ outcome: 'resubmitted', closedAt: now.toISOString() });
		expect(saved.clock?.pauses).toEqual([{ from: '2026-11-24', to: '2026-11-25' }]);
		expect(saved.intake.materials.find((m) => m.materialId === photo!.id)).toMatchObject({ received: true, checkedPoints: photo!.reviewPoints });
		expect(await getCase(db, c.id)).toEqual(saved);

		const outbox = await openOutboxEntries(await db.outbox.toArray());
		expect(outbox).toHaveLength(1);
		expect(outbox[0]).toMatchObject({ name: 'case.resubmit', args: { caseId: c.id, note: '已补交' } });
		// What is queued is exactly what the server validates.
		expect(caseResubmitArgsSchema.safeParse(outbox[0]!.args).success).toBe(true);

		// A second answer to the same round is refused on the device already.
		await expect(resubmitCorrection(db, c.id, { materials: answered() }, now, who)).rejects.toMatchObject({ reason: 'not_waiting' });
		expect(await db.outbox.count()).toBe(1);
	});

	it('asks for every deficient material before resubmitting (一次性告知), and writes nothing', async () => {
		const c = pulledCorrection();
		await putCase(db, c);
		const partial = [answered()[0]!, answered(false)[1]!];
		expect(missingMaterials(openCorrection(c)!, partial)).toEqual([{ itemCode: item.code, materialId: photo!.id }]);
		const refused = resubmitCorrection(db, c.id, { materials: partial }, now, who);
		await expect(refused).rejects.toBeInstanceOf(CorrectionError);
		await expect(refused).rejects.toMatchObject({ reason: 'incomplete', missing: [{ itemCode: item.code, materialId: photo!.id }] });
		await expect(resubmitCorrection(db, c.id, { materials: [] }, now, who)).rejects.toMatchObject({ reason: 'invalid' });
		expect(await db.outbox.count()).toBe(0);
		expect((await getCase(db, c.id))?.status).toBe('correction_requested');
	});

	it('a material replaced by the commitment letter counts as provided', () => {
		const round = openCorrection(pulledCorrection())!;
		const withCommitment = answered(false).map((m) => ({ ...m, replacedByCommitment: true }));
		expect(missingMaterials(round, withCommitment)).toEqual([]);
	});

	it('runs the lifecycle guard: an agent of another village may not resubmit', async () => {
		const c = pulledCorrection();
		await putCase(db, c);
		await expect(
			resubmitCorrection(db, c.id, { materials: answered() }, now, { ...who, user: otherAgent })
		).rejects.toMatchObject({ reason: 'refused', message: expect.stringMatching(/village 360121100201/) });
		expect(await db.outbox.count()).toBe(0);
	});

	it('rebuilds enough of the workflow for the lifecycle, naming no township staff', () => {
		const state = deviceWorkflow(pulledCorrection());
		expect(state).toMatchObject({ status: 'correction_requested', itemCodes: [item.code], branches: [] });
		expect(state.corrections[0]).toMatchObject({ requestedBy: 'township', returnTo: 'received', closedBy: null });
	});
});
