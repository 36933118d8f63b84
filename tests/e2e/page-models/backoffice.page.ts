import type { Browser, Page } from '@playwright/test';
import { login } from './login.page';

/** Opens a fresh browser context signed in as township staff (the back office works online). */
export async function signedIn(browser: Browser, baseURL: string | undefined, username: string, password: string) {
	const context = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
	const page = await context.newPage();
	await page.goto('/login');
	await login(page, username, password);
	await page.waitForURL((url) => !url.pathname.startsWith('/login'));
	return { context, page };
}

/** The back office's queue, case view and photo viewer. */
export class BackofficePage {
	constructor(readonly page: Page) {}

	async searchQueue(text: string): Promise<void> {
		await this.page.getByLabel('搜索').fill(text);
		await this.page.getByRole('button', { name: '查询' }).click();
	}

	entries() {
		return this.page.getByTestId('queue-entry');
	}

	/** Whether the page fits a 360 px phone without sideways scrolling. */
	async fitsWidth(): Promise<boolean> {
		return this.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
	}

	viewer() {
		return this.page.getByTestId('photo-viewer');
	}
}
