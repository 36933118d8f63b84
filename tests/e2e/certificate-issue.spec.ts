import { readFile } from 'node:fs/promises';
import type { Browser } from '@playwright/test';
import { PDFDocument } from 'pdf-lib';
import { test, expect, login } from './support/fixtures';
import { AgentPage } from './page-models/agent.page';
import { TownshipPage } from './page-models/township.page';
import { CertificatesPage } from './page-models/certificates.page';
import { certificatePayloads, embeddedFonts } from '../../server/src/pdf/pdf-inspect';
import { certificateKeySchema, certificateVerifyUrl, verifyCertificatePayload } from '../../src/lib/domain/certificates';
import { computeResidentIdCheckChar } from '../../src/lib/domain/ids';

const first17 = '36012119460817002';
const applicantId = first17 + computeResidentIdCheckChar(first17);

async function as(browser: Browser, baseURL: string | undefined, username: string, password: string) {
	const context = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
	const page = await context.newPage();
	await page.goto('/login');
	await login(page, username, password);
	await page.waitForURL(/\/township$/);
	return { context, page };
}

test.describe.configure({ timeout: 120_000 });

test('a synced case is accepted, approved, issued as a signed PDF, assigned to the grid worker, and checks out on the public pages', async ({ page, browser, baseURL }) => {
	await page.goto('/login');
	await login(page, 'agent.chenghu', 'daiban-agent-1');
	await expect(page.getByTestId('sync-status')).toContainText(/上次同步/);
	const caseNumber = await new AgentPage(page).submitSeniorCardCase({ name: '黄淑珍', idNumber: applicantId, phone: '13607912468' }, '南昌县莲塘镇澄湖村三组');

	const desk = await as(browser, baseURL, 'intake', 'daiban-intake');
	const deskPage = new TownshipPage(desk.page);
	await deskPage.openFromQueue(/^已接收$/, caseNumber);
	await desk.page.getByRole('button', { name: '受理', exact: true }).click();
	await expect(deskPage.status()).toHaveText('已受理');
	await desk.page.getByRole('button', { name: '转后台审批' }).click();
	await expect(deskPage.status()).toHaveText('审批中');
	await desk.context.close();

	const approver = await as(browser, baseURL, 'approver.renshe', 'daiban-approver-rs');
	const approverPage = new TownshipPage(approver.page);
	await approverPage.openFromQueue(/^审批中$/, caseNumber);
	await approver.page.getByRole('button', { name: '同意（初审）' }).click();
	await approver.page.getByRole('button', { name: '同意（终审）' }).click();
	await expect(approverPage.status()).toHaveText('已批准');
	await approver.context.close();

	// The certificate window issues it and prints it: a real PDF with the Chinese text and the signed payload.
	const issuer = await as(browser, baseURL, 'issuer', 'daiban-issuer');
	const window = new CertificatesPage(issuer.page);
	await window.open();
	await window.issue(caseNumber);
	await expect(issuer.page.getByTestId('cert-message')).toContainText(/已出证：360121100-\d{4}-\d{6}/);
	const download = await window.print(caseNumber);
	const bytes = await readFile((await download.path())!);
	expect(bytes.length).toBeLessThan(1024 * 1024);
	const pdf = await PDFDocument.load(bytes);
	expect(pdf.getPageCount()).toBe(1);
	const characters = embeddedFonts(pdf)[0]!.characters;
	for (const ch of '老年人优待证黄淑珍发证机关') expect(characters).toContain(ch);
	const [payload] = certificatePayloads(pdf);
	expect(payload).toBeTruthy();
	const keysResponse = await issuer.page.request.get('/.well-known/daiban/certificate-keys.json');
	const keys = certificateKeySchema.array().parse((await keysResponse.json()).keys);
	const outcome = verifyCertificatePayload(payload!, keys);
	expect(outcome).toMatchObject({ status: 'valid', facts: { holderName: '黄淑珍', itemName: '老年人优待证' } });
	await expect(window.issued(caseNumber)).toContainText('已打印 1 次');

	// Delivery to the grid worker of the applicant's village (preselected).
	await window.issued(caseNumber).getByRole('button', { name: '安排送达' }).click();
	const form = window.issued(caseNumber).getByTestId('delivery-form');
	await form.getByLabel('方式').selectOption('grid_delivery');
	await expect(form.getByLabel('网格员')).toHaveValue(/.+/);
	await expect(form.getByLabel('网格员').locator('option:checked')).toHaveText('周强（澄湖村网格员）');
	await form.getByRole('button', { name: '确认送达安排' }).click();
	await expect(window.issued(caseNumber).getByTestId('delivery-result')).toHaveText('已安排：送证中');
	await issuer.context.close();

	// Anyone, without logging in, at phone width: the QR code's page and the status query.
	const visitor = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 360, height: 740 } });
	const publicPage = await visitor.newPage();
	await publicPage.goto(certificateVerifyUrl(baseURL!, payload!));
	await expect(publicPage.getByTestId('verify-result')).toHaveAttribute('data-status', 'valid');
	await expect(publicPage.getByTestId('verify-result')).toContainText('黄淑珍');
	await expect(publicPage.getByTestId('verify-result')).toContainText('真实有效');
	expect(publicPage.url()).toContain('/verify');

	await publicPage.goto(`/status?case=${caseNumber}`);
	await expect(publicPage.getByLabel('办件编号')).toHaveValue(caseNumber);
	await publicPage.getByLabel('手机号码后四位').fill('0000');
	await publicPage.getByRole('button', { name: '查询' }).click();
	await expect(publicPage.getByRole('alert')).toHaveText('没有找到与该编号和手机号匹配的办件，请核对后重试。');
	await publicPage.getByLabel('手机号码后四位').fill('2468');
	await publicPage.getByRole('button', { name: '查询' }).click();
	await expect(publicPage.getByTestId('status-answer')).toContainText('办件状态：送证中');
	await expect(publicPage.getByTestId('status-answer')).toContainText(/承诺办结日期：\d{4}-\d{2}-\d{2}/);
	expect(await publicPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	await visitor.close();
});
