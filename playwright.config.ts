import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, findBrowser } from './tests/tools/browser.ts';

const port = Number(process.env['E2E_PORT'] ?? 4317);
const BASE_PATH = '/workshop/lab/';
const browser = findBrowser();

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	forbidOnly: !!process.env['CI'],
	retries: 0,
	workers: process.env['CI'] ? 2 : undefined,
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
