import { test, expect, goOffline, agentReadyForOffline } from './support/fixtures';
import type { BrowserContext, Page } from '@playwright/test';
import { AgentPage } from './page-models/agent.page';
import { PrintPage } from './page-models/print.page';
import { computeResidentIdCheckChar, maskResidentId } from '../../src/lib/domain/ids';

const first17 = '36012119700815003';
const applicantId = first17 + computeResidentIdCheckChar(first17);
const maskedId = maskResidentId(applicantId);

const FOUR_SLIPS = ['一次性告知单', '收件审核要点', '收件通知单', '收件档案单'];

/** Logs the agent in online, waits until the app works offline and the catalog is on the device, then cuts the network. */
async function agentOffline(page: Page, context: BrowserContext): Promise<AgentPage> {
	await agentReadyForOffline(page);
	await goOffline(context);
	await expect(page.getByTestId('net-state')).toHaveText('离线');
	return new AgentPage(page);
}

/** What every printed set must show: the case number, the masked ID only, and a QR code that really rendered. */
async function expectPrintedCase(print: PrintPage, caseNumber: string): Promise<void> {
	await expect(print.caseNumber).toHaveText(caseNumber);
	await expect(print.documents).toContainText(caseNumber);
	await expect(print.documents).toContainText(maskedId);
	expect(await print.documents.innerText()).not.toContain(applicantId);
	await expect(print.qrCodes).toHaveCount(1);
	await expect(print.qrCodes).toHaveAttribute('src', /^data:image\/svg\+xml/);
	await expect.poll(() => print.qrCodesRendered()).toBe(true);
	await expect(print.documents.getByText(`status?case=${caseNumber}`)).toBeVisible();
}

test('offline: a commitment case prints the four slips and the commitment letter, on A4 pages', async ({ page, context, browserName }, testInfo) => {
	test.skip(browserName !== 'chromium', 'page.pdf() needs Chromium');
	const agent = await agentOffline(page, context);
	const print = new PrintPage(page);

	// 居住证核发 allows a commitment in place of the residence proof.
	const caseNumber = await agent.startCase(/居住证核发/);
	await agent.fillApplicant({ name: '刘春梅', idNumber: applicantId, phone: '13907915678', address: '澄湖村五组3号' });
	await page.getByLabel(/^现居住地址/).fill('南昌县莲塘镇澄湖村五组3号');
	await page.getByLabel(/^来本县居住日期/).fill('2024-05-01');
	await page.getByLabel(/^居住事由/).selectOption('就业');
	await page.getByTestId('material-id_card').check();
	await page.getByLabel('以告知承诺替代').check();

	// A draft previews only the one-time notification, already listing what was typed.
	await print.previewFromDraft();
	await expect(print.draftNotice).toBeVisible();
	await expect(print.titles).toHaveText(['一次性告知单']);
	await expect(print.documents).toContainText('刘春梅');
	await expect(print.documents).toContainText('告知承诺替代1项');
	await page.goBack();

	await expect(page.getByTestId('case-number')).toHaveText(caseNumber);
	await agent.submit();
	await expect(page.getByRole('status').filter({ hasText: caseNumber })).toBeVisible();

	await print.openFromCase();
	await expect(page).toHaveURL(/\/agent\/cases\/[^/]+\/print$/);
	await expect(print.draftNotice).toHaveCount(0);
	await expect(print.titles).toHaveText([...FOUR_SLIPS, '告知承诺书']);
	await expectPrintedCase(print, caseNumber);
	await expect(print.documents).toContainText('村级便民服务站（360121100201）');
	// Not yet accepted: the notice promises the limit from acceptance, not a date.
	await expect(print.documents).toContainText('自受理之日起7个工作日内办结');

	// Still offline, a reload renders the page again from the service worker and IndexedDB.
	await page.reload();
	await expect(print.titles).toHaveText([...FOUR_SLIPS, '告知承诺书']);
	await expectPrintedCase(print, caseNumber);

	// On paper the app's chrome and the print button are gone.
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('header.app-header')).toBeHidden();
	await expect(print.printButton).toBeHidden();
	await expect(print.sheets).toHaveCount(5);
	await page.emulateMedia({ media: 'screen' });
	await expect(print.printButton).toBeEnabled();

	const { bytes, pageCount } = await print.printToPdf(testInfo.outputPath('intake-documents.pdf'));
	expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
	// Each document starts on a fresh sheet.
	expect(pageCount).toBeGreaterThanOrEqual(5);
});

test('offline: a case without commitment prints the four slips and no commitment letter', async ({ page, context, browserName }, testInfo) => {
	test.skip(browserName !== 'chromium', 'page.pdf() needs Chromium');
	const agent = await agentOffline(page, context);
	const print = new PrintPage(page);

	const caseNumber = await agent.startCase(/老年人优待证办理/);
	await agent.fillApplicant({ name: '王桂兰', idNumber: applicantId, phone: '13907911234', address: '澄湖村三组12号' });
	await page.getByLabel(/^户籍地址/).fill('南昌县莲塘镇澄湖村三组12号');
	await page.getByTestId('material-id_card').check();
	await agent.submit();
	await expect(page.getByRole('status').filter({ hasText: caseNumber })).toBeVisible();

	await print.openFromCase();
	// The slips' wording mentions 告知承诺书, so count the sheets rather than search the text.
	await expect(print.titles).toHaveText(FOUR_SLIPS);
	await expect(print.sheets).toHaveCount(4);
	await expectPrintedCase(print, caseNumber);

	const { pageCount } = await print.printToPdf(testInfo.outputPath('intake-documents.pdf'));
	expect(pageCount).toBeGreaterThanOrEqual(4);
});
