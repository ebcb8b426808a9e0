import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, findBrowser } from './tests/tools/browser.ts';

const port = Number(process.env['E2E_PORT'] ?? 4317);
const BASE_PATH = '/workshop/lab/';
const browser = findBrowser();
// CI machines have two cores shared by two workers, each with its own Chromium: every action and
// every wait takes several times as long as on a laptop. The budgets grow there, not the checks.
const ci = !!process.env['CI'];

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	forbidOnly: ci,
	retries: 0,
	workers: ci ? 2 : undefined,
	timeout: ci ? 60_000 : 30_000,
	expect: { timeout: ci ? 15_000 : 5_000 },
	reporter: 'list',
	outputDir: 'test-results',
	use: {
		baseURL: `http://127.0.0.1:${port}${BASE_PATH}`,
		trace: 'retain-on-failure',
	},
	projects: [
		{
			name: 'chromium',
			use: {
				...devices['Desktop Chrome'],
				launchOptions: {
					executablePath: browser?.executablePath,
					args: [...CHROMIUM_ARGS],
				},
			},
		},
	],
	webServer: {
		command: 'npx tsx tests/tools/serve.ts',
		env: { PORT: String(port), SERVE_BASE: BASE_PATH },
		url: `http://127.0.0.1:${port}${BASE_PATH}`,
		reuseExistingServer: false,
		stdout: 'ignore',
		stderr: 'pipe',
		timeout: 30_000,
	},
});
