import { test, expect, goOffline, goOnline, login, agentReadyForOffline } from './support/fixtures';
import type { Browser, Page } from '@playwright/test';
import { AgentPage } from './page-models/agent.page';
import { TownshipPage } from './page-models/township.page';
import { computeResidentIdCheckChar } from '../../src/lib/domain/ids';

const first17 = '36012119490712002';
const applicantId = first17 + computeResidentIdCheckChar(first17);

/** The agent's answer to a correction (补正) on the case page. */
class CorrectionPanel {
	constructor(readonly page: Page) {}
	get panel() {
		return this.page.getByTestId('correction-panel');
	}
	get deficiencies() {
		return this.panel.getByTestId('deficiency');
	}
	async markReceived(index: number): Promise<void> {
		await this.deficiencies.nth(index).getByLabel('已收到补交的材料').check();
	}
	async resubmit(): Promise<void> {
		await this.panel.getByRole('button', { name: '提交补正' }).click();
	}
}

async function frontDesk(browser: Browser, baseURL: string | undefined) {
	const context = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
	const page = await context.newPage();
	await page.goto('/login');
	await login(page, 'intake', 'daiban-intake');
	await page.waitForURL(/\/township$/);
	return { context, page, township: new TownshipPage(page) };
}

test.describe.configure({ timeout: 120_000 });

test('the agent answers a correction offline; once online the front desk has the case back with the round closed', async ({ page, context, browser, baseURL }, testInfo) => {
	await agentReadyForOffline(page);
	const agent = new AgentPage(page);
	const caseNumber = await agent.submitSeniorCardCase({ name: '周玉兰', idNumber: applicantId, phone: '13607915678' }, '南昌县莲塘镇澄湖村四组');

	// The front desk asks for two things at once (一次性告知).
	const desk = await frontDesk(browser, baseURL);
	await desk.township.openFromQueue(/^已接收$/, caseNumber);
	await desk.page.getByRole('button', { name: '一次性告知补正' }).click();
	const boxes = desk.page.locator('form.correction input[type=checkbox]');
	await boxes.nth(0).check();
	await desk.page.getByPlaceholder('问题').first().fill('身份证复印件不清晰');
	await boxes.nth(1).check();
	await desk.page.getByPlaceholder('问题').nth(1).fill('缺少近期免冠照片');
	await desk.page.getByRole('button', { name: '发出补正通知' }).click();
	await expect(desk.township.status()).toHaveText('待补正');
	await desk.context.close();

	// The agent's device learns of it at the next sync, then works offline.
	await page.getByRole('button', { name: '立即同步' }).click();
	await page.goto('/agent');
	const row = agent.caseList.locator('li', { hasText: caseNumber });
	await expect(row.getByTestId('case-status')).toHaveText('待补正');
	await page.getByRole('button', { name: /^待补正（\d+）$/ }).click();
	await expect(agent.caseList.locator('li', { hasText: caseNumber })).toBeVisible();
	await goOffline(context);
	await expect(page.getByTestId('net-state')).toHaveText('离线');
	await row.getByRole('link', { name: caseNumber }).click();

	// Every deficiency of the round, on the device.
	const correction = new CorrectionPanel(page);
	await expect(correction.deficiencies).toHaveCount(2);
	await expect(correction.deficiencies.nth(0)).toContainText('身份证复印件不清晰');
	await expect(correction.deficiencies.nth(1)).toContainText('缺少近期免冠照片');
	// Asked before acceptance: the promised time has not started (行政许可法 §32), so nothing pauses.
	await expect(page.getByTestId('deadline-light')).toHaveText('未开始计时');

	// The new copy is photographed right in the correction panel, offline.
	const photo = testInfo.outputPath('id-copy-again.jpg');
	await agent.makePhotoFile(photo, { width: 1200, height: 800, type: 'image/jpeg', seed: 7 });
	await correction.deficiencies.nth(0).getByLabel(/^拍照或选择照片：/).setInputFiles(photo);
	await expect(correction.deficiencies.nth(0).getByRole('img')).toHaveCount(1);

	// All of it is needed before resubmitting.
	await correction.markReceived(0);
	await correction.resubmit();
	await expect(correction.panel.getByRole('alert')).toContainText('还有材料未补齐');
	await correction.markReceived(1);
	await correction.deficiencies.nth(1).getByRole('checkbox').nth(1).check();
	await page.getByLabel('补正说明（选填）').fill('已补交清晰的身份证复印件和照片');
	await correction.resubmit();
	await expect(correction.panel).toHaveCount(0);
	await expect(page.getByTestId('correction-pending')).toBeVisible();
	await expect(agent.pendingCount).toHaveText('待同步 1 件');
	await expect(page.getByTestId('case-timeline')).toContainText('已提交补正（待同步）');

	// An offline reload: the resubmission is still queued.
	await page.reload();
	await expect(page.getByTestId('correction-pending')).toBeVisible();
	await expect(agent.pendingCount).toHaveText('待同步 1 件');
	await expect(page.getByTestId('photo-pending')).toHaveText(/1/);
	await expect(page.getByTestId('case-sync')).toHaveText('已发送');

	// Online again: it goes once, and the device hears it was received.
	await goOnline(context);
	await page.evaluate(() => window.dispatchEvent(new Event('online')));
	await expect(agent.pendingCount).toHaveText('待同步 0 件', { timeout: 15_000 });
	await expect(page.getByTestId('case-sync')).toHaveText('乡镇已接收');
	await expect(page.getByTestId('case-status')).toHaveText('已接收');
	await expect(page.getByTestId('correction-pending')).toHaveCount(0);
	// The correction's photo went up with it.
	await expect(page.getByTestId('photo-pending')).toHaveCount(0, { timeout: 15_000 });

	// The front desk has it back in its queue, the round closed on the timeline, materials in.
	const back = await frontDesk(browser, baseURL);
	await back.township.openFromQueue(/^已接收$/, caseNumber);
	await expect(back.township.status()).toHaveText('已接收');
	const timeline = back.page.getByTestId('timeline');
	await expect(timeline.locator('li')).toHaveCount(4);
	// Event names are translated, with who did it (the back office's timeline).
	await expect(timeline.locator('li').nth(2)).toContainText('一次性告知补正');
	await expect(timeline.locator('li').nth(3)).toContainText('补正提交');
	await expect(timeline.locator('li').nth(3)).toContainText('待补正 → 已接收');
	await expect(timeline.locator('li').nth(3)).toContainText('已补交清晰的身份证复印件和照片');
	await expect(back.page.getByText('未收取')).toHaveCount(0);
	await back.context.close();
});
