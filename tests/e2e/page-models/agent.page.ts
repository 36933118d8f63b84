import type { Locator, Page } from '@playwright/test';

/** The village agent's screens: case list, item picker, intake form. */
export class AgentPage {
	readonly pendingCount: Locator;
	readonly caseList: Locator;

	constructor(readonly page: Page) {
		this.pendingCount = page.getByTestId('pending-count');
		this.caseList = page.getByTestId('case-list');
	}

	async startCase(itemName: RegExp | string): Promise<string> {
		await this.page.getByRole('link', { name: /新建办件|New case/ }).click();
		await this.page.getByRole('button', { name: itemName }).first().click();
		const number = this.page.getByTestId('case-number');
		await number.waitFor();
		return (await number.textContent())?.trim() ?? '';
	}

	async fillApplicant(a: { name: string; idNumber: string; phone: string; address?: string }): Promise<void> {
		await this.page.getByLabel(/^姓名|^Name/).fill(a.name);
		await this.page.getByLabel(/公民身份号码|Resident ID number/).fill(a.idNumber);
		await this.page.getByLabel(/手机号码|Mobile number/).fill(a.phone);
		if (a.address) await this.page.getByLabel(/^住址|^Address/).fill(a.address);
	}

	/**
	 * Online: takes a 老年人优待证 case (the demo item with one required field), submits it
	 * and waits until the server has it. Returns the case number.
	 */
	async submitSeniorCardCase(applicant: { name: string; idNumber: string; phone: string }, address: string): Promise<string> {
		const caseNumber = await this.startCase(/老年人优待证办理/);
		await this.fillApplicant(applicant);
		await this.page.getByLabel(/户籍地址/).first().fill(address);
		await this.submit();
		await this.pendingCount.filter({ hasText: '待同步 0 件' }).waitFor({ timeout: 15_000 });
		return caseNumber;
	}

	async submit(): Promise<void> {
		await this.page.getByRole('button', { name: /^提交$|^Submit$/ }).click();
	}
}
