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
