import { test, expect, goOffline, goOnline, agentReadyForOffline } from './support/fixtures';
import { AgentPage } from './page-models/agent.page';
import { computeResidentIdCheckChar } from '../../src/lib/domain/ids';

const first17 = '36012119600808003';
const applicantId = first17 + computeResidentIdCheckChar(first17);

test('the header shows sync progress with items while cases go out over a slow link', async ({ page, context }) => {
	await agentReadyForOffline(page);
	await goOffline(context);
	const agent = new AgentPage(page);
	for (const name of ['赵一', '钱二']) {
		await page.goto('/agent');
		const caseNumber = await agent.startCase(/老年人优待证办理/);
		await agent.fillApplicant({ name, idNumber: applicantId, phone: '13907910000' });
		await page.getByLabel(/户籍地址/).first().fill('南昌县莲塘镇东湖村');
		await agent.submit();
		await expect(page.getByRole('status').filter({ hasText: caseNumber })).toBeVisible();
	}
	await expect(agent.pendingCount).toHaveText('待同步 2 件');
	// What the station took lately (these two, and its synced cases) comes first in the item picker.
	await page.goto('/agent/new');
	await expect(page.getByTestId('recent-items').getByRole('button').first()).toHaveText(/老年人优待证办理/);
	// Then the station's published list (澄湖村 publishes 30 items), in its published order.
	await expect(page.getByTestId('station-items').getByRole('button')).toHaveCount(30);
	await expect(page.getByTestId('station-items').getByRole('button').first()).toHaveText(/最低生活保障对象认定/);
	await page.goto('/agent');

	// A slow link: every push takes a while to be answered.
	await context.route('**/trpc/sync.push**', async (route) => {
		await new Promise((r) => setTimeout(r, 1500));
		await route.continue();
	});
	// Record every progress text the header shows, however briefly.
	await page.evaluate(() => {
		const seen: string[] = [];
		(window as unknown as { seenProgress: string[] }).seenProgress = seen;
		new MutationObserver(() => {
			const text = document.querySelector('[data-testid="sync-progress"]')?.textContent?.trim();
			if (text && seen.at(-1) !== text) seen.push(text);
		}).observe(document.body, { subtree: true, childList: true, characterData: true });
	});
	await goOnline(context);
	await page.getByRole('button', { name: '立即同步' }).click();
	await expect(agent.pendingCount).toHaveText('待同步 0 件', { timeout: 20_000 });
	const seen = await page.evaluate(() => (window as unknown as { seenProgress: string[] }).seenProgress);
	expect(seen).toContain('发送办件 0/2');
	expect(seen.some((s) => s.startsWith('接收更新'))).toBe(true);
	await expect(page.getByTestId('sync-progress')).toHaveCount(0);
});
