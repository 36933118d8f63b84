import type { Locator, Page } from '@playwright/test';
import { SetPinPage, TEST_PIN } from './unlock.page';

/**
 * The sign-in form. A stub until the login screen exists: it relies only on the accessible
 * names (Chinese or English) that the form must have.
 */
export class LoginPage {
	readonly username: Locator;
	readonly password: Locator;
	readonly submit: Locator;

	constructor(readonly page: Page) {
		this.username = page.getByLabel(/用户名|Username/);
		this.password = page.getByLabel(/密码|Password/);
		// Anchored: the header's "退出登录" (log out) button also contains 登录.
		this.submit = page.getByRole('button', { name: /^(登录|Log in)$/ });
	}

	/**
	 * Submits the form and waits for the outcome. A field user's first login on a device (or
	 * the first after a lock-out) then asks for a PIN: `setPin` is set there unless it is false.
	 */
	async login(username: string, password: string, { setPin = TEST_PIN }: { setPin?: string | false } = {}): Promise<void> {
		await this.username.fill(username);
		await this.password.fill(password);
		await this.submit.click();
		// Left the login page, or the form shows why not.
		await this.page.waitForFunction(() => location.pathname !== '/login' || document.querySelector('main form [role=alert]') !== null, undefined, {
			timeout: 20_000
		});
		if (setPin === false || new URL(this.page.url()).pathname !== '/set-pin') return;
		await new SetPinPage(this.page).setPin(setPin);
		await this.page.waitForURL((url) => url.pathname !== '/set-pin', { timeout: 20_000 });
	}
}

/** Fills and submits the sign-in form shown on `page` (navigate there first); sets the test PIN if asked. */
export async function login(page: Page, username: string, password: string): Promise<void> {
	await new LoginPage(page).login(username, password);
}
