import type { Locator, Page } from '@playwright/test';

/** The PIN the specs set on every fresh device (a field user's first login asks for one). */
export const TEST_PIN = '246810';

const PIN_LABEL = /^(PIN（6位数字）|PIN \(6 digits\))$/;

/** The set-PIN screen after a field user's first online login (or one after a lock-out). */
export class SetPinPage {
	readonly form: Locator;
	readonly pin: Locator;
	readonly repeat: Locator;
	readonly submit: Locator;
	readonly error: Locator;
	readonly notice: Locator;

	constructor(readonly page: Page) {
		this.form = page.getByTestId('set-pin-form');
		this.pin = this.form.getByLabel(PIN_LABEL);
		this.repeat = this.form.getByLabel(/^(再次输入 PIN|Repeat the PIN)$/);
		this.submit = this.form.getByRole('button', { name: /^(保存 PIN|Save PIN)$/ });
		this.error = this.form.getByRole('alert');
		this.notice = page.locator('main').getByRole('status');
	}

	async setPin(pin = TEST_PIN, repeat = pin): Promise<void> {
		await this.pin.fill(pin);
		await this.repeat.fill(repeat);
		await this.submit.click();
	}
}

/** The unlock screen: PIN entry, tries left, and the lock-out message. */
export class UnlockPage {
	readonly form: Locator;
	readonly pin: Locator;
	readonly submit: Locator;
	readonly error: Locator;
	readonly triesLeft: Locator;
	readonly lockedOut: Locator;
	readonly loginLink: Locator;

	constructor(readonly page: Page) {
		this.form = page.getByTestId('unlock-form');
		this.pin = this.form.getByLabel(PIN_LABEL);
		this.submit = this.form.getByRole('button', { name: /^(解锁|Unlock)$/ });
		this.error = this.form.getByRole('alert');
		this.triesLeft = page.getByTestId('tries-left');
		this.lockedOut = page.getByTestId('locked-out');
		this.loginLink = page.getByRole('link', { name: /^(联网重新登录|Log in online)$/ });
	}

	async unlock(pin = TEST_PIN): Promise<void> {
		await this.pin.fill(pin);
		await this.submit.click();
	}
}
