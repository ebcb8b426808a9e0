// Journeys through the console: the seed's commands typed as a learner types them.
import { expect, test, type Page } from '@playwright/test';

async function type(page: Page, line: string) {
	const input = page.getByRole('textbox', { name: 'Redis command' });
	await input.fill(line);
	await input.press('Enter');
}

const scrollback = (page: Page) => page.getByRole('list', { name: 'Console output' });

test('SETEX then TTL counts from 300; after :advance 301s TTL says -2', async ({ page }) => {
	await page.goto('./');
	await page.getByRole('button', { name: 'Pause' }).click();
	await type(page, `SETEX user:456:profile 300 '{"name": "Alice", "role": "admin"}'`);
	await expect(scrollback(page)).toContainText('OK');
	await type(page, 'TTL user:456:profile');
	await expect(scrollback(page).locator('li').last()).toContainText('(integer) 300');
	await expect(page.getByRole('table', { name: 'Keyspace' })).toContainText('user:456:profile');

	await type(page, ':advance 301s');
	await type(page, 'TTL user:456:profile');
	await expect(scrollback(page).locator('li').last()).toContainText('(integer) -2');
	await expect(page.getByRole('region', { name: 'Event log' })).toContainText(
		'user:456:profile expired',
	);
});

test("the seed's broken quotes give Invalid argument(s), and the offered fix runs", async ({
	page,
}) => {
	await page.goto('./');
	await type(page, 'SET user:456:profile "{"name": "Alice", "role": "admin"}"');
	const last = scrollback(page).locator('li').last();
	await expect(last).toContainText('Invalid argument(s)');
	await last.getByRole('button', { name: /Run the fixed line/ }).click();
	await expect(scrollback(page).locator('li').last()).toContainText('OK');
	await type(page, 'GET user:456:profile');
	await expect(scrollback(page).locator('li').last()).toContainText(
		'"{\\"name\\": \\"Alice\\", \\"role\\": \\"admin\\"}"',
	);
});

test('history, hints and Tab completion work from the keyboard', async ({ page }) => {
	await page.goto('./');
	const input = page.getByRole('textbox', { name: 'Redis command' });
	await input.fill('SETEX ');
	await expect(page.locator('#console-hint')).toContainText('SETEX key seconds value');
	await input.fill('SET greeting hello');
	await input.press('Enter');
	await input.fill('GET gr');
	await input.press('Tab');
	await expect(input).toHaveValue('GET greeting');
	await input.fill('');
	await input.press('ArrowUp');
	await expect(input).toHaveValue('SET greeting hello');
});

test('with a small maxmemory the eviction x-ray shows the sampled keys, the pool and the victim', async ({
	page,
}) => {
	await page.goto('./');
	await page.getByRole('button', { name: 'Pause' }).click();
	for (const line of [
		'CONFIG SET maxmemory 1mb',
		'CONFIG SET maxmemory-policy allkeys-lru',
		'DEBUG POPULATE 2000',
		'SET trigger now',
	])
		await type(page, line);
	const xray = page.getByRole('region', { name: 'Eviction x-ray' });
	await expect(xray).toContainText(/Eviction \d+ of \d+/);
	await expect(xray).toContainText('evicted under allkeys-lru');
	await expect(xray.getByRole('region', { name: 'Keys sampled' })).toBeVisible();
	await expect(xray.getByRole('region', { name: 'Pool before' })).toContainText('/16');
	await xray.getByRole('button', { name: 'Previous eviction' }).click();
	await expect(page.getByRole('region', { name: 'Event log' })).toContainText(
		'evicted by allkeys-lru',
	);

	// noeviction: DEBUG POPULATE (not a denyoom command) goes over the limit, then writes are refused.
	await type(page, 'CONFIG SET maxmemory-policy noeviction');
	await type(page, 'DEBUG POPULATE 100 more');
	await type(page, 'SET one more');
	await expect(scrollback(page).locator('li').last()).toContainText(
		"(error) OOM command not allowed when used memory > 'maxmemory'.",
	);
});

for (const [label, viewport] of [
	['a laptop', { width: 1280, height: 800 }],
	['a phone', { width: 390, height: 844 }],
	['a small phone', { width: 360, height: 740 }],
] as const) {
	test(`on ${label} the keyspace still names each key's type`, async ({ page }) => {
		await page.setViewportSize(viewport);
		await page.goto('./');
		await page.getByRole('button', { name: 'Pause' }).click();
		for (const line of [
			'RPUSH recent:views a b c',
			'SADD tags:1 redis cache',
			'ZADD board 10 alice',
			'HSET user:1 name Ada',
			'SET page:home hello',
		])
			await type(page, line);
		const table = page.getByRole('table', { name: 'Keyspace' });
		for (const [key, type] of [
			['recent:views', 'list'],
			['tags:1', 'set'],
			['board', 'zset'],
			['user:1', 'hash'],
			['page:home', 'string'],
		]) {
			const row = table.getByRole('row').filter({ hasText: key });
			await expect(row.getByRole('cell', { name: type, exact: true })).toBeVisible();
		}
		// Every column fits its row: none runs past the right edge, so the bytes show whole.
		const overflowing = await table
			.getByRole('row')
			.evaluateAll((rows) => rows.filter((row) => row.scrollWidth > row.clientWidth).length);
		expect(overflowing).toBe(0);
		// Where the value column gives way, the key's tooltip still shows what it holds.
		await expect(
			table.getByRole('row').filter({ hasText: 'recent:views' }).getByRole('cell').first(),
		).toHaveAttribute('title', 'recent:views: 3 elements: a b c');
	});
}
