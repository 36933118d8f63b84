import { test, expect, agentReadyForOffline } from './support/fixtures';
import { HarnessPage } from './page-models/harness.page';

/**
 * Background Sync in Chromium: with work in the outbox the app registers the `daiban-sync` tag;
 * when the browser fires it (here through DevTools, as Chromium does when the link returns) the
 * service worker asks the open window to sync, and the outbox empties without any button.
 */
test('a background sync event from the browser makes the open app send its outbox', async ({ page, context }) => {
	await agentReadyForOffline(page);
	const harness = new HarnessPage(page);
	await harness.open();
	// Listen for what the worker tells the page.
	await page.evaluate(() => {
		const got: string[] = [];
		(window as unknown as { swMessages: string[] }).swMessages = got;
		navigator.serviceWorker.addEventListener('message', (e: MessageEvent) => got.push(String((e.data as { type?: string })?.type)));
	});
	await harness.createSubmittedCases(2, 0);
	expect((await harness.counts()).outboxPending).toBe(2);
	await expect
		.poll(() =>
			page.evaluate(async () => {
				const reg = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & { sync?: { getTags(): Promise<string[]> } };
				return (await reg.sync?.getTags()) ?? [];
			})
		)
		.toContain('daiban-sync');

	const cdp = await context.newCDPSession(page);
	const registrations: { registrationId: string; scopeURL: string }[] = [];
	cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: { registrationId: string; scopeURL: string }[] }) => registrations.push(...e.registrations));
	await cdp.send('ServiceWorker.enable');
	await expect.poll(() => registrations.length).toBeGreaterThan(0);
	const registration = registrations[0];
	if (!registration) throw new Error('no service worker registration');
	await cdp.send('ServiceWorker.dispatchSyncEvent', {
		origin: new URL(registration.scopeURL).origin,
		registrationId: registration.registrationId,
		tag: 'daiban-sync',
		lastChance: false
	});

	await expect.poll(() => page.evaluate(() => (window as unknown as { swMessages: string[] }).swMessages)).toContain('SYNC_NOW');
	await expect.poll(async () => (await harness.counts()).outboxPending, { timeout: 20_000 }).toBe(0);
});
