import type { Page } from '@playwright/test';

/** The township back office: the queue and a case's decisions. */
export class TownshipPage {
	constructor(readonly page: Page) {}

	/**
	 * Finds one case in a status's queue by searching its number: the queue is paged oldest first, and
	 * other specs (a week of offline work among them) fill the shared e2e database with cases.
	 */
	async openFromQueue(status: RegExp, caseNumber: string): Promise<void> {
		await this.page.goto('/township');
		await this.page.getByRole('button', { name: status }).click();
		await this.search(caseNumber);
		await this.page.getByRole('link', { name: caseNumber }).click();
		await this.page.getByTestId('case-number').waitFor();
	}

	/** The queue's search box (case number, name, ID last 4), sent like a clerk would. */
	async search(text: string): Promise<void> {
		await this.page.getByLabel(/^搜索$|^Search$/).fill(text);
		await this.page.getByRole('button', { name: /^查询$|^Search$/ }).click();
		await this.page.waitForURL(/[?&]q=/);
	}

	status() {
		return this.page.getByTestId('case-status');
	}
}
