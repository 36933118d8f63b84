import { test, expect, agentReadyForOffline, goOffline, goOnline } from './support/fixtures';
import { HarnessPage } from './page-models/harness.page';

/**
 * Background Sync in Chromium: work queued offline makes the app register the `daiban-sync` tag;
 * when the link returns Chromium fires it in the service worker, which asks the open window to sync
 * (SYNC_NOW), and the outbox empties without any button. (The window's own `online` listener also
 * syncs; the SYNC_NOW message is what shows the Background Sync path works.)
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
	await goOffline(context);
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

	// The link returns: Chromium fires the registered sync event in the service worker by itself.
	await goOnline(context);
	await expect.poll(() => page.evaluate(() => (window as unknown as { swMessages: string[] }).swMessages)).toContain('SYNC_NOW');
	await expect.poll(async () => (await harness.counts()).outboxPending, { timeout: 20_000 }).toBe(0);
	// The event was handled: the browser forgot the tag.
	await expect
		.poll(() =>
			page.evaluate(async () => {
				const reg = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & { sync?: { getTags(): Promise<string[]> } };
				return (await reg.sync?.getTags()) ?? [];
			})
		)
		.toEqual([]);
});
