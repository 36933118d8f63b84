import { test, expect, goOffline, goOnline, agentReadyForOffline } from './support/fixtures';
import { AgentPage } from './page-models/agent.page';
import { PrintPage } from './page-models/print.page';
import { computeResidentIdCheckChar } from '../../src/lib/domain/ids';

const first17 = '36012119820412004';
const applicantId = first17 + computeResidentIdCheckChar(first17);
const ID_CARD = '申请人居民身份证';
const PORTRAIT = '近期免冠彩色证件照';
const MAX_BYTES = 250 * 1024;

/**
 * The intake desk with no network from start to end (issue "Village agent: the whole intake desk
 * works with no network"): 居住证核发 allows a commitment letter in place of the residence proof, so
 * one case exercises photos, the signature pad and the letter. Only the login and the final sync
 * are online.
 */
test('offline: photos, signature, reload, submit and print; online: the case and its photos reach the server', async ({ page, context }, testInfo) => {
	test.setTimeout(150_000);
	const agent = new AgentPage(page);

	await agentReadyForOffline(page);

	// Two real image files, larger than the limits: a 3000×2000 scan (PNG) and a 2000×3000 camera JPEG.
	const scan = testInfo.outputPath('id-card-scan.png');
	const camera = testInfo.outputPath('portrait-camera.jpg');
	expect(await agent.makePhotoFile(scan, { width: 3000, height: 2000, type: 'image/png', seed: 7 })).toBeGreaterThan(MAX_BYTES);
	expect(await agent.makePhotoFile(camera, { width: 2000, height: 3000, type: 'image/jpeg', seed: 11 })).toBeGreaterThan(MAX_BYTES);

	await goOffline(context);
	await expect(page.getByTestId('net-state')).toHaveText('离线');

	// Search by pinyin initials: 居住证核发 → jzzhf.
	await agent.searchItems('jzzhf');
	await page.getByRole('button', { name: /居住证核发/ }).first().click();
	const caseNumber = (await page.getByTestId('case-number').textContent())?.trim() ?? '';
	expect(caseNumber).toMatch(/^360121100201-/);
	const caseId = agent.caseId();

	await agent.fillApplicant({ name: '周玉华', idNumber: applicantId, phone: '13907917788', address: '澄湖村二组8号' });
	await page.getByLabel(/^现居住地址/).fill('南昌县莲塘镇澄湖村二组8号');
	await page.getByLabel(/^来本县居住日期/).fill('2025-02-10');
	await page.getByLabel(/^居住事由/).selectOption('就业');
	await page.getByTestId('material-id_card').check();
	await page.getByTestId('material-photo').check();
	await page.getByLabel('以告知承诺替代').check();

	// Photos of two materials, compressed on the device.
	await agent.attachPhoto(ID_CARD, scan);
	await expect(agent.photoCount(ID_CARD)).toHaveText('照片 1 张', { timeout: 30_000 });
	await agent.attachPhoto(PORTRAIT, camera);
	await expect(agent.photoCount(PORTRAIT)).toHaveText('照片 1 张', { timeout: 30_000 });
	await expect(agent.material(ID_CARD).getByTestId('photo-thumb')).toHaveCount(1);

	// The applicant signs the commitment letter on the pad.
	await agent.drawSignature();
	await expect(page.getByTestId('signature-state')).toHaveText('签名已保存，将印在告知承诺书上');
	await page.getByLabel('网格员送证上门').check();

	// Everything is in IndexedDB before the reload.
	await expect
		.poll(async () => {
			const c = await agent.storedCase(caseId);
			return c && { delivery: c.intake.delivery.method, signed: !!c.intake.signatureHash, photos: c.intake.materials.map((m) => m.attachmentHashes.length).reduce((a, b) => a + b, 0) };
		})
		.toEqual({ delivery: 'grid_delivery', signed: true, photos: 2 });
	const stored = (await agent.storedCase(caseId))!;
	const photoHashes = stored.intake.materials.flatMap((m) => m.attachmentHashes);
	const photos = await agent.storedImages(photoHashes);
	expect(photos).toHaveLength(2);
	for (const p of photos) {
		expect(p.type).toBe('image/jpeg');
		expect(p.size).toBeLessThanOrEqual(MAX_BYTES);
		expect(Math.max(p.width, p.height)).toBeLessThanOrEqual(1600);
		// Not shrunk further than needed: the long side is the full 1600 px unless a retry was needed.
		expect(Math.max(p.width, p.height)).toBeGreaterThanOrEqual(819);
	}
	const [signature] = await agent.storedImages([stored.intake.signatureHash!]);
	expect(signature).toMatchObject({ type: 'image/png', state: 'pending' });

	// An offline reload: the draft comes back whole, photos and signature included.
	await page.reload();
	await expect(page.getByTestId('case-number')).toHaveText(caseNumber);
	await expect(page.getByLabel(/^姓名/)).toHaveValue('周玉华');
	await expect(page.getByLabel(/公民身份号码/)).toHaveValue(applicantId);
	await expect(page.getByLabel(/手机号码/)).toHaveValue('13907917788');
	await expect(page.getByLabel(/^现居住地址/)).toHaveValue('南昌县莲塘镇澄湖村二组8号');
	await expect(page.getByLabel(/^来本县居住日期/)).toHaveValue('2025-02-10');
	await expect(page.getByLabel(/^居住事由/)).toHaveValue('就业');
	await expect(page.getByLabel('以告知承诺替代')).toBeChecked();
	await expect(page.getByLabel('网格员送证上门')).toBeChecked();
	await expect(agent.photoCount(ID_CARD)).toHaveText('照片 1 张');
	await expect(agent.photoCount(PORTRAIT)).toHaveText('照片 1 张');
	const thumbs = page.getByTestId('photo-thumb').getByRole('img');
	await expect(thumbs).toHaveCount(2);
	await expect.poll(() => thumbs.evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).naturalWidth > 0))).toBe(true);
	const savedSignature = page.getByTestId('signature-saved').getByRole('img', { name: '申请人签名' });
	await expect(savedSignature).toBeVisible();
	await expect.poll(() => savedSignature.evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);

	await agent.submit();
	await expect(page.getByRole('status').filter({ hasText: caseNumber })).toBeVisible();
	await expect(agent.pendingCount).toHaveText('待同步 1 件');
	await expect(page.getByTestId('photo-counts')).toContainText(ID_CARD);
	// Two material photos and the applicant's signature wait to be uploaded.
	await expect(page.getByTestId('photo-pending')).toHaveText('3 张待上传');

	// The paperwork, offline: the receipt notice with the case number, the letter with the signature.
	const print = new PrintPage(page);
	await print.openFromCase();
	await expect(print.caseNumber).toHaveText(caseNumber);
	await expect(print.titles).toContainText(['收件通知单', '告知承诺书']);
	await expect(print.sheets.filter({ hasText: '收件通知单' }).first()).toContainText(caseNumber);
	const letter = print.sheets.filter({ has: page.locator('header h1', { hasText: '告知承诺书' }) });
	const printedSignature = letter.getByRole('img', { name: '申请人签名' });
	await expect(printedSignature).toHaveCount(1);
	await expect(printedSignature).toHaveAttribute('src', /^data:image\/png;base64,/);
	await expect.poll(() => printedSignature.evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);

	// A returning applicant, still offline: her ID number on a new case offers what the device knows.
	await page.goto('/agent');
	await agent.startCase(/老年人优待证办理/);
	await page.getByLabel(/公民身份号码/).fill(applicantId);
	const offer = page.getByTestId('returning-applicant');
	await expect(offer).toContainText(caseNumber);
	await expect(offer).toContainText('139****7788');
	await offer.getByRole('button', { name: '填入姓名、电话和住址' }).click();
	await expect(page.getByLabel(/^姓名/)).toHaveValue('周玉华');
	await expect(page.getByLabel(/手机号码/)).toHaveValue('13907917788');
	await expect(page.getByLabel(/^住址/)).toHaveValue('澄湖村二组8号');
	await expect(offer).toHaveCount(0);

	// Back online: the case is pushed, its photos uploaded, and the server serves the same bytes.
	await page.goto(`/agent/cases/${caseId}`);
	await goOnline(context);
	await page.evaluate(() => window.dispatchEvent(new Event('online')));
	await expect(agent.pendingCount).toHaveText('待同步 0 件', { timeout: 20_000 });
	await expect(page.getByTestId('case-sync')).toHaveText('乡镇已接收');
	// The signature travels like a photo, and the township can fetch it for the commitment letter.
	for (const p of [...photos, signature!]) {
		await expect
			.poll(
				() =>
					page.evaluate(
						async ({ hash, id }) => {
							const res = await fetch(`/attachments/${hash}?case=${id}`);
							return { status: res.status, size: (await res.blob()).size };
						},
						{ hash: p.hash, id: caseId }
					),
				{ timeout: 20_000 }
			)
			.toEqual({ status: 200, size: p.size });
	}
	await expect.poll(async () => (await agent.storedImages(photoHashes)).map((p) => p.state)).toEqual(['uploaded', 'uploaded']);
	await expect(page.getByTestId('photo-pending')).toHaveCount(0);
});
