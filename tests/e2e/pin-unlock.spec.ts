import { test, expect, goOffline, goOnline, waitForServiceWorker, LoginPage, SetPinPage, TEST_PIN, UnlockPage } from './support/fixtures';
import type { Page } from '@playwright/test';
import { AgentPage } from './page-models/agent.page';
import { computeResidentIdCheckChar } from '../../src/lib/domain/ids';

// This spec is about the lock screen itself: no automatic unlocking.
test.use({ autoUnlock: false });
test.describe.configure({ timeout: 90_000 });

const first17 = '36012119521104006';
const applicantId = first17 + computeResidentIdCheckChar(first17);
const NEW_PIN = '739205';

/** The device-key record as IndexedDB holds it: what a file browser on a stolen tablet would find. */
function storedDeviceKey(page: Page) {
	return page.evaluate(
		() =>
			new Promise<{ pin: { iterations: number; salt: number; wrapped: number } | null; failedAttempts: number; fields: string[] }>((resolve, reject) => {
				const open = indexedDB.open('daiban');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const get = db.transaction('deviceKeys').objectStore('deviceKeys').get('device');
					get.onsuccess = () => {
						const r = get.result as { pin: { iterations: number; salt: Uint8Array; wrapped: Uint8Array } | null; failedAttempts: number };
						db.close();
						resolve({
							pin: r.pin && { iterations: r.pin.iterations, salt: r.pin.salt.length, wrapped: r.pin.wrapped.length },
							failedAttempts: r.failedAttempts,
							fields: Object.keys(r).sort()
						});
					};
					get.onerror = () => reject(get.error);
				};
			})
	);
}

test('offline PIN unlock; five wrong PINs lock out until an online login, which keeps the data', async ({ page, context }) => {
	// First login (online) on a fresh device: a PIN must be set, and a weak or mistyped one is refused.
	await page.goto('/login');
	await new LoginPage(page).login('agent.chenghu', 'daiban-agent-1', { setPin: false });
	await expect(page).toHaveURL(/\/set-pin$/);
	const setPin = new SetPinPage(page);
	await setPin.setPin('123456');
	await expect(setPin.error).toHaveText(/PIN 太简单/);
	await setPin.setPin(TEST_PIN, '246801');
	await expect(setPin.error).toHaveText('两次输入的 PIN 不一致');
	await setPin.setPin(TEST_PIN);
	await expect(page).toHaveURL(/\/agent$/);
	await expect(page.getByTestId('sync-status')).toContainText(/上次同步/);
	// Only wrapped key material is stored: salt, iteration count, the wrapped key (32 bytes + GCM tag).
	expect(await storedDeviceKey(page)).toEqual({
		pin: { iterations: 600_000, salt: 16, wrapped: 48 },
		failedAttempts: 0,
		fields: ['check', 'createdAt', 'failedAttempts', 'id', 'keyId', 'pin', 'pinSetAt', 'recovery', 'userId']
	});
	await waitForServiceWorker(page);

	// Offline, a reload finds the device locked: no case list until the PIN.
	await goOffline(context);
	await page.reload();
	await expect(page).toHaveURL(/\/unlock$/);
	const unlock = new UnlockPage(page);
	await expect(unlock.triesLeft).toHaveText('还可尝试 5 次');
	await expect(page.getByTestId('case-list')).toHaveCount(0);
	await unlock.unlock('135790');
	await expect(unlock.error).toHaveText('PIN 不正确，还可尝试 4 次');
	await unlock.unlock(TEST_PIN);
	await expect(page).toHaveURL(/\/agent$/);
	await expect(page.getByRole('heading', { name: '我的办件' })).toBeVisible();

	// Take a draft offline, back to the list by the app's own links (a reload would lock again).
	const agent = new AgentPage(page);
	const caseNumber = await agent.startCase(/老年人优待证办理/);
	await agent.fillApplicant({ name: '赵秀英', idNumber: applicantId, phone: '13907916789' });
	await expect.poll(async () => (await agent.storedCase(agent.caseId()))?.intake.applicant.name).toBe('赵秀英');
	await page.getByRole('link', { name: '代办', exact: true }).click();
	await expect(agent.caseList).toContainText(caseNumber);

	// "Lock now" in the header; then five wrong PINs lock the device out.
	await page.getByRole('button', { name: '立即锁定本机' }).click();
	await expect(page).toHaveURL(/\/unlock$/);
	await expect(agent.caseList).toHaveCount(0);
	for (const remaining of [4, 3, 2, 1]) {
		await unlock.unlock('135790');
		await expect(unlock.error).toHaveText(`PIN 不正确，还可尝试 ${remaining} 次`);
	}
	await unlock.unlock('135790');
	await expect(unlock.lockedOut).toContainText('请联网后重新登录');
	await expect(unlock.form).toHaveCount(0);
	// The PIN's wrap is gone: even the right PIN could not open the key now.
	expect((await storedDeviceKey(page)).pin).toBeNull();
	// Still locked out after a reload.
	await page.reload();
	await expect(unlock.lockedOut).toBeVisible();

	// Online again: the login re-wraps the same key under a new PIN; the draft is still there.
	await goOnline(context);
	await unlock.loginLink.click();
	await expect(page).toHaveURL(/\/login$/);
	await new LoginPage(page).login('agent.chenghu', 'daiban-agent-1', { setPin: false });
	await expect(page).toHaveURL(/\/set-pin$/);
	await expect(setPin.notice).toContainText('本机上的数据保留不变');
	await setPin.setPin(NEW_PIN);
	await expect(page).toHaveURL(/\/agent$/);
	await expect(agent.caseList).toContainText(caseNumber);
	await agent.caseList.getByText(caseNumber).click();
	await expect(page.getByLabel(/^姓名/)).toHaveValue('赵秀英');

	// The old PIN is dead, the new one opens the device.
	await goOffline(context);
	await page.reload();
	await unlock.unlock(TEST_PIN);
	await expect(unlock.error).toHaveText('PIN 不正确，还可尝试 4 次');
	await unlock.unlock(NEW_PIN);
	await expect(page.getByLabel(/^姓名/)).toHaveValue('赵秀英');
});

test('a field device left alone for 15 minutes locks itself and comes back to the same page', async ({ page }) => {
	await page.clock.install();
	await page.goto('/login');
	await new LoginPage(page).login('agent.chenghu', 'daiban-agent-1');
	await expect(page).toHaveURL(/\/agent$/);

	await page.clock.fastForward('14:00');
	await page.getByRole('link', { name: /新建办件/ }).click();
	await expect(page).toHaveURL(/\/agent\/new$/);
	// The click was activity: another 14 minutes are still fine.
	await page.clock.fastForward('14:00');
	await expect(page).toHaveURL(/\/agent\/new$/);
	await page.clock.fastForward('01:30');
	await expect(page).toHaveURL(/\/unlock$/);
	await expect(page.getByText('超过 15 分钟未操作，已自动锁定')).toBeVisible();
	await new UnlockPage(page).unlock(TEST_PIN);
	await expect(page).toHaveURL(/\/agent\/new$/);
});

test('each tab unlocks itself, and locking one tab locks the others', async ({ page, context }) => {
	await page.goto('/login');
	await new LoginPage(page).login('agent.chenghu', 'daiban-agent-1');
	await expect(page).toHaveURL(/\/agent$/);

	// The key never leaves the tab that unwrapped it: a second tab asks for the PIN too.
	const other = await context.newPage();
	await other.goto('/agent');
	await expect(other).toHaveURL(/\/unlock$/);
	await new UnlockPage(other).unlock(TEST_PIN);
	await expect(other).toHaveURL(/\/agent$/);

	await page.getByRole('button', { name: '立即锁定本机' }).click();
	await expect(page).toHaveURL(/\/unlock$/);
	await expect(other).toHaveURL(/\/unlock$/);
	await other.close();
});
