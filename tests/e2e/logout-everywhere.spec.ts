import { test, expect, login } from './support/fixtures';

/**
 * "Log out on all devices": the same supervisor is signed in on two browsers; from one she ends every
 * session. That browser goes to the login page, and the other one's session no longer works at all.
 */
test('log out on all devices ends the sessions of every browser of that user', async ({ page, browser, baseURL }) => {
	const other = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
	const otherPage = await other.newPage();
	for (const p of [page, otherPage]) {
		await p.goto('/login');
		await login(p, 'supervisor', 'daiban-supervisor');
		await p.waitForURL(/\/supervisor$/);
	}
	expect((await otherPage.request.get('/trpc/auth.me')).status()).toBe(200);

	await page.locator('.account summary').click();
	await page.getByRole('button', { name: '退出所有设备' }).click();
	await page.waitForURL(/\/login$/);
	expect((await page.request.get('/trpc/auth.me')).status()).toBe(401);
	// The other browser was not touched, yet its session is over.
	expect((await otherPage.request.get('/trpc/auth.me')).status()).toBe(401);
	await other.close();
});
