import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { createTestApp, type TestApp } from '../fixtures/test-app';
import { makeIntake } from '../fixtures/cases';
import { testDbKind } from '../fixtures/test-db';
import { PROTOCOL_VERSION, type CaseResubmitArgs, type MutationName } from '../../src/lib/domain/sync/protocol';
import { seedCatalog } from '../../src/lib/domain/catalog/seed';
import type { CaseIntake } from '../../src/lib/domain/case/case.schema';

const seniorCard = seedCatalog.items.find((i) => i.code === 'WJ-LNYD-001')!;
const [idCard, photo] = seniorCard.materials;

/** A senior-card case whose photo was not brought: the desk will ask for it (and for a better ID copy). */
function seniorCardIntake(): CaseIntake {
	return makeIntake({
		itemCodes: [seniorCard.code],
		form: { householdAddress: '南昌县莲塘镇澄湖村五组' },
		materials: seniorCard.materials.map((m) => ({
			itemCode: seniorCard.code,
			materialId: m.id,
			received: m.id === idCard!.id,
			checkedPoints: [],
			replacedByCommitment: false,
			attachmentHashes: []
		}))
	});
}

const deficiencies = [
	{ itemCode: seniorCard.code, materialId: idCard!.id, problem: '身份证复印件不清晰' },
	{ itemCode: seniorCard.code, materialId: photo!.id, problem: '缺少近期免冠照片' }
];

/** What the agent adds on her device: both materials now received, review points ticked. */
function addedMaterials() {
	return [idCard!, photo!].map((m) => ({
		itemCode: seniorCard.code,
		materialId: m.id,
		received: true,
		checkedPoints: m.reviewPoints,
		replacedByCommitment: false,
		attachmentHashes: []
	}));
}

describe(`corrections (补正) answered from the device (${testDbKind})`, () => {
	let app: TestApp;
	/** One simulated device per agent: its sync client id and next mutation id. */
	const devices = new Map<string, { clientId: string; next: number }>();

	function device(username: string) {
		let d = devices.get(username);
		if (!d) devices.set(username, (d = { clientId: uuidv7(), next: 1 }));
		return d;
	}

	async function push(username: string, name: MutationName, args: unknown, id?: number) {
		const d = device(username);
		const mutationId = id ?? d.next++;
		const caller = await app.callerFor(username);
		const res = await caller.sync.push({
			protocolVersion: PROTOCOL_VERSION,
			clientId: d.clientId,
			mutations: [{ id: mutationId, name, args, createdAt: new Date().toISOString() }]
		});
		return { id: mutationId, result: res.results[0]! };
	}

	async function pull(username: string) {
		const caller = await app.callerFor(username);
		return caller.sync.pull({ protocolVersion: PROTOCOL_VERSION, clientId: device(username).clientId, cursor: 0, limit: 500, catalogVersion: 1 });
	}

	async function submitted(): Promise<CaseIntake> {
		const intake = seniorCardIntake();
		const { result } = await push('agent.chenghu', 'case.submit', intake);
		expect(result.status).toBe('applied');
		return intake;
	}

	async function requestCorrection(caseId: string) {
		const desk = await app.callerFor('intake');
		const res = await desk.case.act({ caseId, event: { type: 'request_correction', deficiencies } });
		expect(res.case.status).toBe('correction_requested');
		return res;
	}

	beforeAll(async () => {
		app = await createTestApp();
	});
	afterAll(async () => {
		await app.close();
	});

	it('device pulls every deficiency; the resubmission is applied once; the case is back in the queue, round closed', async () => {
		const intake = await submitted();
		await requestCorrection(intake.id);

		// The device learns every deficiency of the round (一次性告知) and the paused clock.
		const pulled = (await pull('agent.chenghu')).cases.find((c) => c.id === intake.id)!;
		expect(pulled.status).toBe('correction_requested');
		expect(pulled.corrections).toHaveLength(1);
		expect(pulled.corrections![0]).toMatchObject({ deficiencies, returnTo: 'received', closedAt: null, outcome: null });
		expect(pulled.clock?.pauses.at(-1)?.to).toBeNull();

		// Offline answer, sent twice (the first reply was lost): applied exactly once.
		const args: CaseResubmitArgs = { caseId: intake.id, materials: addedMaterials(), note: '已补交照片和清晰的身份证复印件' };
		const first = await push('agent.chenghu', 'case.resubmit', args);
		expect(first.result.status).toBe('applied');
		const again = await push('agent.chenghu', 'case.resubmit', args, first.id);
		expect(again.result.status).toBe('duplicate');

		const desk = await app.callerFor('intake');
		const detail = await desk.case.get({ caseId: intake.id });
		expect(detail.case.status).toBe('received');
		expect(detail.events.map((e) => e.type)).toEqual(['submit', 'receive', 'request_correction', 'resubmit']);
		expect(detail.events.at(-1)).toMatchObject({ fromStatus: 'correction_requested', toStatus: 'received', note: '已补交照片和清晰的身份证复印件' });
		const round = detail.workflow!.corrections.at(-1)!;
		expect(round).toMatchObject({ outcome: 'resubmitted', addedMaterials: addedMaterials() });
		expect(round.closedAt).not.toBeNull();
		// The clock is no longer paused: every pause is closed.
		expect(detail.workflow!.clock.pauses.length).toBeGreaterThan(0);
		expect(detail.workflow!.clock.pauses.every((p) => p.to !== null)).toBe(true);
		// The added materials are merged into the case the township reviews.
		expect(detail.case.materials.find((m) => m.materialId === photo!.id)).toMatchObject({ received: true, checkedPoints: photo!.reviewPoints });
		expect(detail.case.materials).toHaveLength(seniorCard.materials.length);

		// Back in the front desk's queue, once.
		const queue = await desk.case.queue({ statuses: ['received'], limit: 200, offset: 0 });
		expect(queue.cases.filter((c) => c.id === intake.id)).toHaveLength(1);

		// The device sees the closed round on its next pull.
		const after = (await pull('agent.chenghu')).cases.find((c) => c.id === intake.id)!;
		expect(after.status).toBe('received');
		expect(after.corrections?.at(-1)).toMatchObject({ outcome: 'resubmitted' });
	});

	it('resumes a running clock when the correction came after acceptance', async () => {
		const intake = await submitted();
		const desk = await app.callerFor('intake');
		await desk.case.act({ caseId: intake.id, event: { type: 'accept' } });
		await requestCorrection(intake.id);
		const paused = await desk.case.get({ caseId: intake.id });
		expect(paused.workflow!.clock.startedOn).not.toBeNull();
		expect(paused.workflow!.clock.pauses.at(-1)?.to).toBeNull();

		const { result } = await push('agent.chenghu', 'case.resubmit', { caseId: intake.id, materials: addedMaterials() });
		expect(result.status).toBe('applied');
		const resumed = await desk.case.get({ caseId: intake.id });
		expect(resumed.case.status).toBe('accepted');
		expect(resumed.workflow!.clock.pauses.at(-1)?.to).not.toBeNull();
		expect(resumed.workflow!.clock.stoppedOn).toBeNull();
	});

	it('rejects a resubmission by an agent of another village, and changes nothing', async () => {
		const intake = await submitted();
		await requestCorrection(intake.id);
		const { result } = await push('agent.lianxi', 'case.resubmit', { caseId: intake.id, materials: addedMaterials() });
		expect(result).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
		expect(result.reason).toMatch(/not in your service area/);

		const detail = await (await app.callerFor('intake')).case.get({ caseId: intake.id });
		expect(detail.case.status).toBe('correction_requested');
		expect(detail.events.map((e) => e.type)).not.toContain('resubmit');
		// The refusal is kept for the device that may not have heard the reply.
		const lianxi = await app.callerFor('agent.lianxi');
		const refused = await lianxi.sync.pull({
			protocolVersion: PROTOCOL_VERSION,
			clientId: device('agent.lianxi').clientId,
			cursor: 0,
			limit: 10,
			oldestPendingMutationId: 1
		});
		expect(refused.rejections.map((r) => r.code)).toContain('FORBIDDEN');
	});

	it('rejects a resubmission for a case that is not waiting for a correction, with a clear reason', async () => {
		const intake = await submitted();
		const { result } = await push('agent.chenghu', 'case.resubmit', { caseId: intake.id, materials: addedMaterials() });
		expect(result).toMatchObject({ status: 'rejected', code: 'ILLEGAL_TRANSITION' });
		expect(result.reason).toContain(intake.caseNumber);
		expect(result.reason).toMatch(/not waiting for a correction \(it is received\)/);

		// Answered once already: a second resubmission of the same round is refused too.
		await requestCorrection(intake.id);
		expect((await push('agent.chenghu', 'case.resubmit', { caseId: intake.id, materials: addedMaterials() })).result.status).toBe('applied');
		const twice = await push('agent.chenghu', 'case.resubmit', { caseId: intake.id, materials: addedMaterials() });
		expect(twice.result).toMatchObject({ status: 'rejected', code: 'ILLEGAL_TRANSITION' });
	});

	it('rejects malformed resubmissions and unknown cases as refused mutations', async () => {
		const noMaterials = await push('agent.chenghu', 'case.resubmit', { caseId: uuidv7(), materials: [] });
		expect(noMaterials.result).toMatchObject({ status: 'rejected', code: 'VALIDATION' });
		const unknown = await push('agent.chenghu', 'case.resubmit', { caseId: uuidv7(), materials: addedMaterials() });
		expect(unknown.result).toMatchObject({ status: 'rejected', code: 'NOT_FOUND' });

		const intake = await submitted();
		await requestCorrection(intake.id);
		const wrongMaterial = await push('agent.chenghu', 'case.resubmit', {
			caseId: intake.id,
			materials: [{ ...addedMaterials()[0]!, materialId: 'no-such-material' }]
		});
		expect(wrongMaterial.result).toMatchObject({ status: 'rejected', code: 'VALIDATION' });
	});
});
