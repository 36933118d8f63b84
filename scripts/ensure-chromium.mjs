#!/usr/bin/env node
// Finds a Chromium for Playwright (which cannot download browsers here), installing Debian's
// `chromium` package when we are root on Debian. Prints the path on stdout.
//
//   node scripts/ensure-chromium.mjs               # find, or install with apt as root
//   node scripts/ensure-chromium.mjs --no-install  # find only
//
// Order: $PLAYWRIGHT_CHROMIUM_PATH (must exist if set), /usr/bin/chromium, Playwright's own
// browser (chromium.executablePath()) if one was installed with `npx playwright install`.
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { aptInstall, canAptInstall } from './test/apt.mjs';
import { isExecutable } from './test/util.mjs';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

const HOW_TO_INSTALL = [
	'No Chromium found for Playwright. Install one of:',
	'  - Debian/Ubuntu (as root): apt-get update && apt-get install -y chromium',
	'  - any OS, where downloads work: npx playwright install chromium',
	'  - or point PLAYWRIGHT_CHROMIUM_PATH at an existing Chromium/Chrome binary.'
].join('\n');

/** @returns {Promise<{ path: string, source: string } | null>} */
export async function findChromium(env = process.env) {
	const fromEnv = env.PLAYWRIGHT_CHROMIUM_PATH;
	if (fromEnv) {
		if (isExecutable(fromEnv)) return { path: fromEnv, source: 'PLAYWRIGHT_CHROMIUM_PATH' };
		// Set but wrong is a mistake to report, not something to paper over with another browser.
		throw new Error(`PLAYWRIGHT_CHROMIUM_PATH=${fromEnv} is not an executable file.`);
	}
	if (isExecutable(DEBIAN_CHROMIUM)) return { path: DEBIAN_CHROMIUM, source: 'Debian package' };
	try {
		const { chromium } = await import('@playwright/test');
		const own = chromium.executablePath();
		if (own && isExecutable(own)) return { path: own, source: "Playwright's own download" };
	} catch {
		// @playwright/test not installed or no browser registry: nothing more to try here.
	}
	return null;
}

/**
 * The path of a usable Chromium; installs Debian's `chromium` as root where apt-get exists.
 * Throws with instructions when there is none.
 */
export async function ensureChromium({ env = process.env, install = true } = {}) {
	let found = await findChromium(env);
	if (!found && install && canAptInstall()) {
		aptInstall(['chromium'], 'no Chromium found for Playwright');
		found = await findChromium(env);
	}
	if (!found) throw new Error(HOW_TO_INSTALL);
	const version = spawnSync(found.path, ['--version'], { encoding: 'utf8', timeout: 30_000 });
	if (version.status !== 0) {
		throw new Error(
			`Chromium at ${found.path} does not run (${version.error?.message ?? (version.stderr || '').trim()}).\n${HOW_TO_INSTALL}`
		);
	}
	console.error(`[chromium] ${version.stdout.trim()} at ${found.path} (${found.source})`);
	return found.path;
}

const isMain = process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
	try {
		const path = await ensureChromium({ install: !process.argv.includes('--no-install') });
		console.log(path);
	} catch (error) {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	}
}
