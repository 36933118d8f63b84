import { test, expect, agentReadyForOffline, goOffline, goOnline } from './support/fixtures';
import { HarnessPage } from './page-models/harness.page';
import { expectOnServerExactlyOnce } from './support/server-check';

test('the harness creates submitted cases with photos through the app, and sync brings them to the township', async ({ page, context, baseURL }) => {
	await agentReadyForOffline(page);
	const harness = new HarnessPage(page);
	await harness.open();
	// Offline, so nothing leaves before the counts are read (online, Background Sync starts at once).
	await goOffline(context);
	const made = await harness.createSubmittedCases(3, 2, 30_000);
	expect(made).toHaveLength(3);
	const before = await harness.counts();
	expect(before).toMatchObject({ outboxPending: 3, attachmentsPending: 6 });
	await goOnline(context);

	const { counts } = await harness.syncUntilEmpty(5);
	expect(counts).toMatchObject({ outboxPending: 0, outboxQuarantined: 0, attachmentsUploaded: 6, attachmentsQuarantined: 0 });
	await expectOnServerExactlyOnce(baseURL ?? '', made, { checkEvents: true });
});
