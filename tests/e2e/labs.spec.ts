// The Labs screen: opened from the top bar, a small sweep draws its plot and the table "Hit rate
// by policy and memory" (a row per policy and per reference cache), a big one can be cancelled,
// the other labs draw their panels and tables, axe finds nothing serious, and Escape goes back.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

async function openLabs(page: Page) {
	await page.goto('./');
	await page.getByRole('button', { name: 'Labs', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Labs', level: 1 })).toBeFocused();
	return page.getByRole('region', { name: 'Hit rate lab' });
}

const ROWS = [
	'allkeys-lru',
	'allkeys-lfu',
	'allkeys-random',
	'volatile-lru',
	'volatile-lfu',
	'volatile-random',
	'volatile-ttl',
	'noeviction',
	'True LRU',
	"Belady's optimal",
];

test('a small sweep draws the plot and the table, a row per policy, with its seed', async ({
	page,
}) => {
	// The workers share the machine with the other tests' pages.
	test.slow();
	const lab = await openLabs(page);
	await lab.getByRole('spinbutton', { name: 'Keys (N)' }).fill('200');
	await lab.getByRole('spinbutton', { name: 'Requests' }).fill('2000');
	await lab.getByRole('spinbutton', { name: 'Seed' }).fill('7');
	await lab.getByRole('button', { name: 'Run sweep' }).click();
	const table = lab.getByRole('table', { name: 'Hit rate by policy and memory' });
	await expect(table).toBeVisible({ timeout: 60_000 });
	await expect(lab.getByRole('img', { name: /Hit rate by cache size/ })).toBeVisible();
	await expect(lab.getByText('Numbers from seed 7.')).toBeVisible();
	const rows = table.locator('tbody tr');
	await expect(rows).toHaveCount(ROWS.length);
	for (const [i, name] of ROWS.entries()) {
		await expect(rows.nth(i).getByRole('rowheader')).toHaveText(name);
		// One cell per cache size, each a percentage.
		await expect(rows.nth(i).getByRole('cell')).toHaveCount(6);
		await expect(rows.nth(i).getByRole('cell').first()).toHaveText(/^\d{1,3}\.\d %$/);
	}
	await expect(lab.getByRole('progressbar', { name: 'Sweep progress' })).toHaveAttribute(
		'value',
		'60',
	);
	// Copy CSV puts the same table on the clipboard: a header, then a line per policy.
	await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
	await lab.getByRole('button', { name: 'Copy CSV' }).click();
	await expect(lab.getByText('Copied the hit-rate table as CSV.')).toBeVisible();
	const csv = (await page.evaluate(() => navigator.clipboard.readText())).trim().split('\n');
	expect(csv[0]).toBe('policy,5%,10%,20%,30%,40%,50%');
	expect(csv.slice(1).map((line) => line.split(',')[0])).toEqual([
		...ROWS.slice(0, 8),
		'true-lru',
		'belady',
	]);
});

test('Cancel stops a sweep, resets the progress and says so', async ({ page }) => {
	const lab = await openLabs(page);
	await lab.getByRole('spinbutton', { name: 'Keys (N)' }).fill('20000');
	await lab.getByRole('spinbutton', { name: 'Requests' }).fill('200000');
	await lab.getByRole('button', { name: 'Run sweep' }).click();
	const cancel = lab.getByRole('button', { name: 'Cancel' });
	await expect(cancel).toBeEnabled();
	await cancel.click();
	await expect(lab.getByRole('status').filter({ hasText: 'Sweep cancelled' })).toBeVisible();
	await expect(lab.getByRole('progressbar', { name: 'Sweep progress' })).toHaveAttribute(
		'value',
		'0',
	);
	await expect(cancel).toBeDisabled();
	await expect(lab.getByRole('button', { name: 'Run sweep' })).toBeEnabled();
	await expect(lab.getByRole('table', { name: 'Hit rate by policy and memory' })).toHaveCount(0);
});

test('the LRU figure and the LFU table run beside real Redis figures', async ({ page }) => {
	await openLabs(page);
	const lru = page.getByRole('region', { name: 'Approximated LRU' });
	const figure = lru.getByRole('table', { name: /Oldest half evicted/ });
	await expect(figure.locator('tbody tr')).toHaveCount(5, { timeout: 30_000 });
	await expect(
		figure.getByRole('row', { name: /Redis 3\.0, samples 5 \(pool\)/ }).first(),
	).toContainText('82–84 %');
	await expect(lru.getByRole('img', { name: /True LRU: \d+ old keys/ })).toBeVisible();
	const lfu = page.getByRole('region', { name: 'LFU counter' });
	const table = lfu.getByRole('table', { name: /LFU counter by lfu-log-factor/ });
	// factor 0 counts every hit: 5 + 100 after 100 hits; redis.conf prints 104.
	await expect(table.getByRole('row', { name: /^0 / })).toContainText('105 / 104');
});

test('no serious or critical axe violations on the Labs screen, light and dark', async ({
	page,
}) => {
	// A sweep, the figure runs and two full axe passes.
	test.slow();
	const lab = await openLabs(page);
	await lab.getByRole('spinbutton', { name: 'Keys (N)' }).fill('200');
	await lab.getByRole('spinbutton', { name: 'Requests' }).fill('2000');
	await lab.getByRole('button', { name: 'Run sweep' }).click();
	await expect(lab.getByRole('table', { name: 'Hit rate by policy and memory' })).toBeVisible({
		timeout: 60_000,
	});
	await expect(
		page.getByRole('region', { name: 'Approximated LRU' }).locator('tbody tr'),
	).toHaveCount(5, { timeout: 30_000 });
	for (const colorScheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme });
		const results = await new AxeBuilder({ page }).analyze();
		const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
		expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
			[],
		);
	}
});

test('Escape returns to the playground with the focus on the Labs button', async ({ page }) => {
	await openLabs(page);
	await page.keyboard.press('Escape');
	await expect(page.getByRole('heading', { name: 'Labs', level: 1 })).toHaveCount(0);
	await expect(page.getByRole('textbox', { name: 'Redis command' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Labs', exact: true })).toBeFocused();
	await page.keyboard.press('Enter');
	await page.getByRole('button', { name: 'Back to the playground' }).click();
	await expect(page.getByRole('region', { name: 'Console' })).toBeVisible();
});
