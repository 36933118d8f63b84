import { test, expect, agentReadyForOffline } from './support/fixtures';
import { HarnessPage } from './page-models/harness.page';
import { townshipApi } from './support/township-api';

test('the harness creates submitted cases with photos through the app, and sync brings them to the township', async ({ page, baseURL }) => {
	await agentReadyForOffline(page);
	const harness = new HarnessPage(page);
	await harness.open();
	const made = await harness.createSubmittedCases(3, 2, 30_000);
	expect(made).toHaveLength(3);
	const before = await harness.counts();
	expect(before).toMatchObject({ outboxPending: 3, attachmentsPending: 6 });

	const { counts } = await harness.syncUntilEmpty(5);
	expect(counts).toMatchObject({ outboxPending: 0, outboxQuarantined: 0, attachmentsUploaded: 6, attachmentsQuarantined: 0 });

	const township = await townshipApi(baseURL ?? '');
	const onServer = await township.allCases();
	for (const c of made) {
		expect(onServer.filter((s) => s.id === c.id)).toHaveLength(1);
		expect(onServer.filter((s) => s.caseNumber === c.caseNumber)).toHaveLength(1);
		const status = await township.attachmentStatus(c.id);
		expect(status.complete).toBe(true);
		expect([...status.present].sort()).toEqual([...c.photoHashes].sort());
		for (const hash of c.photoHashes) expect(await township.downloadHash(hash, c.id)).toBe(hash);
	}
});
