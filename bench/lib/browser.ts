import { existsSync } from 'node:fs';

/** The same Chromium and flags the e2e suite uses (playwright.config.ts). */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-dev-shm-usage',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic'
];

export function chromiumPath(): string {
	const path = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';
	if (!existsSync(path)) throw new Error(`no Chromium at ${path} (set PLAYWRIGHT_CHROMIUM_PATH)`);
	return path;
}
