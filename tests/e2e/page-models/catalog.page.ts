import type { Locator, Page } from '@playwright/test';

/** The supervisor's catalog screens: the item list with search and files, and the item editor. */
export class CatalogPage {
	readonly search: Locator;
	readonly department: Locator;
	readonly items: Locator;
	readonly version: Locator;
	readonly saveStatus: Locator;
	readonly baseVersion: Locator;
	readonly errorSummary: Locator;
	readonly importErrors: Locator;

	constructor(readonly page: Page) {
		this.search = page.getByLabel(/搜索事项|Search items/);
		this.department = page.getByLabel(/^主管部门$|^Department$/).first();
		this.items = page.getByTestId('catalog-items');
		this.version = page.getByTestId('catalog-version');
		this.saveStatus = page.getByTestId('save-status');
		this.baseVersion = page.getByTestId('base-version');
		this.errorSummary = page.getByTestId('error-summary');
		this.importErrors = page.getByTestId('import-errors');
	}

	async open(): Promise<void> {
		await this.page.goto('/supervisor/catalog');
		await this.items.waitFor();
	}

	/** The catalog version the list page shows, as a number. */
	async currentVersion(): Promise<number> {
		const text = (await this.version.textContent()) ?? '';
		const m = text.match(/(?:版本|version)\s*(\d+)/);
		if (!m?.[1]) throw new Error(`no version in "${text}"`);
		return Number(m[1]);
	}

	async openItem(name: RegExp | string): Promise<void> {
		await this.items.getByRole('link', { name }).first().click();
		await this.baseVersion.waitFor();
	}

	field(label: RegExp | string): Locator {
		return this.page.getByLabel(label);
	}

	/** The problems shown next to a field: the element its aria-describedby names (`<field id>-err`). */
	async errorOf(field: Locator): Promise<Locator> {
		const id = await field.getAttribute('id');
		if (!id) throw new Error('the field has no id');
		return this.page.locator(`#${id}-err`);
	}

	async save(): Promise<void> {
		await this.page.getByRole('button', { name: /保存并发布|Save and publish/ }).click();
	}

	async importFile(name: string, mimeType: string, content: string | Buffer): Promise<void> {
		await this.page.getByLabel(/选择事项清单文件|Item list file/).setInputFiles({ name, mimeType, buffer: Buffer.from(content) });
		await this.page.getByRole('button', { name: /^导入$|^Import$/ }).click();
	}
}
