import { expect, test } from './support/fixtures';

test('GET /healthz answers JSON ok', async ({ request }) => {
	const response = await request.get('/healthz');
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toMatch(/^application\/json/);
	expect(await response.json()).toMatchObject({ ok: true });
});

test('the home page renders the app, titled 代办', async ({ page }) => {
	const response = await page.goto('/');
	expect(response?.ok()).toBe(true);
	await expect(page).toHaveTitle(/代办/);
	// The SPA mounted something visible, not just the empty shell.
	await expect(page.locator('body *:visible').first()).toBeVisible();
});

test('an unknown tRPC path is a 404, not the SPA fallback page', async ({ request }) => {
	const response = await request.get('/trpc/nope');
	expect(response.status()).toBe(404);
	expect(response.headers()['content-type'] ?? '').not.toMatch(/text\/html/);
});
