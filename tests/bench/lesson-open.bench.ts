// Opening a lesson in real headless Chromium, on the built site (goal ≤ 100 ms from the click to
// the lesson's text on screen): the first lesson of a visit from the welcome (the lesson runtime
// and its chapter fetched, a fresh world with its seed and setup), then switching lessons from the
// navigation, each with 10,000 keys in the sandbox kept aside. A lesson counts as shown at the
// first animation frame whose DOM holds its title as a heading. Options: --runs N (default 3),
// --keys N (default 10000).
// Needs dist/ (npm run build) and a Chromium (see tests/tools/browser.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, HOW_TO_GET_A_BROWSER, findBrowser } from '../tools/browser.ts';
import { freePort } from '../tools/free-port.ts';
import { parseLesson } from '../../src/lessons/parse-lesson.ts';
import { machineLine } from './machine.ts';

const BASE = '/workshop/lab/';
const GOAL_MS = 100;
const at = process.argv.indexOf('--runs');
const RUNS = at === -1 ? 3 : Math.max(1, Number(process.argv[at + 1]) || 3);
const SWITCHES = 8;
const k = process.argv.indexOf('--keys');
const KEYS = k === -1 ? 10_000 : Math.max(0, Number(process.argv[k + 1]) || 0);

const titles = readdirSync('lessons', { withFileTypes: true })
	.filter((d) => d.isDirectory())
	.flatMap((d) =>
		readdirSync(join('lessons', d.name))
			.filter((f) => f.endsWith('.md') && f !== 'index.md')
			.sort()
			.map((f) => join('lessons', d.name, f)),
	)
	.sort()
	.map((f) => parseLesson(f, readFileSync(f, 'utf8')).title);

function serve(port: number): Promise<ChildProcess> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'tests/tools/serve.ts'], {
		env: { ...process.env, PORT: String(port), SERVE_BASE: BASE, SERVE_DIR: 'dist' },
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	return new Promise((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`tests/tools/serve.ts exited with ${code}`)));
		child.stdout!.once('data', () => resolve(child));
	});
}

/** Clicks the button whose text starts with `label`, in the page, and times until `title` shows. */
function clickUntilShown(page: Page, label: string, title: string): Promise<number> {
	return page.evaluate(
		([label, title]) =>
			new Promise<number>((resolve, reject) => {
				const button = [...document.querySelectorAll('button')].find((b) =>
					(b.textContent ?? '').includes(label),
				);
				if (!button) return reject(new Error(`no button "${label}"`));
				const shown = () =>
					[...document.querySelectorAll('h1, h2, h3')].some(
						(h) => (h.textContent ?? '').trim() === title,
					);
				const t = performance.now();
				button.click();
				const look = () => (shown() ? resolve(performance.now() - t) : requestAnimationFrame(look));
				requestAnimationFrame(look);
			}),
		[label, title] as const,
	);
}

const pct = (xs: number[], p: number) =>
	[...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

async function main(): Promise<void> {
	console.log(machineLine());
	const found = findBrowser();
	if (!found) {
		console.error(HOW_TO_GET_A_BROWSER);
		process.exit(1);
	}
	if (!existsSync('dist/index.html')) {
		console.error('dist/ is missing: npm run build first');
		process.exit(1);
	}
	const port = await freePort();
	const server = await serve(port);
	const browser = await chromium.launch({
		executablePath: found.executablePath,
		args: [...CHROMIUM_ARGS],
	});
	const first: number[] = [];
	const switched: number[] = [];
	try {
		for (let r = 0; r < RUNS; r++) {
			const context = await browser.newContext();
			// tsx names the functions page.evaluate sends with a helper the page does not have.
			await context.addInitScript({ content: 'window.__name = (f) => f;' });
			const page = await context.newPage();
			await page.goto(`http://127.0.0.1:${port}${BASE}`);
			await page.getByRole('button', { name: 'Open the sandbox' }).click();
			const input = page.getByRole('textbox', { name: 'Redis command' });
			if (KEYS > 0) {
				await input.fill(`DEBUG POPULATE ${KEYS} key 20`);
				await input.press('Enter');
				await page.getByRole('table', { name: 'Keyspace' }).getByText('key:1').first().waitFor();
			}
			first.push(await clickUntilShown(page, 'Open the lessons', titles[0]!));
			await page.getByRole('button', { name: 'All lessons' }).click();
			for (let i = 1; i <= SWITCHES; i++) {
				const title = titles[i % titles.length]!;
				switched.push(await clickUntilShown(page, title, title));
				await page.waitForTimeout(200);
				if (!(await page.getByRole('navigation', { name: 'Lessons' }).isVisible()))
					await page.getByRole('button', { name: 'All lessons' }).click();
			}
			await context.close();
		}
	} finally {
		await browser.close();
		server.kill('SIGTERM');
	}
	const fmt = (x: number) => x.toFixed(0);
	console.log(
		`first lesson of a visit (runtime fetched), ${KEYS} keys aside: median ${fmt(pct(first, 0.5))} ms, ` +
			`max ${fmt(Math.max(...first))} ms (${RUNS} runs)`,
	);
	console.log(
		`switching lessons from the navigation: p50 ${fmt(pct(switched, 0.5))} ms, ` +
			`p95 ${fmt(pct(switched, 0.95))} ms (${switched.length} opens; goal ≤ ${GOAL_MS} ms)`,
	);
	console.log(
		pct(first, 0.5) <= GOAL_MS && pct(switched, 0.95) <= GOAL_MS ? 'goal met' : 'GOAL NOT MET',
	);
}

await main();
