// Presenter mode for a workshop: projector type with no page scroll at projector sizes, every
// control on screen, clicker keys stepping the playlist, B blanking; Large text keeps columns on a
// wide screen.
import { expect, test, type Page } from '@playwright/test';

const status = (page: Page) => page.getByRole('status').filter({ hasText: /of \d+ ·/ });

/** Presses PageDown, as a clicker does, until the step counter reads `text`. */
async function clickUntil(page: Page, text: RegExp): Promise<void> {
	for (let i = 0; i < 60; i++) {
		const now = await status(page).innerText();
		if (text.test(now)) return;
		await page.keyboard.press('PageDown');
		// One step at a time: wait for the counter to move before looking again (a lesson line that
		// is still being typed holds the next step back, so the press may change nothing).
		await expect(status(page))
			.not.toHaveText(now, { timeout: 2000 })
			.catch(() => {});
	}
	await expect(status(page)).toContainText(text);
}

for (const [width, height] of [
	[1280, 720],
	[1920, 1080],
] as const)
	test(`presenter at ${width}×${height}: projector type, no page scroll, every control on screen`, async ({
		page,
	}) => {
		await page.setViewportSize({ width, height });
		await page.goto('./?present');
		await expect(status(page)).toContainText('1 of 13 · Cold miss, then warm hit · step 0');
		for (let i = 0; i < 4; i++) await page.keyboard.press('PageDown');
		await expect(status(page)).toContainText('step 4');
		const size = await page.evaluate(() =>
			parseFloat(getComputedStyle(document.querySelector('.presenter')!).fontSize),
		);
		expect(size).toBeGreaterThanOrEqual(24);
		const scroll = await page.evaluate(() => ({
			h: document.documentElement.scrollHeight,
			w: document.documentElement.scrollWidth,
		}));
		expect(scroll.h).toBeLessThanOrEqual(height);
		expect(scroll.w).toBeLessThanOrEqual(width);
		for (const name of ['◀ Previous step', 'Next step ▶', 'Exit presenter'])
			await expect(page.getByRole('button', { name })).toBeInViewport();
		await expect(page.getByRole('textbox', { name: 'Redis command' })).toBeInViewport();
		await expect(page.getByRole('region', { name: 'Request flow' })).toBeInViewport();
	});

test('clicker keys step the scenario forward and back, and into the next item', async ({
	page,
}) => {
	await page.goto('./?present');
	await page.locator('body').click({ position: { x: 5, y: 5 } });
	await page.keyboard.press('PageDown');
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('Space');
	await expect(status(page)).toContainText('step 3');
	await page.keyboard.press('PageUp');
	await expect(status(page)).toContainText('step 2');
	await page.keyboard.press('ArrowLeft');
	await expect(status(page)).toContainText('step 1');
	// Typing in the console is not stepping: arrows and Space stay in the input.
	const input = page.getByRole('textbox', { name: 'Redis command' });
	await input.click();
	await input.pressSequentially('PING ');
	await input.press('ArrowLeft');
	await expect(status(page)).toContainText('step 1');
	await input.fill('DBSIZE');
	await input.press('Enter');
	await expect(page.getByRole('list', { name: 'Console output' })).toContainText('(integer)');
	// To the end of the first item, then on into the second.
	await page.locator('body').click({ position: { x: 5, y: 5 } });
	// The second item is a lesson: its solution runs a line per step beside its text.
	await clickUntil(page, /^2 of 13 · /);
	await expect(page.getByRole('region', { name: 'Lesson' })).toBeVisible();
	await page.keyboard.press('PageDown');
	await expect(status(page)).toContainText('step 1');
	await expect(page.getByRole('list', { name: 'Console output' })).toContainText('SETEX');
	await clickUntil(page, /^3 of 13 · Expiry: lazy and active/);
	await page.keyboard.press('b');
	await expect(page.getByRole('button', { name: /Screen blanked/ })).toBeVisible();
	await page.keyboard.press('b');
	await expect(page.getByRole('button', { name: /Screen blanked/ })).toHaveCount(0);
	await page.getByRole('button', { name: 'Exit presenter' }).click();
	await expect(page.getByRole('button', { name: 'Presenter' })).toBeVisible();
});

test('every attendee opening the playlist link sees the same run', async ({ browser }) => {
	// Two browsers, each clicked through a whole scenario.
	test.slow();
	const views: string[] = [];
	for (let n = 0; n < 2; n++) {
		const context = await browser.newContext();
		const page = await context.newPage();
		// An instructor resumes at an item with &item=N; each attendee's link does the same.
		await page.goto('./?present&item=3');
		await page.locator('body').click({ position: { x: 5, y: 5 } });
		await expect(status(page)).toContainText('3 of 13 · Expiry: lazy and active · step 0');
		await clickUntil(page, /step 4$/);
		// Key names and values; TTLs and idle times move with each page's own clock.
		const text = await page.getByRole('region', { name: 'Keyspace' }).innerText();
		views.push(text.replace(/\d+(ms|[hms])\b|\d+\s*%/g, '#'));
		await context.close();
	}
	expect(views[0]).toContain('session:1');
	expect(views[1]).toBe(views[0]);
});

test('Large text keeps the columns on a wide screen and stacks on a narrow one', async ({
	page,
}) => {
	await page.setViewportSize({ width: 1920, height: 1080 });
	await page.goto('./');
	await page.getByRole('button', { name: 'Large text' }).click();
	const x = async (name: string) => (await page.getByRole('region', { name }).boundingBox())!.x;
	expect(await x('Keyspace')).toBeGreaterThan((await x('Console')) + 200);
	await page.setViewportSize({ width: 1280, height: 720 });
	await expect
		.poll(async () => Math.abs((await x('Keyspace')) - (await x('Console'))))
		.toBeLessThan(5);
});
