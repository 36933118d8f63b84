import type { Locator, Page } from '@playwright/test';
import { PDFDocument } from 'pdf-lib';
import { readFile } from 'node:fs/promises';

/** The print page of one case: the intake paperwork (四单一书) drawn as A4 sheets. */
export class PrintPage {
	readonly documents: Locator;
	/** One per printed document (the stub is part of its slip's article). */
	readonly sheets: Locator;
	readonly printButton: Locator;
	readonly qrCodes: Locator;
	readonly draftNotice: Locator;
	readonly caseNumber: Locator;
	/** The main title of each document, in print order (stub titles left out). */
	readonly titles: Locator;

	constructor(readonly page: Page) {
		this.documents = page.getByTestId('print-documents');
		this.sheets = this.documents.locator('article.document');
		this.printButton = this.documents.getByRole('button', { name: /^打印$|^Print$/ });
		// The alt text is the documents' own (always Chinese) wording.
		this.qrCodes = this.documents.getByRole('img', { name: '办件进度查询二维码' });
		this.draftNotice = page.getByTestId('print-draft-notice');
		this.caseNumber = page.getByTestId('print-case-number');
		this.titles = this.sheets.locator(':scope > header h1');
	}

	/** From the case page: the submitted case's link, or the draft's preview button. */
	async openFromCase(): Promise<void> {
		await this.page.getByRole('link', { name: /打印受理文书|Print intake documents/ }).click();
		await this.documents.waitFor();
	}

	async previewFromDraft(): Promise<void> {
		await this.page.getByRole('button', { name: /预览一次性告知单|Preview the one-time notification/ }).click();
		await this.documents.waitFor();
	}

	/** Whether every QR code image has been decoded into pixels (so it will print). */
	async qrCodesRendered(): Promise<boolean> {
		return this.qrCodes.evaluateAll((imgs) => imgs.length > 0 && imgs.every((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0));
	}

	/** Prints to PDF as Chromium would on paper (print media, the page's own A4 size) and counts the pages. */
	async printToPdf(path: string): Promise<{ bytes: Buffer; pageCount: number }> {
		await this.page.pdf({ path, preferCSSPageSize: true, printBackground: true });
		const bytes = await readFile(path);
		const pdf = await PDFDocument.load(bytes);
		return { bytes, pageCount: pdf.getPageCount() };
	}
}
