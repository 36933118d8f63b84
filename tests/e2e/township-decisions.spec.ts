import { test, expect, login } from './support/fixtures';
import type { Browser } from '@playwright/test';
import { AgentPage } from './page-models/agent.page';
import { TownshipPage } from './page-models/township.page';
import { computeResidentIdCheckChar } from '../../src/lib/domain/ids';

const first17 = '36012119480521004';
const applicantId = first17 + computeResidentIdCheckChar(first17);

async function as(browser: Browser, baseURL: string | undefined, username: string, password: string) {
	const context = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
	const page = await context.newPage();
	await page.goto('/login');
	await login(page, username, password);
	await page.waitForURL(/\/township$/);
	return { context, page };
}

test.describe.configure({ timeout: 90_000 });

test('front desk accepts, two departments’ approvers sign off in order, every step on the timeline', async ({ page, browser, baseURL }) => {
	// A village agent takes and submits a case (online here; the offline path is the thin slice).
	await page.goto('/login');
	await login(page, 'agent.chenghu', 'daiban-agent-1');
	await expect(page.getByTestId('sync-status')).toContainText(/上次同步/);
	const caseNumber = await new AgentPage(page).submitSeniorCardCase({ name: '刘桂芳', idNumber: applicantId, phone: '13607911234' }, '南昌县莲塘镇澄湖村五组');

	// Front desk: accept.
	const desk = await as(browser, baseURL, 'intake', 'daiban-intake');
	const deskPage = new TownshipPage(desk.page);
	await deskPage.openFromQueue(/^已接收$/, caseNumber);
	await expect(desk.page.getByText('刘桂芳')).toBeVisible();
	await desk.page.getByRole('button', { name: '受理', exact: true }).click();
	await expect(deskPage.status()).toHaveText('已受理');
	await expect(desk.page.getByTestId('deadline-light')).toHaveText('正常');
	await desk.page.getByRole('button', { name: '转后台审批' }).click();
	await expect(deskPage.status()).toHaveText('审批中');
	const caseUrl = desk.page.url();
	// The intake paperwork the station handed out, rebuilt from the server's copy, with the promised date now set.
	await desk.page.getByTestId('intake-documents-link').click();
	const documents = desk.page.getByTestId('intake-documents');
	const titles = documents.locator('article.document > header h1');
	await expect(titles.first()).toHaveText('一次性告知单');
	await expect(titles).toContainText(['一次性告知单', '收件审核要点', '收件通知单', '收件档案单']);
	await expect(documents).toContainText(caseNumber);
	await expect(documents).not.toContainText(applicantId);
	await desk.page.goto(caseUrl);
	await desk.context.close();

	// An approver of another department does not have it in his queue, and sees nothing to decide.
	const other = await as(browser, baseURL, 'approver.minzheng', 'daiban-approver-mz');
	await other.page.goto('/township?status=under_review');
	await expect(other.page.getByTestId('queue-total').or(other.page.getByTestId('queue-empty'))).toBeVisible();
	await expect(other.page.getByRole('link', { name: caseNumber })).toHaveCount(0);
	await other.page.goto(caseUrl);
	await expect(other.page.getByTestId('case-number')).toHaveText(caseNumber);
	await expect(other.page.getByRole('button', { name: /同意/ })).toHaveCount(0);
	await other.context.close();

	// The department's approver: first review, then final sign-off.
	const approver = await as(browser, baseURL, 'approver.renshe', 'daiban-approver-rs');
	const approverPage = new TownshipPage(approver.page);
	await approverPage.openFromQueue(/^审批中$/, caseNumber);
	await approver.page.getByRole('button', { name: '同意（初审）' }).click();
	await expect(approver.page.getByRole('button', { name: '同意（终审）' })).toBeVisible();
	await approver.page.getByRole('button', { name: '同意（终审）' }).click();
	await expect(approverPage.status()).toHaveText('已批准');
	const timeline = approver.page.getByTestId('timeline');
	await expect(timeline.locator('li')).toHaveCount(6);
	await approver.context.close();
});

test('a correction request lists every deficiency at once and pauses the clock', async ({ page, browser, baseURL }) => {
	await page.goto('/login');
	await login(page, 'agent.chenghu', 'daiban-agent-1');
	await expect(page.getByTestId('sync-status')).toContainText(/上次同步/);
	const caseNumber = await new AgentPage(page).submitSeniorCardCase({ name: '陈德明', idNumber: applicantId, phone: '13607914321' }, '南昌县莲塘镇澄湖村二组');

	const desk = await as(browser, baseURL, 'intake', 'daiban-intake');
	const deskPage = new TownshipPage(desk.page);
	await deskPage.openFromQueue(/^已接收$/, caseNumber);
	await desk.page.getByRole('button', { name: '一次性告知补正' }).click();
	await desk.page.getByRole('button', { name: '发出补正通知' }).click();
	await expect(desk.page.getByRole('alert')).toHaveText('请至少勾选一项并写明问题');
	const boxes = desk.page.locator('form.correction input[type=checkbox]');
	await boxes.nth(0).check();
	await desk.page.getByPlaceholder('问题').first().fill('身份证复印件不清晰');
	await boxes.nth(1).check();
	await desk.page.getByPlaceholder('问题').nth(1).fill('缺少户口簿本人页');
	await desk.page.getByRole('button', { name: '发出补正通知' }).click();
	await expect(deskPage.status()).toHaveText('待补正');
	await expect(desk.page.getByTestId('timeline')).toContainText('身份证复印件不清晰; 缺少户口簿本人页');
	await desk.context.close();

	// The agent's device learns of it at the next sync.
	await page.getByRole('button', { name: '立即同步' }).click();
	await page.goto('/agent');
	await expect(page.getByTestId('case-list').locator('li', { hasText: caseNumber }).getByTestId('case-status')).toHaveText('待补正');
});
