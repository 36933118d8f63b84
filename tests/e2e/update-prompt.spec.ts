import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { test, expect, waitForServiceWorker } from './support/fixtures';

/** The worker script the e2e server serves (playwright.config.ts: DAIBAN_STATIC_DIR=build). */
const WORKER = fileURLToPath(new URL('../../build/service-worker.js', import.meta.url));

/**
 * A new version of the app reaches a device while an agent may be mid-form: the new service worker
 * waits, the app says "new version ready", and only the agent's "reload" swaps it in (workbox-window
 * → SKIP_WAITING → controllerchange → one reload).
 *
 * The "new version" is the built service worker with one more line, written over the served file for
 * the length of this test (the browser's update check bypasses context.route, so the bytes on disk
 * must change); it is put back afterwards whatever happens. The e2e project runs one test at a time.
 */
test('a new service worker waits for the user, and "reload" activates it', async ({ page }) => {
	await page.goto('/login');
	await waitForServiceWorker(page);
	const firstScript = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.scriptURL);
	expect(firstScript).toMatch(/\/service-worker\.js$/);
	await expect(page.getByText('新版本已就绪')).toHaveCount(0);

	const original = readFileSync(WORKER);
	writeFileSync(WORKER, `${original.toString('utf8')}\n// release 2 (e2e)\n`);
	try {
		await updateAndAccept(page);
	} finally {
		writeFileSync(WORKER, original);
	}
});

async function updateAndAccept(page: Page): Promise<void> {
	// What a navigation does anyway (an update check), asked for directly.
	await page.evaluate(async () => {
		await (await navigator.serviceWorker.getRegistration())?.update();
	});

	const prompt = page.getByRole('alert').filter({ hasText: '新版本已就绪' });
	await expect(prompt).toBeVisible({ timeout: 15_000 });
	// Nothing was swapped behind the user's back: the old worker still controls the page.
	expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting)).toBe(true);

	// "Later" hides the prompt and keeps the page as it is.
	await prompt.getByRole('button', { name: '稍后' }).click();
	await expect(prompt).toHaveCount(0);
	expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting)).toBe(true);

	// The prompt comes back with the next update check; "reload" activates the waiting worker.
	await page.reload();
	await expect(prompt).toBeVisible({ timeout: 15_000 });
	const reloaded = page.waitForEvent('load');
	await prompt.getByRole('button', { name: '重新加载' }).click();
	await reloaded;
	await page.waitForFunction(async () => {
		const registration = await navigator.serviceWorker.getRegistration();
		return !registration?.waiting && registration?.active?.state === 'activated' && navigator.serviceWorker.controller != null;
	});
	await expect(prompt).toHaveCount(0);
}
