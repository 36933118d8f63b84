import type { BrowserContext, Route } from '@playwright/test';
import { test, expect, agentReadyForOffline, goOffline, goOnline } from './support/fixtures';
import { HarnessPage } from './page-models/harness.page';
import { expectOnServerExactlyOnce } from './support/server-check';

/**
 * Sync in the real browser over a link that really misbehaves: the context's network drops
 * requests, holds answers past the app's timeout, delivers a push twice, and crawls at 2G speed.
 * Cases and photos are made through the app's own code (the harness); each run ends with the
 * township holding every case and photo exactly once and the device's outbox empty.
 * context.route, not page.route: it also sees what the service worker fetches.
 */

type Kind = 'push' | 'pull' | 'chunk';

function kindOf(route: Route): Kind | null {
	const req = route.request();
	const url = new URL(req.url());
	if (url.pathname.startsWith('/trpc/sync.push')) return 'push';
	if (url.pathname.startsWith('/trpc/sync.pull')) return 'pull';
	if (url.pathname.startsWith('/uploads/') && req.method() === 'PATCH') return 'chunk';
	return null;
}

/** Routes sync traffic through `handle`; everything else goes through untouched. */
async function interceptSync(context: BrowserContext, handle: (route: Route, kind: Kind) => Promise<void>): Promise<void> {
	await context.route(/\/(trpc\/sync\.(push|pull)|uploads\/)/, async (route) => {
		const kind = kindOf(route);
		if (kind) await handle(route, kind);
		else await route.continue();
	});
}

test.describe('sync under real faults in the browser', () => {
	test.describe.configure({ timeout: 120_000 });

	test('one in three pushes, pulls and upload chunks is cut off: everything still arrives once', async ({ page, context, baseURL }) => {
		await agentReadyForOffline(page);
		const harness = new HarnessPage(page);
		await harness.open();
		// Made offline, so every byte of it goes out through the faulty link below.
		// 600 KB photos: three 256 KB chunks each, so chunks are cut off mid-file.
		await goOffline(context);
		const made = await harness.createSubmittedCases(6, 1, 600_000);

		const seen: Record<Kind, number> = { push: 0, pull: 0, chunk: 0 };
		const aborted: Record<Kind, number> = { push: 0, pull: 0, chunk: 0 };
		await interceptSync(context, async (route, kind) => {
			seen[kind]++;
			// The 1st, 4th, 7th… of each kind: a round usually makes one push, so the first one must fail.
			if (seen[kind] % 3 === 1) {
				aborted[kind]++;
				await route.abort('connectionreset');
			} else await route.continue();
		});
		// The link returns: the app starts syncing by itself (online event, Background Sync); the
		// harness keeps asking for rounds until nothing is left.
		await goOnline(context);
		await harness.syncUntilEmpty(25);
		// A round ends in a pull; make sure the cut-off ones were not all on the last round.
		await harness.syncNow();

		expect(aborted.push, 'pushes cut off').toBeGreaterThan(0);
		expect(aborted.pull, 'pulls cut off').toBeGreaterThan(0);
		expect(aborted.chunk, 'upload chunks cut off').toBeGreaterThan(0);
		expect(await harness.counts()).toMatchObject({ outboxPending: 0, outboxQuarantined: 0, attachmentsPending: 0, attachmentsQuarantined: 0 });
		await expectOnServerExactlyOnce(baseURL ?? '', made, { checkEvents: true });
	});

	test('a push answered after the app gave up, and a push delivered twice: applied once', async ({ page, context, baseURL }) => {
		await agentReadyForOffline(page);
		const harness = new HarnessPage(page);
		await harness.open();
		await harness.setRequestTimeout(3_000);
		await goOffline(context);
		const made = await harness.createSubmittedCases(4, 1, 20_000);

		const batchSizes: number[] = [];
		let heldPastTimeout = 0;
		let duplicated = 0;
		await interceptSync(context, async (route, kind) => {
			if (kind !== 'push') return route.continue();
			const body = route.request().postDataJSON() as { mutations: unknown[] };
			batchSizes.push(body.mutations.length);
			if (batchSizes.length === 1) {
				// The server applies the push; its answer is held until after the app stopped waiting (3 s).
				try {
					const response = await route.fetch();
					heldPastTimeout++;
					await new Promise((r) => setTimeout(r, 4_500));
					await route.fulfill({ response });
				} catch {
					// The page gave up on the request: fulfilling it is no longer possible, as intended.
				}
				return;
			}
			if (batchSizes.length === 2) {
				// A retrying proxy: the same push reaches the server twice; the app hears the second answer.
				await route.fetch();
				const second = await route.fetch();
				duplicated++;
				await route.fulfill({ response: second });
				return;
			}
			await route.continue();
		});

		await goOnline(context);
		const { rounds } = await harness.syncUntilEmpty(10);
		// The server did answer the first push (it was applied); the app never heard it.
		expect(heldPastTimeout).toBe(1);
		expect(duplicated).toBe(1);
		// After the timeout the app tried again with half the batch (the link looked slow), then grew back.
		expect(batchSizes[0]).toBe(4);
		expect(batchSizes[1]).toBe(2);
		expect(rounds).toBeLessThanOrEqual(3);
		expect(await harness.counts()).toMatchObject({ outboxPending: 0, outboxQuarantined: 0, attachmentsPending: 0 });
		await expectOnServerExactlyOnce(baseURL ?? '', made, { checkEvents: true });
	});

	test('over a 2G link (240/120 kbit/s, 600 ms) a few cases with photos arrive once', async ({ page, context, baseURL }) => {
		await agentReadyForOffline(page);
		const harness = new HarnessPage(page);
		await harness.open();
		const cdp = await context.newCDPSession(page);
		await cdp.send('Network.enable');
		await cdp.send('Network.emulateNetworkConditions', {
			offline: false,
			latency: 600,
			downloadThroughput: (240 * 1024) / 8,
			uploadThroughput: (120 * 1024) / 8
		});
		let requests = 0;
		await interceptSync(context, async (route) => {
			requests++;
			await route.continue();
		});
		const made = await harness.createSubmittedCases(3, 1, 15_000);
		await harness.syncUntilEmpty(5);
		await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
		expect(requests).toBeGreaterThan(0);
		expect(await harness.counts()).toMatchObject({ outboxPending: 0, attachmentsPending: 0, attachmentsQuarantined: 0 });
		await expectOnServerExactlyOnce(baseURL ?? '', made);
	});
});
