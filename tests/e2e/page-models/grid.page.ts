import type { Locator, Page } from '@playwright/test';

/** The grid worker's deliveries: list, detail, hand-over form, certificate check. */
export class GridPage {
	constructor(readonly page: Page) {}

	delivery(applicantName: string): Locator {
		return this.page.getByTestId('grid-delivery').filter({ hasText: applicantName });
	}

	records(): Locator {
		return this.page.getByTestId('grid-record');
	}

	/** Opens the offline check (from the list or a detail page, or stays on it) and checks one payload. */
	async verify(payloadOrUrl: string): Promise<Locator> {
		if (!new URL(this.page.url()).pathname.endsWith('/grid/verify')) await this.page.getByRole('link', { name: '核验证照' }).first().click();
		await this.page.getByLabel('二维码内容或核验链接').fill(payloadOrUrl);
		await this.page.getByRole('button', { name: '核验', exact: true }).click();
		return this.page.getByTestId('verify-outcome');
	}

	/** Fills the hand-over form: the applicant in person, the ID's last 4, the rating; signature and photo by the caller. */
	async fillHandOver(o: { idLast4: string; rating: string; comment?: string }): Promise<void> {
		await this.page.getByLabel('申请人本人').check();
		await this.page.getByLabel(/身份证号后 4 位/).fill(o.idLast4);
		await this.page.getByLabel(o.rating, { exact: true }).check();
		if (o.comment) await this.page.getByLabel(/评价意见/).fill(o.comment);
	}
}
