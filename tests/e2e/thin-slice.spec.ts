import { test, expect, goOffline, goOnline, waitForServiceWorker, login, agentReadyForOffline } from './support/fixtures';
import { AgentPage } from './page-models/agent.page';
import { TownshipPage } from './page-models/township.page';
import { computeResidentIdCheckChar } from '../../src/lib/domain/ids';

const first17 = '36012119560315002';
const applicantId = first17 + computeResidentIdCheckChar(first17);

/**
 * The foundation's thin slice: a village agent logs in online, takes a case with the browser
 * context really offline (and reloads offline), syncs when back online, and the township's
 * front desk sees the case in its queue exactly once.
 */
test('agent takes a case offline, it syncs once online, the township sees it', async ({ page, context, browser, baseURL }) => {
	await agentReadyForOffline(page);

	await goOffline(context);
	await expect(page.getByTestId('net-state')).toHaveText('离线');
	const agent = new AgentPage(page);
	const caseNumber = await agent.startCase(/老年人优待证办理/);
	expect(caseNumber).toMatch(/^360121100201-\d{6}-[0-9A-Z]{3}-0001-[0-9A-Z*]$/);
	await agent.fillApplicant({ name: '王桂兰', idNumber: applicantId, phone: '13907911234', address: '澄湖村三组12号' });
	await page.getByLabel(/户籍地址|householdAddress/).first().fill('南昌县莲塘镇澄湖村三组12号');

	// An offline reload renders the app from the service worker, and the draft is intact.
	await agent.waitForDraftSaved();
	await page.reload();
	await expect(page.getByTestId('case-number')).toHaveText(caseNumber);
	await expect(page.getByLabel(/^姓名/)).toHaveValue('王桂兰');
	await expect(page.getByLabel(/公民身份号码/)).toHaveValue(applicantId);

	await agent.submit();
	await expect(page.getByRole('status').filter({ hasText: caseNumber })).toBeVisible();
	await expect(agent.pendingCount).toHaveText('待同步 1 件');

	// Still offline: the case list survives a reload too.
	await page.goto('/agent');
	await expect(agent.caseList).toContainText(caseNumber);
	await expect(agent.caseRow(caseNumber).getByTestId('case-sync')).toHaveText('已发送');

	await goOnline(context);
	await page.evaluate(() => window.dispatchEvent(new Event('online')));
	await expect(agent.pendingCount).toHaveText('待同步 0 件', { timeout: 15_000 });
	await expect(agent.caseRow(caseNumber).getByTestId('case-sync')).toHaveText('乡镇已接收');

	// The township front desk, in its own browser context, sees the case once.
	const township = await browser.newContext({ baseURL, serviceWorkers: 'allow', locale: 'zh-CN' });
	const desk = await township.newPage();
	await desk.goto('/login');
	await login(desk, 'intake', 'daiban-intake');
	await expect(desk).toHaveURL(/\/township$/);
	// Searched by its number: other specs fill the shared queue, which is paged oldest first.
	await new TownshipPage(desk).search(caseNumber);
	const queue = desk.getByTestId('queue');
	await expect(queue).toContainText(caseNumber);
	await expect(queue.getByText(caseNumber)).toHaveCount(1);
	await expect(queue).toContainText('王桂兰');
	await township.close();
});

test('an offline reload of any app page renders the app, not the browser error page', async ({ page, context }) => {
	await page.goto('/login');
	await login(page, 'agent.chenghu', 'daiban-agent-1');
	await expect(page).toHaveURL(/\/agent$/);
	await waitForServiceWorker(page);
	await goOffline(context);
	for (const path of ['/agent', '/agent/new', '/login', '/township', '/some/unknown/page']) {
		await page.goto(path);
		await expect(page.locator('header')).toContainText('代办');
	}
});
