import { test, expect, goOffline, goOnline, agentReadyForOffline } from './support/fixtures';
import { AgentPage } from './page-models/agent.page';
import { computeResidentIdCheckChar } from '../../src/lib/domain/ids';

const first17 = '36012119520101001';
const applicantId = first17 + computeResidentIdCheckChar(first17);

test.describe.configure({ timeout: 90_000 });

test('one refused case is quarantined with its reason while the others sync past it; back to editing, it goes out again', async ({ page, context }) => {
	await agentReadyForOffline(page);
	await goOffline(context);
	const agent = new AgentPage(page);
	const numbers: string[] = [];
	for (const name of ['甲', '乙', '丙', '丁', '戊']) {
		await page.goto('/agent');
		const caseNumber = await agent.startCase(/老年人优待证办理/);
		numbers.push(caseNumber);
		await agent.fillApplicant({ name: `王${name}`, idNumber: applicantId, phone: '13907910001' });
		await page.getByLabel(/户籍地址/).first().fill('南昌县莲塘镇澄湖村');
		await agent.submit();
		await expect(page.getByRole('status').filter({ hasText: caseNumber })).toBeVisible();
	}
	await expect(agent.pendingCount).toHaveText('待同步 5 件');
	const refusedNumber = numbers[2]!;

	// On the way, the third case is altered to another village: the server refuses that one only.
	await context.route('**/trpc/sync.push**', async (route) => {
		const body = JSON.parse(route.request().postData() ?? '{}') as { mutations?: { args: { caseNumber?: string; villageCode?: string } }[] };
		for (const m of body.mutations ?? []) if (m.args.caseNumber === refusedNumber) m.args.villageCode = '360121100203';
		await route.continue({ postData: JSON.stringify(body) });
	});
	await goOnline(context);
	await page.goto('/agent');
	await page.evaluate(() => window.dispatchEvent(new Event('online')));

	const quarantine = page.getByTestId('quarantine');
	await expect(quarantine).toContainText(refusedNumber, { timeout: 20_000 });
	await expect(quarantine).toContainText('360121100203');
	await expect(agent.pendingCount).toHaveText('待同步 0 件');
	for (const n of numbers.filter((x) => x !== refusedNumber)) {
		await expect(agent.caseRow(n).getByTestId('case-sync')).toHaveText('乡镇已接收');
	}

	// The agent takes it back: a draft again, with the server's reason shown, and sends it anew.
	await context.unroute('**/trpc/sync.push**');
	await quarantine.getByRole('button', { name: '退回修改' }).click();
	await expect(page.getByTestId('case-number')).toHaveText(refusedNumber);
	await expect(page.getByTestId('refused-before')).toContainText('360121100203');
	await agent.submit();
	await expect(agent.pendingCount).toHaveText('待同步 0 件', { timeout: 20_000 });
	await page.goto('/agent');
	await expect(page.getByTestId('quarantine')).toHaveCount(0);
	await expect(agent.caseRow(refusedNumber).getByTestId('case-sync')).toHaveText('乡镇已接收');
});
