import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIRequestContext, Browser } from '@playwright/test';
import { test, expect, login, goOffline, goOnline, waitForServiceWorker } from './support/fixtures';
import { AgentPage } from './page-models/agent.page';
import { GridPage } from './page-models/grid.page';
import { TownshipPage } from './page-models/township.page';
import { computeResidentIdCheckChar } from '../../src/lib/domain/ids';
import { seedCatalog } from '../../src/lib/domain/catalog/seed';
import { certificateVerifyUrl } from '../../src/lib/domain/certificates';

const first17 = '36012119450312006';
const applicantId = first17 + computeResidentIdCheckChar(first17);
const SENIOR_CARD = seedCatalog.items.find((i) => i.code === 'WJ-LNYD-001')!;

test.describe.configure({ timeout: 150_000 });

/** A township user's browser context, logged in through the real form. */
async function township(browser: Browser, baseURL: string | undefined, username: string, password: string) {
	const context = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
	const page = await context.newPage();
	await page.goto('/login');
	await login(page, username, password);
	await page.waitForURL(/\/township$/);
	return { context, page };
}

/** A township mutation through the app's own tRPC endpoint, with that user's session cookie. */
async function mutate<T>(request: APIRequestContext, path: string, input: Record<string, unknown>): Promise<T> {
	const res = await request.post(`/trpc/${path}`, { data: input });
	expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
	return ((await res.json()) as { result: { data: T } }).result.data;
}
const act = (request: APIRequestContext, caseId: string, event: Record<string, unknown>) => mutate(request, 'case.act', { caseId, event });

test('a grid worker delivers offline with signature, photo and rating; the township sees the case completed with the proof', async ({ page, context, browser, baseURL }) => {
	// A village agent submits a senior card case (online; the offline intake has its own spec).
	const agentContext = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
	const agentPage = await agentContext.newPage();
	await agentPage.goto('/login');
	await login(agentPage, 'agent.chenghu', 'daiban-agent-1');
	await expect(agentPage.getByTestId('sync-status')).toContainText(/上次同步/);
	const caseNumber = await new AgentPage(agentPage).submitSeniorCardCase({ name: '周桂英', idNumber: applicantId, phone: '13907912345' }, '南昌县莲塘镇澄湖村三组 12 号');
	await agentContext.close();

	// The grid worker's phone (360 px wide): first login online, home is /grid, ready to work offline.
	await page.setViewportSize({ width: 360, height: 780 });
	await page.goto('/login');
	await login(page, 'grid.chenghu', 'daiban-grid-1');
	await expect(page).toHaveURL(/\/grid$/);
	await waitForServiceWorker(page);
	const me = await (await page.request.get('/trpc/auth.me')).json();
	const gridWorkerId: string = me.result.data.user.id;

	// The township: accepted, approved in two steps, certificate issued and assigned to him.
	const desk = await township(browser, baseURL, 'intake', 'daiban-intake');
	await new TownshipPage(desk.page).openFromQueue(/^已接收$/, caseNumber);
	const caseId = new URL(desk.page.url()).pathname.split('/').pop()!;
	await act(desk.context.request, caseId, { type: 'accept' });
	await act(desk.context.request, caseId, { type: 'start_review' });
	await desk.context.close();
	const approver = await township(browser, baseURL, 'approver.renshe', 'daiban-approver-rs');
	for (const step of SENIOR_CARD.approvalChain) await act(approver.context.request, caseId, { type: 'approve_step', itemCode: SENIOR_CARD.code, stepId: step.id });
	await approver.context.close();
	const issuer = await township(browser, baseURL, 'issuer', 'daiban-issuer');
	// The certificate window signs the certificate (its QR payload) and hands it to the grid worker.
	const issued = await mutate<{ certificateNumber: string; payload: string }>(issuer.context.request, 'certificates.issue', { caseId });
	const certificateNumber = issued.certificateNumber;
	await mutate(issuer.context.request, 'certificates.assignDelivery', { caseId, method: 'grid_delivery', gridWorkerId });

	// His device syncs: the delivery is there, grouped under his village and grid, ID masked.
	const grid = new GridPage(page);
	await page.getByRole('button', { name: '立即同步' }).click();
	await expect(grid.delivery('周桂英')).toBeVisible({ timeout: 20_000 });
	await expect(grid.delivery('周桂英')).toContainText(certificateNumber);
	await expect(grid.delivery('周桂英')).toContainText('南昌县莲塘镇澄湖村三组 12 号');

	// No signal from here on.
	await goOffline(context);
	await expect(page.getByTestId('net-state')).toHaveText('离线');
	// The certificate in hand is checked offline against the township's key cached at sync: the
	// scanned check URL verifies; one changed character of the signature does not.
	const valid = await grid.verify(certificateVerifyUrl(baseURL ?? 'http://127.0.0.1', issued.payload));
	await expect(valid).toHaveAttribute('data-status', 'valid');
	await expect(valid).toContainText(certificateNumber);
	await expect(valid).toContainText('与本送证任务的证照编号一致。');
	const [body, signature] = issued.payload.split('.') as [string, string];
	const tampered = await grid.verify(`${body}.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`);
	await expect(tampered).toHaveAttribute('data-status', 'tampered');
	await page.getByRole('link', { name: '返回送证列表' }).click();
	await grid.delivery('周桂英').click();
	await expect(page.getByTestId('grid-masked-id')).toHaveText(`3601**********${applicantId.slice(-4)}`);
	await expect(page.getByRole('link', { name: /拨打 13907912345/ })).toHaveAttribute('href', 'tel:13907912345');

	// The hand-over: the applicant in person, ID last 4 checked, signature, photo, rating.
	await page.getByRole('link', { name: '登记送达' }).click();
	await grid.fillHandOver({ idLast4: '0000', rating: '满意' });
	await expect(page.getByText('后 4 位与申请人身份证号不一致，请核对。')).toBeVisible();
	await grid.fillHandOver({ idLast4: applicantId.slice(-4), rating: '满意', comment: '送到家门口，很方便' });
	await new AgentPage(page).drawSignature();
	await expect(page.getByTestId('signature-state')).toHaveText('领取人签名已保存在本机');
	const dir = await mkdtemp(join(tmpdir(), 'daiban-grid-'));
	try {
		const photo = join(dir, 'handover.jpg');
		await new AgentPage(page).makePhotoFile(photo, { width: 1200, height: 900, type: 'image/jpeg', seed: 21 });
		await page.getByLabel('交接现场照片').setInputFiles(photo);
		// The browser reads the file lazily: keep it until the photo is stored.
		await expect(page.getByText('照片已保存在本机')).toBeVisible({ timeout: 15_000 });
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
	// Nothing wider than the phone's screen.
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	await page.getByRole('button', { name: '保存登记' }).click();
	await expect(page.getByText('已送达，待同步')).toBeVisible();
	await expect(grid.records().first()).toHaveAttribute('data-state', 'pending');

	// Reload with no network: the record is still there (unlock with the PIN is automatic).
	await page.reload();
	await expect(page.getByText('已送达，待同步')).toBeVisible({ timeout: 20_000 });
	await expect(grid.records().first()).toHaveAttribute('data-state', 'pending');
	await expect(grid.records().first()).toContainText('满意');

	// Back online: it syncs; the delivery leaves his list and the record is confirmed.
	await goOnline(context);
	await page.getByRole('button', { name: '立即同步' }).click();
	await expect(page.getByTestId('pending-count')).toHaveText('待同步 0 件', { timeout: 30_000 });
	await expect(grid.records().first()).toHaveAttribute('data-state', 'synced', { timeout: 15_000 });
	await page.getByRole('link', { name: '返回送证列表' }).click();
	await expect(grid.delivery('周桂英')).toHaveCount(0);

	// The township sees the case completed, with the recipient, the proof images and the rating.
	await issuer.page.goto(`/township/cases/${caseId}`);
	await expect(new TownshipPage(issuer.page).status()).toHaveText('已办结');
	const proof = issuer.page.getByTestId('delivery-proof');
	await expect(proof.getByTestId('proof-recipient')).toContainText('周桂英（本人）');
	await expect(proof.getByTestId('proof-rating')).toContainText('满意 · 送到家门口，很方便');
	const images = proof.getByTestId('proof-image');
	await expect(images).toHaveCount(2);
	// Both proofs reached the server byte for byte: the browser decoded them.
	// Photos upload after the hand-over's mutation; on a slow round they may still be on their way, so
	// the page is looked at again (bounded) until the server serves both.
	await expect
		.poll(
			async () => {
				const decoded = await images.evaluateAll((imgs) => imgs.length === 2 && imgs.every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0));
				if (!decoded) await issuer.page.reload();
				return decoded;
			},
			{ timeout: 60_000, intervals: [2_000, 5_000] }
		)
		.toBe(true);
	await issuer.context.close();

	// The rating counts in the supervisor's dashboard: this run's only rating, given on the doorstep.
	const supervisor = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
	const sup = await supervisor.newPage();
	await sup.goto('/login');
	await login(sup, 'supervisor', 'daiban-supervisor');
	await sup.waitForURL(/\/supervisor$/);
	await sup.goto('/supervisor/dashboard');
	await expect(sup.getByTestId('figure-satisfactionRate')).toHaveText(/^\d+\.\d%$/);
	await expect(sup.getByTestId('figure-completed')).not.toHaveText('0');
	await supervisor.close();
});
