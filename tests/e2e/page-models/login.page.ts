import type { Locator, Page } from '@playwright/test';

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
		this.submit = page.getByRole('button', { name: /登录|Log in/ });
	}

	async login(username: string, password: string): Promise<void> {
		await this.username.fill(username);
		await this.password.fill(password);
		await this.submit.click();
	}
}

/** Fills and submits the sign-in form shown on `page` (navigate there first). */
export async function login(page: Page, username: string, password: string): Promise<void> {
	await new LoginPage(page).login(username, password);
}
