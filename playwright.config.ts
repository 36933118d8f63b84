import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, devices } from '@playwright/test';

// `npm test` (scripts/test.mjs) sets E2E_PORT to a free port, E2E_DATA_DIR to a fresh directory
// it deletes afterwards, PLAYWRIGHT_CHROMIUM_PATH and DAIBAN_E2E_REPORT. Run directly
// (`npx playwright test`) the port is 4319 and the data dir .tmp/e2e-data-<port>, emptied first.
const port = Number(process.env.E2E_PORT || 4319);
const baseURL = `http://127.0.0.1:${port}`;
// This file is loaded again in every worker: choose the data dir once, in the runner, so all agree.
if (!process.env.E2E_DATA_DIR) {
	const dataDir = fileURLToPath(new URL(`.tmp/e2e-data-${port}`, import.meta.url));
	rmSync(dataDir, { recursive: true, force: true });
	mkdirSync(dataDir, { recursive: true });
	process.env.E2E_DATA_DIR = dataDir;
}
// The e2e server always runs on its own fresh PGlite data dir. A DATABASE_URL from the shell
// would make it seed demo data into that database instead, so it never gets one.
delete process.env.DATABASE_URL;

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: '.tmp/e2e-results',
	fullyParallel: false,
	workers: 1,
	// No retries, in CI either: a flaky test is a bug to fix, not to hide.
	retries: 0,
	forbidOnly: !!process.env.CI,
	timeout: 30_000,
	expect: { timeout: 5_000 },
	globalTimeout: 15 * 60_000,
	reporter: [['list'], ['json', { outputFile: process.env.DAIBAN_E2E_REPORT || '.tmp/test-report/e2e.json' }]],
	use: {
		baseURL,
		serviceWorkers: 'allow',
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure'
	},
	projects: [
		{
			name: 'chromium',
			use: {
				...devices['Desktop Chrome'],
				launchOptions: {
					executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium',
					args: [
						'--no-sandbox',
						'--disable-gpu',
						'--disable-dev-shm-usage',
						'--disable-background-networking',
						'--disable-component-update',
						'--disable-sync',
						'--no-first-run',
						'--disable-quic'
					]
				}
			}
		}
	],
	webServer: {
		// The real production server, serving the built SPA from build/ plus /trpc and /healthz.
		command: 'node --import tsx server/src/main.ts',
		url: `${baseURL}/healthz`,
		env: {
			HOST: '127.0.0.1',
			PORT: String(port),
			DATA_DIR: process.env.E2E_DATA_DIR,
			DAIBAN_SEED: 'demo',
			DAIBAN_STATIC_DIR: 'build',
			// The /harness page (tests create cases through the app's own client code); never in production.
			DAIBAN_TEST_HARNESS: '1'
		},
		reuseExistingServer: false,
		timeout: 120_000,
		gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
		stderr: 'pipe'
	}
});
