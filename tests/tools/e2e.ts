// `npm run test:e2e`: Playwright against the built site in a real Chromium.
// Finds the browser (tests/tools/browser.ts), builds dist/ if missing, picks a free port, runs Playwright.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { HOW_TO_GET_A_BROWSER, findBrowser } from './browser.ts';
import { freePort } from './free-port.ts';

const browser = findBrowser();
if (!browser) {
	console.error(HOW_TO_GET_A_BROWSER);
	process.exit(1);
}
console.log(`e2e: Chromium from ${browser.source}`);

if (!existsSync('dist/index.html')) {
	console.log('e2e: dist/ missing, building first');
	const build = spawnSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
	if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = process.env['E2E_PORT'] ?? String(await freePort());
const result = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
	stdio: 'inherit',
	env: { ...process.env, E2E_PORT: port },
});
process.exit(result.status ?? 1);
