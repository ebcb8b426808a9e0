// One world: scenarios play on the keyspace, x-ray and event log every panel draws; the sandbox
// survives a reload (and a corrupt store gives a clean one with a notice); Restart Redis loses
// what was not saved. The clock is paused; scenarios and requests are stepped by hand.
import { expect, test, type Page } from '@playwright/test';

const command = (page: Page) => page.getByRole('textbox', { name: 'Redis command' });
const keyspace = (page: Page) => page.getByRole('table', { name: 'Keyspace' });
const eventLog = (page: Page) => page.getByRole('log', { name: 'Event log' });
const flow = (page: Page) => page.getByRole('region', { name: 'Request flow' });

async function type(page: Page, line: string): Promise<void> {
	await command(page).fill(line);
	await command(page).press('Enter');
}

async function scenario(page: Page, id: string) {
	await flow(page).getByRole('tab', { name: 'Scenarios' }).click();
	await flow(page)
		.getByRole('combobox', { name: /Scenario/ })
		.selectOption(id);
	const controls = flow(page).getByRole('group', { name: 'Scenario controls' });
	return controls.getByRole('button', { name: 'Step scenario', exact: true });
}

/** Waits until the session is stored (IndexedDB writes are asynchronous). */
async function kept(page: Page): Promise<void> {
	await expect(page.locator('.kept')).toHaveAttribute('data-status', 'saved');
	await expect(page.locator('.kept')).toHaveText('Session kept');
}

test.beforeEach(async ({ page }) => {
	await page.goto('./');
	await page.getByRole('button', { name: 'Pause', exact: true }).click();
});

test('scenario 13 played to the end: evictions in the log and the x-ray, survivors in the keyspace', async ({
	page,
}) => {
	// About forty steps, each looked at: slow on a busy two-core machine.
	test.slow();
	const step = await scenario(page, 'eviction');
	const controls = flow(page).getByRole('group', { name: 'Scenario controls' });
	// Each click waits for the step counter, so the button's state is current when looked at.
	for (let n = 1; await step.isEnabled(); n++) {
		await step.click();
		await expect(controls).toContainText(`Step ${n}`);
	}
	await expect(eventLog(page)).toContainText(/evicted/);
	const xray = page.getByRole('group', { name: 'Eviction x-ray' });
	await expect(xray).toContainText(/user:\d+/);
	await expect(xray).not.toContainText('No eviction yet');
	const rows = keyspace(page).getByRole('row');
	await expect(rows.filter({ hasText: /user:\d+/ }).first()).toBeVisible();
});

test('scenario 2 shows its ghost in the keyspace', async ({ page }) => {
	const step = await scenario(page, 'expiry-lazy-vs-active');
	for (let i = 0; i < 4; i++) await step.click();
	const ghost = keyspace(page).getByRole('row').filter({ hasText: 'session:1' });
	await expect(ghost).toContainText('ghost');
	await step.click(); // DBSIZE still counts it
	await step.click(); // GET finds it expired
	await expect(page.getByRole('region', { name: 'Keyspace' })).not.toContainText('session:1');
	await expect(eventLog(page)).toContainText('session:1 expired');
});

test('a sandbox with keys, a TTL and a stale read survives a reload', async ({ page }) => {
	await type(page, 'SETEX user:456:profile 300 hello');
	const stage = flow(page);
	await stage.getByRole('button', { name: 'Send request' }).click();
	await page.getByRole('button', { name: 'Step', exact: true }).click();
	await stage.getByRole('button', { name: 'Update user in DB' }).click();
	await page.getByRole('button', { name: 'Step', exact: true }).click();
	await stage.getByRole('button', { name: 'Send request' }).click();
	await page.getByRole('button', { name: 'Step', exact: true }).click();
	await expect(stage.getByRole('status')).toContainText('Stale read');
	await type(page, 'TTL user:456:profile');
	const output = page.getByRole('list', { name: 'Console output' });
	await expect(output.getByRole('listitem').last()).toContainText('(integer) 297');
	await kept(page);
	await page.reload();
	await page.getByRole('button', { name: 'Pause', exact: true }).click();
	await expect(keyspace(page)).toContainText('user:456:profile');
	await expect(keyspace(page)).toContainText('user:123');
	await expect(output.getByRole('listitem').last()).toContainText('(integer) 297');
	await expect(stage.getByRole('status')).toContainText('Stale read');
	await expect(eventLog(page)).toContainText('Stale read');
	await type(page, 'TTL user:456:profile');
	await expect(output.getByRole('listitem').last()).toContainText(/\(integer\) 29[67]/);
	// New session starts afresh and stores nothing.
	await page.getByRole('button', { name: 'New session' }).click();
	await expect(page.getByRole('region', { name: 'Keyspace' })).toContainText('No keys in db0');
	await page.reload();
	await expect(page.getByRole('region', { name: 'Keyspace' })).toContainText('No keys in db0');
});

test('a corrupt stored session gives a clean sandbox and says so once', async ({ page }) => {
	// The keeper stores the paused clock shortly after the click: wait for that, or its write can
	// land after the corrupt one below.
	await kept(page);
	await page.evaluate(
		() =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('cachelab');
				open.onupgradeneeded = () => open.result.createObjectStore('keyval');
				open.onsuccess = () => {
					const tx = open.result.transaction('keyval', 'readwrite');
					tx.objectStore('keyval').put({ v: 1, seed: 'x', garbage: true }, 'cachelab:session:v1');
					tx.oncomplete = () => resolve();
					tx.onerror = () => reject(tx.error);
				};
				open.onerror = () => reject(open.error);
			}),
	);
	await page.reload();
	await expect(page.getByRole('status').filter({ hasText: 'could not be restored' })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Keyspace' })).toContainText('No keys in db0');
	await type(page, 'PING');
	await expect(page.getByRole('list', { name: 'Console output' })).toContainText('PONG');
});

test('Restart Redis empties the keyspace; the next request misses and reloads', async ({
	page,
}) => {
	const stage = flow(page);
	await type(page, 'CONFIG SET save ""');
	await stage.getByRole('button', { name: 'Send request' }).click();
	await page.getByRole('button', { name: 'Step', exact: true }).click();
	await expect(keyspace(page)).toContainText('user:123');
	await stage.getByRole('button', { name: 'Restart Redis' }).click();
	await expect(page.getByRole('region', { name: 'Keyspace' })).toContainText('No keys in db0');
	await expect(eventLog(page)).toContainText('Redis restarted');
	await stage.getByRole('button', { name: 'Send request' }).click();
	await page.getByRole('button', { name: 'Step', exact: true }).click();
	await expect(stage.locator('dt:text-is("Misses") + dd')).toHaveText('2');
	await expect(stage.locator('dt:text-is("DB loads") + dd')).toHaveText('2');
});

test('while Redis is down the console gets redis-cli’s connection error', async ({ page }) => {
	await flow(page).getByRole('button', { name: 'Redis down' }).click();
	await type(page, 'PING');
	const output = page.getByRole('list', { name: 'Console output' });
	await expect(output).toContainText(
		'Could not connect to Redis at 127.0.0.1:6379: Connection refused',
	);
	await expect(output).toContainText('not connected>');
});

test('while time plays a TTL bar drains by its own animation, in step with the clock', async ({
	page,
}) => {
	await type(page, 'SET session:9 v EX 3600');
	await page.getByRole('button', { name: 'Speed 60×' }).click();
	const fill = keyspace(page).getByRole('row').filter({ hasText: 'session:9' }).locator('.fill');
	await expect(fill).toHaveCount(1);
	const drain = () =>
		fill.evaluate((el) => el.getAnimations().map((a) => ({ rate: a.playbackRate })));
	// Paused, the bar is a plain style: nothing runs.
	expect(await drain()).toEqual([]);
	await page.getByRole('button', { name: 'Play', exact: true }).click();
	await expect.poll(drain).toHaveLength(1);
	const [playing] = await drain();
	expect(playing!.rate).toBe(60);
	await page.waitForTimeout(500);
	await page.getByRole('button', { name: 'Pause', exact: true }).click();
	await expect.poll(drain).toEqual([]);
	// Where it stopped is where the clock stopped: TTL's own remaining time sets the bar.
	await type(page, 'PTTL session:9');
	const reply = page.locator('ol[aria-label="Console output"] li.entry').last();
	await expect(reply).toContainText('(integer)');
	const pttl = Number((await reply.textContent())!.match(/\(integer\) (\d+)/)![1]);
	expect(pttl).toBeLessThan(3_600_000 - 20_000);
	const shown = Number(await fill.evaluate((el) => el.style.getPropertyValue('--f')));
	expect(shown).toBeCloseTo(pttl / 3_600_000, 3);
});
