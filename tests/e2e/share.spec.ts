// Sessions outside the page: a permalink reproduces the state in a fresh browser, bad links give
// a clean sandbox and a reason without running anything but engine commands, and a session file
// makes the round trip Export → Import.
import { expect, test, type Page } from '@playwright/test';
import lz from 'lz-string';

const { compressToEncodedURIComponent } = lz;

const command = (page: Page) => page.getByRole('textbox', { name: 'Redis command' });
const keyspace = (page: Page) => page.getByRole('table', { name: 'Keyspace' });

async function type(page: Page, line: string): Promise<void> {
	await command(page).fill(line);
	await command(page).press('Enter');
}

/** Captures what Copy link writes, instead of the real clipboard. */
async function captureClipboard(page: Page): Promise<() => Promise<string>> {
	await page.addInitScript(() => {
		const w = window as unknown as { copied: string };
		Object.defineProperty(navigator, 'clipboard', {
			value: { writeText: (t: string) => ((w.copied = t), Promise.resolve()) },
		});
	});
	return () => page.evaluate(() => (window as unknown as { copied: string }).copied);
}

/** Fails the test if the page runs a dialog or throws: nothing from a link may execute. */
function forbidScripts(page: Page): string[] {
	const seen: string[] = [];
	page.on('dialog', (d) => {
		seen.push(`dialog: ${d.message()}`);
		void d.dismiss();
	});
	page.on('pageerror', (e) => seen.push(`pageerror: ${e.message}`));
	return seen;
}

test('a permalink opened in a fresh browser reproduces the keys and the open scenario step', async ({
	page,
	browser,
}) => {
	const copied = await captureClipboard(page);
	await page.goto('./');
	await page.getByRole('button', { name: 'Pause', exact: true }).click();
	const flow = page.getByRole('region', { name: 'Request flow' });
	await flow.getByRole('tab', { name: 'Scenarios' }).click();
	await flow.getByRole('combobox', { name: /Scenario/ }).selectOption('stale-after-update');
	const step = flow.getByRole('button', { name: 'Step scenario', exact: true });
	for (let i = 0; i < 3; i++) await step.click();
	await type(page, 'SETEX extra 300 "<b>not bold</b>"');
	await expect(keyspace(page)).toContainText('user:1');
	await page.getByRole('button', { name: 'Copy link' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
	const link = await copied();
	expect(link).toContain('#s=');

	const fresh = await browser.newContext();
	const other = await fresh.newPage();
	const seen = forbidScripts(other);
	await other.goto(link);
	await other.getByRole('button', { name: 'Pause', exact: true }).click();
	const otherFlow = other.getByRole('region', { name: 'Request flow' });
	await expect(otherFlow.getByRole('tab', { name: 'Scenarios' })).toHaveAttribute(
		'aria-selected',
		'true',
	);
	await expect(otherFlow.getByRole('group', { name: 'Scenario controls' })).toContainText('Step 3');
	await expect(keyspace(other)).toContainText('user:1');
	await expect(keyspace(other)).toContainText('extra');
	await expect(keyspace(other)).toContainText('<b>not bold</b>');
	expect(seen).toEqual([]);
	await fresh.close();
});

const base = '#s=';
const BAD_LINKS: [string, string][] = [
	[
		'truncated',
		base +
			compressToEncodedURIComponent(
				'{"v":1,"seed":1,"start":0,"program":{"kind":"sandbox"},"inputs":[]',
			).slice(0, 20),
	],
	['that is corrupt', base + '%%%%not-a-session'],
	[
		'from a future version',
		base + compressToEncodedURIComponent(JSON.stringify({ v: 99, seed: 1 })),
	],
	[
		'with HTML and script in it',
		base +
			compressToEncodedURIComponent(
				JSON.stringify({
					v: 1,
					seed: 1,
					start: 1767268800000,
					program: { kind: '<img src=x onerror=alert(1)>' },
					inputs: [{ kind: 'eval', at: 1767268800000, code: 'alert(1)' }],
					now: 1767268800000,
				}),
			),
	],
	[
		'with absurd counts',
		base +
			compressToEncodedURIComponent(
				JSON.stringify({
					v: 1,
					seed: 1,
					start: 1767268800000,
					program: { kind: 'sandbox' },
					inputs: new Array(20_001).fill({ kind: 'line', at: 1767268800000, line: 'PING' }),
					now: 1767268800000,
				}),
			),
	],
	['of 1 MB', base + 'A'.repeat(1_000_000)],
	[
		'that would take minutes to replay',
		base +
			compressToEncodedURIComponent(
				JSON.stringify({
					v: 1,
					seed: 1,
					start: 1767268800000,
					program: { kind: 'sandbox' },
					inputs: Array.from({ length: 20 }, (_, i) => ({
						kind: 'line',
						at: 1767268800000,
						line: `DEBUG POPULATE 2000000 k${i}`,
					})),
					now: 1767268800000,
				}),
			),
	],
];

for (const [what, hash] of BAD_LINKS)
	test(`a link ${what} opens a clean sandbox and says what was wrong`, async ({ page }) => {
		// Chromium takes its time over a 1 MB address on a busy two-core machine.
		if (hash.length > 100_000 || what.includes('minutes')) test.slow();
		const seen = forbidScripts(page);
		await page.goto('./' + hash);
		// A link that is too slow to replay is refused only once the replay check's budget (4 s)
		// has run out, after the page has loaded the checker and started the worker.
		await expect(page.getByRole('status').filter({ hasText: 'could not be opened' })).toBeVisible({
			timeout: 15_000,
		});
		await expect(page.getByRole('region', { name: 'Keyspace' })).toContainText('No keys in db0');
		await type(page, 'PING');
		await expect(page.getByRole('list', { name: 'Console output' })).toContainText('PONG');
		expect(seen).toEqual([]);
	});

test('Export session then Import session brings the same state back', async ({ page }) => {
	await page.goto('./');
	await page.getByRole('button', { name: 'Pause', exact: true }).click();
	await type(page, 'SETEX user:456:profile 300 alice');
	await type(page, 'SET plain x');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Export session' }).click(),
	]);
	const file = await download.path();
	await page.getByRole('button', { name: 'New session' }).click();
	await expect(page.getByRole('region', { name: 'Keyspace' })).toContainText('No keys in db0');
	const [chooser] = await Promise.all([
		page.waitForEvent('filechooser'),
		page.getByRole('button', { name: 'Import session' }).click(),
	]);
	await chooser.setFiles(file);
	await expect(keyspace(page)).toContainText('user:456:profile');
	await expect(keyspace(page)).toContainText('plain');
	await expect(page.getByRole('list', { name: 'Console output' })).toContainText('SET plain x');
});
