import { test, expect, goOffline, agentReadyForOffline } from './support/fixtures';
import type { Page } from '@playwright/test';
import { AgentPage } from './page-models/agent.page';
import { computeResidentIdCheckChar } from '../../src/lib/domain/ids';

const first17 = '36012119650923001';
const applicantId = first17 + computeResidentIdCheckChar(first17);
const ID_CARD = '申请人居民身份证';
const DISK_FULL = '存储空间已满，最近的修改没有保存；之前保存的内容仍在。请联网同步、删除不需要的照片后再试。';

async function agentLoggedIn(page: Page): Promise<AgentPage> {
	await agentReadyForOffline(page);
	return new AgentPage(page);
}

test('a full disk: every failed write is reported, and what was saved survives a reload', async ({ page, context }, testInfo) => {
	test.setTimeout(90_000);
	// The browser's own IndexedDB, made to refuse writes the way a full disk does, once the test says
	// so. A reload starts a new document with the flag off: the disk has room again.
	await page.addInitScript(() => {
		const full = () => (globalThis as { __daibanDiskFull?: boolean }).__daibanDiskFull === true;
		const refuse = <A extends unknown[], R>(original: (this: unknown, ...args: A) => R) =>
			function (this: unknown, ...args: A): R {
				if (full()) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
				return original.apply(this, args);
			};
		IDBObjectStore.prototype.put = refuse(IDBObjectStore.prototype.put);
		IDBObjectStore.prototype.add = refuse(IDBObjectStore.prototype.add);
		IDBCursor.prototype.update = refuse(IDBCursor.prototype.update);
	});
	const agent = await agentLoggedIn(page);
	const photo = testInfo.outputPath('id-card.jpg');
	await agent.makePhotoFile(photo, { width: 2400, height: 1600, type: 'image/jpeg', seed: 3 });
	const second = testInfo.outputPath('id-card-back.jpg');
	await agent.makePhotoFile(second, { width: 2400, height: 1600, type: 'image/jpeg', seed: 5 });
	await goOffline(context);

	const caseNumber = await agent.startCase(/老年人优待证办理/);
	const caseId = agent.caseId();
	await agent.fillApplicant({ name: '陈冬梅', idNumber: applicantId, phone: '13907913344', address: '澄湖村一组5号' });
	await page.getByLabel(/户籍地址/).first().fill('南昌县莲塘镇澄湖村一组5号');
	await agent.attachPhoto(ID_CARD, photo);
	await expect(agent.photoCount(ID_CARD)).toHaveText('照片 1 张', { timeout: 30_000 });
	await expect
		.poll(async () => {
			const c = await agent.storedCase(caseId);
			return c && { address: c.intake.applicant.address, photos: c.intake.materials.flatMap((m) => m.attachmentHashes).length };
		})
		.toEqual({ address: '澄湖村一组5号', photos: 1 });

	// The disk fills up.
	await page.evaluate(() => ((globalThis as { __daibanDiskFull?: boolean }).__daibanDiskFull = true));

	// Autosave fails: said at once, in an alert.
	await page.getByLabel(/^住址/).fill('澄湖村一组7号');
	await expect(page.getByTestId('save-error')).toHaveText(DISK_FULL);
	await expect(page.getByRole('alert').filter({ hasText: DISK_FULL }).first()).toBeVisible();

	// A new photo cannot be stored: said in the material's own alert, and not listed.
	await agent.attachPhoto(ID_CARD, second);
	await expect(agent.material(ID_CARD).getByRole('alert')).toHaveText(DISK_FULL, { timeout: 30_000 });
	await expect(agent.photoCount(ID_CARD)).toHaveText('照片 1 张');

	// Submitting cannot be written either: the case stays a draft, and the agent is told.
	await agent.submit();
	// Autosave's, the photo's and now the submission's alert.
	await expect(page.getByRole('alert').filter({ hasText: DISK_FULL })).toHaveCount(3);
	await expect(agent.pendingCount).toHaveText('待同步 0 件');

	// On the device: the last good state, nothing lost, nothing half-written.
	const stored = await agent.storedCase(caseId);
	expect(stored).toMatchObject({ status: 'draft', intake: { applicant: { name: '陈冬梅', address: '澄湖村一组5号' } } });
	expect(stored?.intake.materials.flatMap((m) => m.attachmentHashes)).toHaveLength(1);

	// After a reload (space again) the draft is as last saved, its photo still shown, and it submits.
	await page.reload();
	await expect(page.getByTestId('case-number')).toHaveText(caseNumber);
	await expect(page.getByLabel(/^姓名/)).toHaveValue('陈冬梅');
	await expect(page.getByLabel(/^住址/)).toHaveValue('澄湖村一组5号');
	await expect(page.getByLabel(/户籍地址/).first()).toHaveValue('南昌县莲塘镇澄湖村一组5号');
	await expect(agent.photoCount(ID_CARD)).toHaveText('照片 1 张');
	await expect.poll(() => agent.material(ID_CARD).getByRole('img').evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
	await expect(page.getByRole('alert')).toHaveCount(0);
	await agent.submit();
	await expect(page.getByRole('status').filter({ hasText: caseNumber })).toBeVisible();
	await expect(agent.pendingCount).toHaveText('待同步 1 件');
});

test('a nearly full device warns on every page and shows its storage on the agent home; persistence is asked once per login', async ({ page }) => {
	// The Storage API of a device with 20 MB of 1000 MB left, whose browser grants persistence.
	await page.addInitScript(() => {
		const MB = 1024 * 1024;
		const proto = StorageManager.prototype as unknown as Record<string, unknown>;
		proto.estimate = async () => ({ usage: 980 * MB, quota: 1000 * MB });
		proto.persisted = async () => false;
		proto.persist = async () => {
			localStorage.setItem('test.persistAsked', String(Number(localStorage.getItem('test.persistAsked') ?? '0') + 1));
			return true;
		};
	});
	const agent = await agentLoggedIn(page);
	const warning = page.getByRole('alert').filter({ hasText: '本机存储空间不足' });
	await expect(warning).toHaveText('本机存储空间不足：只剩 20.0 MB。请尽快联网同步，删除不需要的照片，否则新的办件和照片可能无法保存。');
	const panel = page.getByTestId('storage-panel');
	await expect(panel).toContainText('已用 980 MB，剩余 20.0 MB（共 1000 MB）');
	await expect(panel.getByRole('meter', { name: '存储已用比例' })).toHaveJSProperty('value', 0.98);
	await expect(panel.getByTestId('storage-persisted')).toHaveText('浏览器已同意长期保存本机数据');

	// The warning follows the agent into a case; the panel stays on the home page.
	await agent.startCase(/老年人优待证办理/);
	await expect(warning).toBeVisible();
	await expect(panel).toHaveCount(0);

	// Asked once after this login, however often the app is opened again.
	await page.goto('/agent');
	await page.reload();
	await expect(panel).toContainText('已用 980 MB');
	await expect(panel.getByTestId('storage-persisted')).toBeVisible();
	expect(await page.evaluate(() => localStorage.getItem('test.persistAsked'))).toBe('1');
});
