import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import { test, expect, enableTestInspector, goOffline, goOnline, login, TEST_PIN, UnlockPage, waitForServiceWorker } from './support/fixtures';
import { AgentPage } from './page-models/agent.page';
import config from '../../playwright.config';
import { computeResidentIdCheckChar } from '../../src/lib/domain/ids';

/**
 * A stolen tablet, read with a file browser (issue "Trust", device at rest): after a day's work
 * the browser's whole profile directory (IndexedDB's LevelDB files and blob files, caches, session
 * files, everything) holds no applicant name, ID number, phone, address or photo byte. A control
 * assertion shows the scan does see what is stored in clear (the case number, the agent's own
 * name), so the test can fail. (Chromium compresses large IndexedDB values with Snappy, so the
 * control is a small record, like the sealed ones.)
 */

const NAME = '测试甄宓';
const first17 = '36012119580723009';
const ID_NUMBER = first17 + computeResidentIdCheckChar(first17);
const PHONE = '13979150826';
const ADDRESS = '澄湖村七组甄家巷21号';
const HOUSEHOLD = '南昌县莲塘镇澄湖村七组甄家巷21号';
const ITEM_NAME = '老年人优待证办理';
const PROBLEM_NOTE = '甄家老人户籍迁入手续未办完，无法受理优待证';
/** The demo agent's display name (server/src/seed/demo-county.ts), kept in clear for the lock screen. */
const AGENT_NAME = '李秀英（澄湖村代办员）';

const chromiumUse = config.projects?.find((p) => p.name === 'chromium')?.use;

async function* filesUnder(dir: string, depth = 0): AsyncGenerator<string> {
	if (depth > 12) return;
	for (const entry of await readdir(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) yield* filesUnder(path, depth + 1);
		else if (entry.isFile()) yield path;
	}
}

/** Which of the needles occur in which files of the profile (needles by label). */
async function scanProfile(dir: string, needles: Record<string, Buffer>): Promise<Record<string, string[]>> {
	const found: Record<string, string[]> = Object.fromEntries(Object.keys(needles).map((k) => [k, []]));
	let files = 0;
	for await (const path of filesUnder(dir)) {
		// Bounded: a fresh profile has a few hundred files.
		if (++files > 20_000) throw new Error('more files in the profile than expected');
		if ((await stat(path)).size > 200 * 1024 * 1024) continue;
		const bytes = await readFile(path);
		for (const [label, needle] of Object.entries(needles)) if (bytes.includes(needle)) found[label]!.push(path.slice(dir.length));
	}
	return found;
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const utf16 = (s: string) => Buffer.from(s, 'utf16le');

test('a stolen tablet shows nothing: no name, ID number, phone, address, note or photo bytes anywhere in the browser profile', async ({ baseURL }, testInfo) => {
	test.setTimeout(180_000);
	const profile = await mkdtemp(join(tmpdir(), 'daiban-stolen-'));
	let context: BrowserContext | undefined;
	try {
		context = await chromium.launchPersistentContext(profile, {
			...chromiumUse?.launchOptions,
			baseURL,
			locale: 'zh-CN',
			timezoneId: 'Asia/Shanghai',
			serviceWorkers: 'allow',
			viewport: { width: 1280, height: 900 }
		});
		const page = context.pages()[0] ?? (await context.newPage());
		await page.addInitScript(enableTestInspector);
		// The key is in memory only: a reload locks, and the PIN unlocks (as the fixtures' pages do).
		const unlock = new UnlockPage(page);
		await page.addLocatorHandler(unlock.form, () => unlock.unlock(TEST_PIN));
		const agent = new AgentPage(page);

		await page.goto('/login');
		await login(page, 'agent.chenghu', 'daiban-agent-1');
		await expect(page).toHaveURL(/\/agent$/);
		// The worker serves the app's lazy chunks (photo compression) offline.
		await waitForServiceWorker(page);
		await expect(page.getByTestId('sync-status')).toContainText(/上次同步/);

		// A small camera JPEG: stored as it is (no re-encoding), so its very bytes are what to look for.
		const photoPath = testInfo.outputPath('id-card.jpg');
		await agent.makePhotoFile(photoPath, { width: 480, height: 320, type: 'image/jpeg', seed: 23 });
		const photo = await readFile(photoPath);
		expect(photo.length).toBeLessThan(250 * 1024);

		// The intake, offline: it stays on the device (outbox, photo pending) until it is sent.
		await goOffline(context);
		const caseNumber = await agent.startCase(new RegExp(ITEM_NAME));
		const caseId = agent.caseId();
		await agent.fillApplicant({ name: NAME, idNumber: ID_NUMBER, phone: PHONE, address: ADDRESS });
		await page.getByLabel(/户籍地址/).first().fill(HOUSEHOLD);
		await agent.attachPhoto('申请人居民身份证', photoPath);
		await expect(agent.photoCount('申请人居民身份证')).toHaveText('照片 1 张', { timeout: 30_000 });
		await agent.waitForDraftSaved();
		await agent.submit();
		await expect(page.getByRole('status').filter({ hasText: caseNumber })).toBeVisible();
		await expect(agent.pendingCount).toHaveText('待同步 1 件');

		// A problem report whose note names the applicant (free text an agent may well write).
		await page.goto('/agent');
		await page.getByRole('link', { name: '办不成事反映' }).click();
		await page.getByLabel('类别').selectOption({ label: '其他' });
		await page.getByLabel('情况说明').fill(PROBLEM_NOTE);
		await page.getByRole('button', { name: '提交反映' }).click();
		await expect(page.getByTestId('problem-list').locator('li', { hasText: PROBLEM_NOTE })).toBeVisible();
		await expect(agent.pendingCount).toHaveText('待同步 2 件');

		// The app itself still reads it all (through the key in memory), and the photo is stored unchanged.
		const stored = await agent.storedCase(caseId);
		expect(stored?.intake.applicant).toMatchObject({ name: NAME, idNumber: ID_NUMBER, phone: PHONE });
		const hashes = stored!.intake.materials.flatMap((m) => m.attachmentHashes);
		const [image] = await agent.storedImages(hashes);
		expect(image?.size).toBe(photo.length);

		// Search by name and by pinyin initials still finds it (blind tokens), offline.
		await page.goto('/agent');
		await page.getByLabel('搜索办件').fill('甄宓');
		await expect(agent.caseRow(caseNumber)).toBeVisible();
		await page.getByLabel('搜索办件').fill('cszm');
		await expect(agent.caseRow(caseNumber)).toBeVisible();

		// Back online: pushed, photo uploaded, and the village's cases pulled back in (sealed too).
		await goOnline(context);
		await page.evaluate(() => window.dispatchEvent(new Event('online')));
		await expect(agent.pendingCount).toHaveText('待同步 0 件', { timeout: 30_000 });
		// The report came back from the server with the pull, and is listed (opened) again.
		await page.getByRole('link', { name: '办不成事反映' }).click();
		await expect(page.getByTestId('problem-list').locator('li', { hasText: PROBLEM_NOTE }).getByTestId('problem-sync')).toHaveText('乡镇已接收');

		// The agent locks the tablet and the browser closes: then it is stolen.
		await page.removeLocatorHandler(unlock.form);
		await page.getByRole('button', { name: /锁定/ }).first().click();
		await expect(page).toHaveURL(/\/unlock/);
		await context.close();
		context = undefined;

		const needles: Record<string, Buffer> = {
			'name (UTF-8)': utf8(NAME),
			'name (UTF-16LE)': utf16(NAME),
			'given name (UTF-16LE)': utf16('甄宓'),
			'ID number': utf8(ID_NUMBER),
			'ID number (UTF-16LE)': utf16(ID_NUMBER),
			phone: utf8(PHONE),
			'phone (UTF-16LE)': utf16(PHONE),
			'address (UTF-8)': utf8(ADDRESS),
			'address (UTF-16LE)': utf16(ADDRESS),
			'problem note (UTF-8)': utf8(PROBLEM_NOTE),
			'problem note (UTF-16LE)': utf16(PROBLEM_NOTE)
		};
		// Slices of the photo from its header, middle and end.
		for (const at of [0, Math.floor(photo.length / 3), Math.floor(photo.length / 2), photo.length - 64]) {
			needles[`photo bytes at ${at}`] = photo.subarray(at, at + 32);
		}
		// Controls, small records in clear: the case number, and the agent's own name in the session record.
		const control = { 'case number': utf8(caseNumber), "agent's name (UTF-16LE)": utf16(AGENT_NAME) };
		const found = await scanProfile(profile, { ...needles, ...control });

		// The scan sees what is kept in clear…
		expect(found['case number']!.length, 'the case number is stored in clear').toBeGreaterThan(0);
		expect(found["agent's name (UTF-16LE)"]!.length, 'the session record is stored in clear').toBeGreaterThan(0);
		// …and none of the personal data.
		const leaks = Object.fromEntries(Object.keys(needles).map((k) => [k, found[k]]));
		expect(leaks).toEqual(Object.fromEntries(Object.keys(needles).map((k) => [k, []])));
	} finally {
		await context?.close();
		await rm(profile, { recursive: true, force: true });
	}
});
