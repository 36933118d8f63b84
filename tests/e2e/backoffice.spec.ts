import { test, expect, login } from './support/fixtures';
import { AgentPage } from './page-models/agent.page';
import { BackofficePage, signedIn } from './page-models/backoffice.page';
import { computeResidentIdCheckChar } from '../../src/lib/domain/ids';
import { readFile } from 'node:fs/promises';

const ID_CARD = '申请人居民身份证';
const PORTRAIT = '近期免冠彩色证件照';
const idOf = (first17: string) => first17 + computeResidentIdCheckChar(first17);

test.describe.configure({ timeout: 120_000 });

test('front desk: filter and search the queue, view photos, request a correction and print its notice', async ({ page, browser, baseURL }, testInfo) => {
	// A village agent submits a 老年人优待证 case with two photos.
	await page.goto('/login');
	await login(page, 'agent.chenghu', 'daiban-agent-1');
	await expect(page.getByTestId('sync-status')).toContainText(/上次同步/);
	const agent = new AgentPage(page);
	const idPhoto = testInfo.outputPath('id.png');
	const portrait = testInfo.outputPath('portrait.jpg');
	await agent.makePhotoFile(idPhoto, { width: 800, height: 500, type: 'image/png', seed: 3 });
	await agent.makePhotoFile(portrait, { width: 500, height: 700, type: 'image/jpeg', seed: 5 });
	const caseNumber = await agent.startCase(/老年人优待证办理/);
	await agent.fillApplicant({ name: '欧阳秀英', idNumber: idOf('36012119470303002'), phone: '13607915678' });
	await page.getByLabel(/户籍地址/).first().fill('南昌县莲塘镇澄湖村七组');
	await agent.attachPhoto(ID_CARD, idPhoto);
	await agent.attachPhoto(PORTRAIT, portrait);
	await expect(agent.photoCount(PORTRAIT)).toContainText('1');
	await agent.submit();
	await expect(agent.pendingCount).toHaveText('待同步 0 件', { timeout: 20_000 });

	// Front desk: filter by village, search by the masked ID as printed on paper.
	const desk = await signedIn(browser, baseURL, 'intake', 'daiban-intake');
	const bo = new BackofficePage(desk.page);
	await desk.page.goto('/township');
	await desk.page.getByLabel('村', { exact: true }).selectOption({ label: '澄湖村' });
	await expect(desk.page).toHaveURL(/village=360121100201/);
	await bo.searchQueue('3601**********' + idOf('36012119470303002').slice(-4));
	await expect(desk.page).toHaveURL(/q=3601/);
	await expect(bo.entries()).toHaveCount(1);
	await expect(bo.entries().first()).toContainText('欧阳秀英');
	// The link reproduces the view.
	const link = desk.page.url();
	await desk.page.goto('/township');
	await desk.page.goto(link);
	await expect(bo.entries()).toHaveCount(1);
	await expect(desk.page.getByLabel('搜索')).toHaveValue(/^3601\*+\d{3}[\dX]$/);
	// A search that matches nothing says so.
	await bo.searchQueue('不存在的申请人');
	await expect(desk.page.getByTestId('queue-empty')).toBeVisible();
	await desk.page.goto(link);
	// A 360 px phone: the queue and the case view fit without sideways scrolling.
	await desk.page.setViewportSize({ width: 360, height: 740 });
	await expect(bo.entries()).toHaveCount(1);
	expect(await bo.fitsWidth()).toBe(true);
	await desk.page.getByRole('link', { name: caseNumber }).click();
	await expect(desk.page.getByTestId('case-number')).toHaveText(caseNumber);
	expect(await bo.fitsWidth()).toBe(true);
	await desk.page.setViewportSize({ width: 1280, height: 800 });

	// Photo viewer: zoom and rotate by keyboard, compare side by side, Esc closes.
	await expect
		.poll(() => desk.page.evaluate(() => [...document.images].filter((i) => i.complete && i.naturalWidth > 0).length), { timeout: 20_000 })
		.toBe(2);
	await desk.page.getByRole('button', { name: `查看 ${ID_CARD} 第 1 张照片` }).click();
	await expect(bo.viewer()).toBeVisible();
	await expect(bo.viewer().getByTestId('viewer-zoom')).toHaveText('缩放 100%');
	await desk.page.keyboard.press('+');
	await expect(bo.viewer().getByTestId('viewer-zoom')).toHaveText('缩放 150%');
	await desk.page.keyboard.press('r');
	await expect(bo.viewer().getByTestId('viewer-image')).toHaveAttribute('data-rotation', '90');
	await bo.viewer().getByRole('button', { name: '缩小' }).click();
	await expect(bo.viewer().getByTestId('viewer-zoom')).toHaveText('缩放 100%');
	await bo.viewer().getByLabel('对照材料').selectOption({ label: `${PORTRAIT} (2)` });
	await expect(bo.viewer().getByTestId('viewer-compare')).toHaveAttribute('alt', PORTRAIT);
	await bo.viewer().getByTestId('viewer-image').click();
	await desk.page.keyboard.press('ArrowRight');
	await expect(bo.viewer().getByTestId('viewer-image')).toHaveAttribute('alt', PORTRAIT);
	await desk.page.keyboard.press('Escape');
	await expect(bo.viewer()).toBeHidden();

	// Correction: every deficiency at once, then its notice.
	await desk.page.getByRole('button', { name: '一次性告知补正' }).click();
	await desk.page.getByRole('checkbox', { name: ID_CARD }).check();
	await desk.page.getByPlaceholder('问题').first().fill('身份证复印件模糊');
	await desk.page.getByRole('checkbox', { name: PORTRAIT }).check();
	await desk.page.getByPlaceholder('问题').nth(1).fill('照片背景不是白色');
	await desk.page.getByRole('button', { name: '发出补正通知' }).click();
	await expect(desk.page.getByTestId('case-status')).toHaveText('待补正');
	await expect(desk.page.getByTestId('timeline')).toContainText('一次性告知补正');
	// The decision offers its notice at once; the case keeps it in its list of notices.
	await expect(desk.page.getByTestId('notices').getByRole('link', { name: /补正材料通知书/ })).toBeVisible();
	await desk.page.getByRole('status').getByRole('link', { name: '打开 补正材料通知书' }).click();
	const notice = desk.page.getByTestId('notice-document');
	await expect(notice).toContainText('补正材料通知书');
	await expect(notice).toContainText('身份证复印件模糊');
	await expect(notice).toContainText('照片背景不是白色');
	await expect(notice).toContainText(caseNumber);
	await expect(notice).not.toContainText(idOf('36012119470303002'));
	await desk.context.close();
});

test('supervisor: fast-tracks a case to the top of the queue, and the dashboard shows figures and exports CSV', async ({ page, browser, baseURL }) => {
	await page.goto('/login');
	await login(page, 'agent.chenghu', 'daiban-agent-1');
	await expect(page.getByTestId('sync-status')).toContainText(/上次同步/);
	const caseNumber = await new AgentPage(page).submitSeniorCardCase({ name: '危重老人', idNumber: idOf('36012119400101003'), phone: '13607910001' }, '澄湖村一组');

	const sup = await signedIn(browser, baseURL, 'supervisor', 'daiban-supervisor');
	const bo = new BackofficePage(sup.page);
	await sup.page.goto('/township');
	await sup.page.getByRole('link', { name: caseNumber }).click();
	await sup.page.getByRole('button', { name: '设为绿色通道' }).click();
	await sup.page.getByLabel('绿色通道理由').fill('申请人病危');
	await sup.page.getByRole('button', { name: '确认' }).click();
	await expect(sup.page.getByTestId('fast-track')).toContainText('申请人病危');
	await sup.page.goto('/township');
	await expect(bo.entries().first()).toContainText(caseNumber);
	await expect(bo.entries().first()).toContainText('绿色通道');

	// Dashboard: this month's figures, a chart, and the CSV.
	await sup.page.goto('/supervisor/dashboard');
	await expect(sup.page.getByTestId('figure-received')).toHaveText(/^[1-9]\d*$/);
	await expect(sup.page.getByTestId('dashboard-table')).toContainText('澄湖村');
	await expect(sup.page.getByTestId('dashboard-chart')).toBeVisible();
	await sup.page.setViewportSize({ width: 360, height: 740 });
	// The chart redraws at the new width on its resize observer.
	await expect.poll(() => bo.fitsWidth()).toBe(true);
	const received = Number(await sup.page.getByTestId('figure-received').textContent());
	const [download] = await Promise.all([sup.page.waitForEvent('download'), sup.page.getByRole('button', { name: '导出 CSV' }).click()]);
	expect(download.suggestedFilename()).toMatch(/^dashboard-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
	const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
	const [header, overall] = csv.split(/\r?\n/);
	expect(header).toMatch(/^dimension,key,label,received,accepted,completed,completionRate/);
	expect(overall?.split(',').slice(0, 4)).toEqual(['overall', '', '合计', String(received)]);
	expect(csv).toContain('village,360121100201,澄湖村');
	await sup.context.close();
});
