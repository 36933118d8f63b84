import { test, expect, goOffline, agentReadyForOffline } from './support/fixtures';
import { AgentPage } from './page-models/agent.page';
import { computeResidentIdCheckChar } from '../../src/lib/domain/ids';

const first17 = '36012119550302004';
const applicantId = first17 + computeResidentIdCheckChar(first17);

/**
 * Every route of the agent's app opens from a cold, offline load at 360 px: the service worker answers
 * the navigation with the app shell, the unlock screen takes the PIN, and the page renders its own data
 * from IndexedDB. No page may need the network to show itself.
 */
test.use({ viewport: { width: 360, height: 740 } });

test('every agent route renders after an offline reload on a 360 px screen', async ({ page, context }) => {
	await agentReadyForOffline(page);
	const agent = new AgentPage(page);
	const caseNumber = await agent.submitSeniorCardCase({ name: '孙秀英', idNumber: applicantId, phone: '13707912345' }, '南昌县莲塘镇澄湖村五组');
	const caseId = agent.caseId();
	await goOffline(context);

	const routes: { path: string; shows: RegExp }[] = [
		{ path: '/agent', shows: /我的办件/ },
		{ path: '/agent/new', shows: /选择事项/ },
		{ path: `/agent/cases/${caseId}`, shows: new RegExp(caseNumber) },
		{ path: `/agent/cases/${caseId}/print`, shows: new RegExp(caseNumber) },
		{ path: '/agent/problems', shows: /办不成事/ }
	];
	for (const { path, shows } of routes) {
		await page.goto(path);
		await expect(page.getByRole('main'), path).toContainText(shows);
		await expect(page.getByTestId('net-state')).toHaveText('离线');
		// Nothing is wider than the phone.
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
	}
});
