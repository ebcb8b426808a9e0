// A workshop without a network: the built site keeps working offline after the first visit (its
// service worker precaches it), and the one-file build opens straight from disk.
import { expect, test, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

async function type(page: Page, line: string): Promise<void> {
	const input = page.getByRole('textbox', { name: 'Redis command' });
	await input.fill(line);
	await input.press('Enter');
}

const output = (page: Page) => page.getByRole('list', { name: 'Console output' });

test('the built site, served from a sub-path, works offline on a reload', async ({
	page,
	context,
}) => {
	await page.goto('./');
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	// The first visit's page is not yet controlled; a reload is.
	await page.reload();
	await expect
		.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
		.toBe(true);
	await context.setOffline(true);
	await page.reload();
	await page.getByRole('button', { name: 'Pause', exact: true }).click();
	await type(page, 'SETEX user:456:profile 300 alice');
	await type(page, 'TTL user:456:profile');
	await expect(output(page).getByRole('listitem').last()).toContainText('(integer) 300');
	await context.setOffline(false);
});

test('the one-file build opens from file:// and runs SETEX, TTL and a scenario', async ({
	page,
}) => {
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	await page.goto(pathToFileURL(resolve('dist-single/index.html')).href);
	await page.getByRole('button', { name: 'Pause', exact: true }).click();
	await type(page, 'SETEX user:456:profile 300 alice');
	await type(page, 'TTL user:456:profile');
	await expect(output(page).getByRole('listitem').last()).toContainText('(integer) 300');
	const flow = page.getByRole('region', { name: 'Request flow' });
	await flow.getByRole('tab', { name: 'Scenarios' }).click();
	const step = flow.getByRole('button', { name: 'Step scenario', exact: true });
	for (let i = 0; i < 3; i++) await step.click();
	await expect(page.getByRole('table', { name: 'Keyspace' })).toContainText('user:1');
	await page.getByRole('button', { name: 'Presenter' }).click();
	await expect(page.getByRole('status').filter({ hasText: /of \d+ ·/ })).toBeVisible();
	expect(errors).toEqual([]);
});
