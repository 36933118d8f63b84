import type { Page } from '@playwright/test';

/** The township back office: the queue and a case's decisions. */
export class TownshipPage {
	constructor(readonly page: Page) {}

	async openFromQueue(status: RegExp, caseNumber: string): Promise<void> {
		await this.page.goto('/township');
		await this.page.getByRole('button', { name: status }).click();
		await this.page.getByRole('link', { name: caseNumber }).click();
		await this.page.getByTestId('case-number').waitFor();
	}

	status() {
		return this.page.getByTestId('case-status');
	}
}
