import type { Download, Page } from '@playwright/test';

/** The township's certificate window (综合出证): queue, issued list, printing and delivery. */
export class CertificatesPage {
	constructor(readonly page: Page) {}

	async open(): Promise<void> {
		await this.page.goto('/township');
		await this.page.getByTestId('nav-certificates').click();
		await this.page.getByRole('heading', { name: '综合出证窗口' }).waitFor();
	}

	queueEntry(caseNumber: string) {
		return this.page.getByTestId('cert-queue').locator(`li[data-case-number="${caseNumber}"]`);
	}

	issued(caseNumber: string) {
		return this.page.locator(`[data-testid="issued-certificate"][data-case-number="${caseNumber}"]`);
	}

	async issue(caseNumber: string): Promise<void> {
		await this.queueEntry(caseNumber).getByRole('button', { name: '出证' }).click();
		await this.issued(caseNumber).waitFor();
	}

	/** Clicks "print" and returns the PDF the browser downloads. */
	async print(caseNumber: string): Promise<Download> {
		const download = this.page.waitForEvent('download');
		await this.issued(caseNumber).getByTestId('print-certificate').click();
		return download;
	}
}
