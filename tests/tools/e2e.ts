// `npm run test:e2e`: Playwright against the built site in a real Chromium.
// Finds the browser (tests/tools/browser.ts), builds dist/ and dist-single/ if missing, picks a free
// port, runs Playwright.
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

for (const [file, script] of [
	['dist/index.html', 'build'],
	['dist-single/index.html', 'build:single'],
] as const) {
	if (existsSync(file)) continue;
	console.log(`e2e: ${file} missing, running npm run ${script} first`);
	const build = spawnSync('npm', ['run', '-s', script], { stdio: 'inherit' });
	if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = process.env['E2E_PORT'] ?? String(await freePort());
const result = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
	stdio: 'inherit',
	env: { ...process.env, E2E_PORT: port },
});
process.exit(result.status ?? 1);
