// Shared Playwright fixtures and helpers. Specs import { test, expect } from here, not from
// '@playwright/test', so they get the checks below.
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { TEST_PIN, UnlockPage } from '../page-models/unlock.page';

export { expect };
import { login } from '../page-models/login.page';
export { login, LoginPage } from '../page-models/login.page';
export { SetPinPage, TEST_PIN, UnlockPage } from '../page-models/unlock.page';

/** Cuts the whole browser context off the network: pages and the service worker's own fetches. */
export async function goOffline(context: BrowserContext): Promise<void> {
	await context.setOffline(true);
}

export async function goOnline(context: BrowserContext): Promise<void> {
	await context.setOffline(false);
}

const isControlled = (page: Page) => page.evaluate(() => navigator.serviceWorker?.controller != null);

/**
 * Waits until the page is controlled by the service worker (so it will work offline). The first
 * load of a fresh context is not controlled unless the worker claims its clients; then one reload
 * is needed, and done here.
 */
export async function waitForServiceWorker(page: Page, { timeout = 20_000 } = {}): Promise<void> {
	// Wait for the worker to be fully activated: a reload while it is still activating is
	// answered by the network and misses the worker's clients.claim(), staying uncontrolled.
	await page.waitForFunction(
		async () => {
			if (!('serviceWorker' in navigator)) throw new Error('this page has no navigator.serviceWorker');
			const registration = await navigator.serviceWorker.getRegistration();
			return registration?.active?.state === 'activated';
		},
		undefined,
		{ timeout, polling: 100 }
	);
	// A reload racing the worker's activation can still come back uncontrolled (seen on a loaded
	// machine): reload again, a bounded number of times, until the page is controlled.
	for (let attempt = 0; attempt < 3 && !(await isControlled(page)); attempt++) {
		await page.reload();
		const controlled = await page
			.waitForFunction(() => navigator.serviceWorker.controller != null, undefined, { timeout: timeout / 4, polling: 100 })
			.then(() => true, () => false);
		if (controlled) break;
	}
	if (!(await isControlled(page))) throw new Error('the page is not controlled by the service worker after 3 reloads');
}

/**
 * Logs the demo village agent in online and waits until the device can work offline: the page
 * is controlled by the service worker and the first sync has brought the catalog down.
 */
export async function agentReadyForOffline(page: Page): Promise<void> {
	await page.goto('/login');
	await login(page, 'agent.chenghu', 'daiban-agent-1');
	await expect(page).toHaveURL(/\/agent$/);
	await waitForServiceWorker(page);
	// The header shows a last-sync time once the first sync is done.
	await expect(page.getByTestId('sync-status')).toContainText(/上次同步/);
}

type Options = {
	/** Set with test.use({ allowPageErrors: true }) in a spec that provokes page errors on purpose. */
	allowPageErrors: boolean;
	/**
	 * A field user's data key lives only in memory, so every reload or typed address locks the
	 * device. Unless a spec turns this off (test.use({ autoUnlock: false }), as the lock's own spec
	 * does), the unlock screen is answered with the test PIN whenever it shows up.
	 */
	autoUnlock: boolean;
};

/** Runs in the page before the app: asks it to install its read-only test inspector (vault/test-inspector.ts). */
export function enableTestInspector(): void {
	(globalThis as { __DAIBAN_E2E__?: boolean }).__DAIBAN_E2E__ = true;
}

export const test = base.extend<Options>({
	allowPageErrors: [false, { option: true }],
	autoUnlock: [true, { option: true }],
	// Every test fails if the page threw an uncaught exception or left a promise rejection unhandled,
	// even when the assertions passed: such errors are bugs the assertions did not look for.
	page: async ({ page, allowPageErrors, autoUnlock }, use) => {
		// Personal data is sealed in IndexedDB: specs read it back through the app's test inspector.
		await page.addInitScript(enableTestInspector);
		if (autoUnlock) {
			const unlock = new UnlockPage(page);
			await page.addLocatorHandler(unlock.form, () => unlock.unlock(TEST_PIN));
		}
		const errors: string[] = [];
		page.on('pageerror', (error) => errors.push(error.stack ?? String(error)));
		// The server's Content-Security-Policy must let the app run: any violation fails the test.
		const cspViolations: string[] = [];
		page.on('console', (message) => {
			if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
		});
		await use(page);
		if (!allowPageErrors) expect(errors, 'uncaught errors in the page').toEqual([]);
		expect(cspViolations, 'Content-Security-Policy violations').toEqual([]);
	}
});
