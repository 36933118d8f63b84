import { test, expect, goOffline, goOnline, login, agentReadyForOffline } from './support/fixtures';

test.describe.configure({ timeout: 90_000 });

/** 办不成事反映: logged offline at the station, answered by the centre head, the answer back at the next sync. */
test('an agent reports a problem offline; the centre head answers; the agent sees the answer after syncing', async ({ page, context, browser, baseURL }) => {
	await agentReadyForOffline(page);

	await goOffline(context);
	await page.getByRole('link', { name: '办不成事反映' }).click();
	await page.getByLabel('类别').selectOption({ label: '部门推诿' });
	const note = '残疾人两项补贴，民政和残联都说归对方管';
	await page.getByLabel('情况说明').fill(note);
	await page.getByRole('button', { name: '提交反映' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已记录' })).toBeVisible();
	const mine = page.getByTestId('problem-list').locator('li', { hasText: note });
	await expect(mine.getByTestId('problem-sync')).toHaveText('已发送');
	await expect(page.getByTestId('pending-count')).toHaveText('待同步 1 件');

	await goOnline(context);
	await page.evaluate(() => window.dispatchEvent(new Event('online')));
	await expect(page.getByTestId('pending-count')).toHaveText('待同步 0 件', { timeout: 15_000 });
	await expect(mine.getByTestId('problem-sync')).toHaveText('乡镇已接收');

	// The centre head answers at /township/problems.
	const head = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
	const headPage = await head.newPage();
	await headPage.goto('/login');
	await login(headPage, 'supervisor', 'daiban-supervisor');
	await headPage.waitForURL(/\/supervisor$/);
	await headPage.goto('/township/problems');
	const report = headPage.getByTestId('problem-list').locator('li', { hasText: note });
	await expect(report).toContainText('部门推诿');
	const answer = '已协调由民政办牵头受理，请告知申请人本周内到中心一次办结';
	await report.getByLabel('答复').fill(answer);
	await report.getByRole('button', { name: '答复' }).click();
	await expect(headPage.getByRole('status').filter({ hasText: '已保存：已答复' })).toBeVisible();
	await headPage.getByRole('button', { name: '已答复' }).click();
	await expect(headPage.getByTestId('problem-list').locator('li', { hasText: note })).toContainText(answer);
	await head.close();

	// The agent sees it after the next sync.
	await page.getByRole('button', { name: '立即同步' }).click();
	await expect(mine.getByTestId('problem-status')).toHaveText('已答复', { timeout: 15_000 });
	await expect(mine.getByTestId('problem-response')).toContainText(answer);
});
