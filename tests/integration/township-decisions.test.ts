import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { createTestApp, type TestApp } from '../fixtures/test-app';
import { makeIntake } from '../fixtures/cases';
import { testDbKind } from '../fixtures/test-db';
import { PROTOCOL_VERSION } from '../../src/lib/domain/sync/protocol';
import { seedCatalog } from '../../src/lib/domain/catalog/seed';
import type { CaseIntake } from '../../src/lib/domain/case/case.schema';

const seniorCard = seedCatalog.items.find((i) => i.code === 'WJ-LNYD-001')!;

function intakeFor(code: string): CaseIntake {
	const item = seedCatalog.items.find((i) => i.code === code)!;
	const form = Object.fromEntries(item.formFields.filter((f) => f.required).map((f) => [f.key, f.type === 'number' ? 1 : (f.options?.[0] ?? '测试')]));
	return makeIntake({
		itemCodes: [code],
		form,
		materials: item.materials.map((m) => ({ itemCode: code, materialId: m.id, received: true, checkedPoints: m.reviewPoints, replacedByCommitment: false, attachmentHashes: [] }))
	});
}

describe(`township decisions through the lifecycle (${testDbKind})`, () => {
	let app: TestApp;
	let mutationId = 0;
	const clientId = uuidv7();

	async function submit(intake: CaseIntake) {
		const agent = await app.callerFor('agent.chenghu');
		const res = await agent.sync.push({ protocolVersion: PROTOCOL_VERSION, clientId, mutations: [{ id: ++mutationId, name: 'case.submit', args: intake, createdAt: intake.createdAt }] });
		expect(res.results[0]?.status).toBe('applied');
	}

	beforeAll(async () => {
		app = await createTestApp();
	});
	afterAll(async () => {
		await app.close();
	});

	it('walks acceptance and two-step approval, each step by the right department, once', async () => {
		const intake = intakeFor('WJ-LNYD-001');
		await submit(intake);
		const desk = await app.callerFor('intake');
		const accepted = await desk.case.act({ caseId: intake.id, event: { type: 'accept' } });
		expect(accepted.case.status).toBe('accepted');
		expect(accepted.workflow?.clock.startedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

		const review = await desk.case.act({ caseId: intake.id, event: { type: 'start_review' } });
		expect(review.case.status).toBe('under_review');

		const wrongDept = await app.callerFor('approver.minzheng');
		const [first, final] = seniorCard.approvalChain;
		await expect(
			wrongDept.case.act({ caseId: intake.id, event: { type: 'approve_step', itemCode: seniorCard.code, stepId: first!.id } })
		).rejects.toMatchObject({ code: 'FORBIDDEN' });

		const approver = await app.callerFor('approver.renshe');
		await approver.case.act({ caseId: intake.id, event: { type: 'approve_step', itemCode: seniorCard.code, stepId: first!.id } });
		await expect(
			approver.case.act({ caseId: intake.id, event: { type: 'approve_step', itemCode: seniorCard.code, stepId: first!.id } })
		).rejects.toThrow();
		const approved = await approver.case.act({ caseId: intake.id, event: { type: 'approve_step', itemCode: seniorCard.code, stepId: final!.id } });
		expect(approved.case.status).toBe('approved');

		// Every step is on the record: who and when (首问负责制).
		const types = approved.events.map((e) => e.type);
		expect(types).toEqual(['submit', 'receive', 'accept', 'start_review', 'approve_step', 'approve_step']);
		expect(new Set(approved.events.slice(2).map((e) => e.actorId)).size).toBe(2);
	});

	it('sends a correction back to the agent’s device with every deficiency, clock paused', async () => {
		const intake = intakeFor('WJ-LNYD-001');
		await submit(intake);
		const desk = await app.callerFor('intake');
		const res = await desk.case.act({
			caseId: intake.id,
			event: {
				type: 'request_correction',
				deficiencies: seniorCard.materials.slice(0, 2).map((m) => ({ itemCode: seniorCard.code, materialId: m.id, problem: `${m.name}不清晰` }))
			}
		});
		expect(res.case.status).toBe('correction_requested');
		expect(res.events.at(-1)?.note).toContain('不清晰');

		const agent = await app.callerFor('agent.chenghu');
		const pulled = await agent.sync.pull({ protocolVersion: PROTOCOL_VERSION, clientId, cursor: 0, limit: 500, catalogVersion: 1 });
		expect(pulled.cases.find((c) => c.id === intake.id)?.status).toBe('correction_requested');
	});

	it('refuses illegal transitions with a message naming the state and the event, and writes nothing', async () => {
		const intake = intakeFor('WJ-LNYD-001');
		await submit(intake);
		const approver = await app.callerFor('approver.renshe');
		await expect(
			approver.case.act({ caseId: intake.id, event: { type: 'approve_step', itemCode: seniorCard.code, stepId: 'final_review' } })
		).rejects.toThrow(/received/);
		const desk = await app.callerFor('intake');
		const detail = await desk.case.get({ caseId: intake.id });
		expect(detail.case.status).toBe('received');
		expect(detail.events).toHaveLength(2);
		await expect(desk.case.act({ caseId: intake.id, event: { type: 'not_accept', reason: '' } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
	});

	it('keeps agents out of the back office and cases of another township out of reach', async () => {
		const agent = await app.callerFor('agent.chenghu');
		await expect(agent.case.get({ caseId: uuidv7() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		const desk = await app.callerFor('intake');
		await expect(desk.case.get({ caseId: uuidv7() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
	});
});
