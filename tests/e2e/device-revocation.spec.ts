import { test, expect, agentReadyForOffline, login } from './support/fixtures';
import { AgentPage } from './page-models/agent.page';
import type { Page } from '@playwright/test';
import { computeResidentIdCheckChar } from '../../src/lib/domain/ids';

const first17 = '36012119450607002';
const applicantId = first17 + computeResidentIdCheckChar(first17);

/** Every row of every object store in the device's IndexedDB databases, by database and store. */
async function localData(page: Page): Promise<Record<string, number>> {
	return page.evaluate(async () => {
		const counts: Record<string, number> = {};
		for (const info of await indexedDB.databases()) {
			if (!info.name) continue;
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const open = indexedDB.open(info.name!);
				open.onsuccess = () => resolve(open.result);
				open.onerror = () => reject(open.error);
			});
			for (const store of Array.from(db.objectStoreNames)) {
				counts[`${info.name}.${store}`] = await new Promise<number>((resolve, reject) => {
					const req = db.transaction(store).objectStore(store).count();
					req.onsuccess = () => resolve(req.result);
					req.onerror = () => reject(req.error);
				});
			}
			db.close();
		}
		return counts;
	});
}

/**
 * A lost tablet (issue #6, "Devices"): the county IT admin revokes it on the admin screen; the next
 * time the tablet reaches the server it is refused with DEVICE_REVOKED and deletes everything
 * personal it holds, and the login page says why.
 */
test('a revoked device wipes its local data the next time it syncs', async ({ page, browser }) => {
	test.setTimeout(120_000);
	const agent = new AgentPage(page);
	await agentReadyForOffline(page);

	// A draft with an applicant's personal data, saved on the device only.
	await agent.startCase(/老年人优待证办理/);
	await agent.fillApplicant({ name: '吴桂兰', idNumber: applicantId, phone: '13907910001' });
	await agent.waitForDraftSaved();
	const before = await localData(page);
	expect(before['daiban.cases']).toBeGreaterThan(0);
	expect(before['daiban.session']).toBe(1);
	const deviceId = await page.evaluate(
		() =>
			new Promise<string>((resolve, reject) => {
				const open = indexedDB.open('daiban');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const get = open.result.transaction('session').objectStore('session').get('current');
					get.onsuccess = () => {
						resolve((get.result as { deviceId: string }).deviceId);
						open.result.close();
					};
				};
			})
	);

	// The IT admin, in another browser, revokes exactly this device.
	const adminContext = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
	try {
		const admin = await adminContext.newPage();
		await admin.goto('/login');
		await login(admin, 'admin', 'daiban-admin');
		await expect(admin).toHaveURL(/\/admin$/);
		const row = admin.locator(`[data-testid="device-row"][data-device-id="${deviceId}"]`);
		await expect(row).toContainText('agent.chenghu');
		await row.getByRole('button', { name: '停用设备' }).click();
		await row.getByLabel('停用原因').fill('平板在公交车上遗失');
		await row.getByRole('button', { name: '停用设备' }).click();
		await expect(row).toContainText('已停用');
	} finally {
		await adminContext.close();
	}

	// The tablet syncs: the server refuses it, and it wipes itself.
	await page.getByRole('button', { name: '立即同步' }).click();
	await expect(page).toHaveURL(/\/login$/, { timeout: 20_000 });
	await expect(page.getByTestId('device-wiped')).toContainText('本地数据已全部清除');
	const after = await localData(page);
	expect(Object.entries(after).filter(([, n]) => n > 0), 'rows left in IndexedDB').toEqual([]);
	const cacheNames: string[] = await page.evaluate(() => caches.keys());
	expect(cacheNames.filter((name) => !name.startsWith('workbox-precache')), 'caches left').toEqual([]);
});
