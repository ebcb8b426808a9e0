// The built shell, served from a sub-path: title, landmarks, no errors, light and dark themes.
import { expect, test, type Page } from '@playwright/test';

/** Collects console errors, page errors and failed or 4xx/5xx requests while the page loads. */
function watchProblems(page: Page): string[] {
	const problems: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
	});
	page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
	page.on('requestfailed', (request) =>
		problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`),
	);
	page.on('response', (response) => {
		if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
	});
	return problems;
}

test('the shell loads under /workshop/lab/ with its landmarks and no errors', async ({ page }) => {
	const problems = watchProblems(page);
	const response = await page.goto('./');
	expect(response?.ok()).toBe(true);
	expect(new URL(page.url()).pathname).toBe('/workshop/lab/');

	await expect(page).toHaveTitle('Cache Lab — Redis as a cache, step by step');
	await expect(page.getByRole('banner')).toContainText('Cache Lab');
	await expect(page.getByRole('region', { name: 'Clock' })).toContainText('2026-01-01');

	const main = page.getByRole('main');
	await expect(main).toBeVisible();
	await expect(main.getByRole('region', { name: 'Console' })).toContainText('Type a Redis command');
	await expect(main.getByRole('region', { name: 'Keyspace' })).toContainText('No keys in db0');
	await expect(main.getByRole('region', { name: 'Request flow' })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Event log' })).toContainText(
		'Nothing has happened yet',
	);
	await expect(page.getByRole('complementary', { name: 'Lesson' })).toContainText(
		'Short lessons take one idea',
	);

	const favicon = await page.locator('link[rel="icon"]').getAttribute('href');
	expect(favicon).toBe('./favicon.svg');
	const icon = await page.request.get(new URL(favicon ?? '', page.url()).href);
	expect(icon.headers()['content-type']).toContain('image/svg+xml');

	await page.waitForLoadState('networkidle');
	expect(problems).toEqual([]);
});

test('light and dark themes follow prefers-color-scheme', async ({ page }) => {
	const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

	await page.emulateMedia({ colorScheme: 'light' });
	await page.goto('./');
	await expect(page.getByRole('main')).toBeVisible();
	const light = await background();

	await page.emulateMedia({ colorScheme: 'dark' });
	const dark = await background();

	expect(light).not.toBe(dark);
	expect(light).toBe('rgb(244, 246, 248)');
	expect(dark).toBe('rgb(17, 21, 27)');
});
