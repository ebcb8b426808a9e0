// Journeys through the Request flow region's sandbox: the cache-aside flow, a stale read after a
// DB update, DEL typed in the console to invalidate, and Redis down. The clock is paused and moved
// with its Step button (1 s: enough for a whole request), so nothing depends on real time.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

function setup(page: Page) {
	const flow = page.getByRole('region', { name: 'Request flow' });
	const timeline = flow.getByRole('table', { name: 'Timeline' });
	const counter = (name: string) => flow.locator(`dt:text-is("${name}") + dd`);
	/** Sends one request and lets the clock run it to the end. */
	const request = async () => {
		await flow.getByRole('button', { name: 'Send request' }).click();
		await page.getByRole('button', { name: 'Step', exact: true }).click();
	};
	const lastRow = () => timeline.getByRole('row').last();
	return { flow, timeline, counter, request, lastRow };
}

test.beforeEach(async ({ page }) => {
	await page.goto('./');
	await page.getByRole('button', { name: 'Pause', exact: true }).click();
});

test('a request misses, fills the cache, and the next one hits', async ({ page }) => {
	const { flow, timeline, counter, request, lastRow } = setup(page);
	await flow.getByRole('button', { name: 'Send request' }).click();
	await expect(flow.getByRole('img')).toHaveAccessibleName(
		'The request is at Redis: checkingCache.',
	);
	await expect(flow.getByText('GET user:123 → (nil)')).toBeVisible();
	await flow.getByRole('button', { name: 'Advance request' }).click();
	await expect(flow.getByRole('img')).toHaveAccessibleName(/the database: readingDb/);
	await page.getByRole('button', { name: 'Step', exact: true }).click();
	await expect(timeline).toContainText('fillingCache');
	await expect(lastRow()).toContainText('from DB');
	await expect(page.getByRole('table', { name: 'Keyspace' })).toContainText('user:123');
	await request();
	await expect(lastRow()).toContainText('hit');
	await expect(counter('Hits')).toHaveText('1');
	await expect(counter('Misses')).toHaveText('1');
	await expect(page.getByRole('region', { name: 'Event log' })).toContainText(
		'get_user(123): hit — served from Redis',
	);
});

test('an update without invalidation gives a flagged stale read', async ({ page }) => {
	const { flow, counter, request } = setup(page);
	await request();
	await flow.getByRole('button', { name: 'Update user in DB' }).click();
	await page.getByRole('button', { name: 'Step', exact: true }).click();
	await request();
	await expect(counter('Stale reads')).toHaveText('1');
	await expect(flow.getByRole('status')).toContainText('Stale read: user 123 got version 1');
	await expect(page.getByRole('region', { name: 'Event log' })).toContainText('Stale read');
});

test('DEL typed in the console invalidates: the next read is fresh', async ({ page }) => {
	const { flow, counter, request, lastRow } = setup(page);
	await request();
	await flow.getByRole('button', { name: 'Update user in DB' }).click();
	await page.getByRole('button', { name: 'Step', exact: true }).click();
	const input = page.getByRole('textbox', { name: 'Redis command' });
	await input.fill('DEL user:123');
	await input.press('Enter');
	await request();
	await expect(lastRow()).toContainText('from DB');
	await expect(counter('Misses')).toHaveText('2');
	await expect(counter('Stale reads')).toHaveText('0');
	await expect(flow.getByRole('status')).toHaveCount(0);
});

test('the write path "update, then DEL" leaves no stale read', async ({ page }) => {
	const { flow, counter, request } = setup(page);
	await request();
	await flow.getByRole('combobox', { name: 'Write path' }).selectOption('update-then-del');
	await flow.getByRole('button', { name: 'Update user in DB' }).click();
	await page.getByRole('button', { name: 'Step', exact: true }).click();
	await request();
	await expect(counter('Misses')).toHaveText('2');
	await expect(counter('Stale reads')).toHaveText('0');
});

test('with Redis down the request is served from the database', async ({ page }) => {
	const { flow, counter, request, lastRow } = setup(page);
	const down = flow.getByRole('button', { name: 'Redis down' });
	await down.click();
	await expect(down).toHaveAttribute('aria-pressed', 'true');
	await request();
	await expect(lastRow()).toContainText('from DB');
	await expect(counter('Redis errors')).toHaveText('1');
	await expect(counter('DB loads')).toHaveText('1');
	await expect(page.getByRole('region', { name: 'Event log' })).toContainText(
		'Redis error on GET user:123: connect ECONNREFUSED',
	);
	await down.click();
	await request();
	await expect(counter('Misses')).toHaveText('1');
});

test('a scenario steps on the one world every panel shows', async ({ page }) => {
	const { flow } = setup(page);
	await flow.getByRole('tab', { name: 'Scenarios' }).click();
	const controls = flow.getByRole('group', { name: 'Scenario controls' });
	const step = controls.getByRole('button', { name: 'Step scenario', exact: true });
	await step.click();
	await expect(flow).toContainText('The cache is empty: R misses');
	const keyspace = page.getByRole('table', { name: 'Keyspace' });
	await step.click();
	await step.click();
	// The fill lands in the keyspace the console and every panel draw.
	await expect(keyspace).toContainText('user:1');
	await controls.getByRole('button', { name: 'Step scenario back' }).click();
	await expect(controls).toContainText('Step 2');
	await expect(page.getByRole('region', { name: 'Keyspace' })).toContainText('No keys in db0');
});

for (const colorScheme of ['light', 'dark'] as const) {
	test(`no serious or critical axe violations in the flow stage (${colorScheme})`, async ({
		page,
	}) => {
		// Two axe passes over the stage take 10 s or more on a busy two-core machine.
		test.slow();
		await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
		const { flow, request } = setup(page);
		const serious = async () => {
			const results = await new AxeBuilder({ page }).include('section.flow').analyze();
			return results.violations
				.filter((v) => v.impact === 'serious' || v.impact === 'critical')
				.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
		};
		await request();
		await flow.getByRole('button', { name: 'Update user in DB' }).click();
		await page.getByRole('button', { name: 'Step', exact: true }).click();
		await flow.getByRole('button', { name: 'Redis down' }).click();
		await request();
		await flow.getByRole('button', { name: 'Redis down' }).click();
		await request();
		await expect(flow.getByRole('status')).toBeVisible();
		expect(await serious()).toEqual([]);
		await flow.getByRole('tab', { name: 'Scenarios' }).click();
		await flow.getByRole('combobox', { name: /Scenario/ }).selectOption('stale-set');
		for (let i = 0; i < 8; i++)
			await flow.getByRole('button', { name: 'Step scenario', exact: true }).click();
		expect(await serious()).toEqual([]);
	});
}
