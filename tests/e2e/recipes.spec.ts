// The README's eviction recipes, typed line by line into the built app's console: each policy must
// visibly do what the README says, in the event log, the keyspace and the console output.
import { expect, test, type Page } from '@playwright/test';

async function typeLines(page: Page, lines: readonly string[]) {
	const input = page.getByRole('textbox', { name: 'Redis command' });
	for (const line of lines) {
		await input.fill(line);
		await input.press('Enter');
	}
}

const consoleOutput = (page: Page) => page.getByRole('list', { name: 'Console output' });
const lastReply = (page: Page) => consoleOutput(page).locator('li').last();

/** The keys the event log says were evicted, in order, each with its policy. */
async function evictions(page: Page): Promise<string[]> {
	const lines = await page
		.getByRole('region', { name: 'Event log' })
		.getByRole('listitem')
		.allTextContents();
	return lines.flatMap((line) => {
		const m = / (\S+) evicted by (\S+) /.exec(line);
		return m ? [`${m[1]} ${m[2]}`] : [];
	});
}

/** The key names the Keyspace table shows, sorted. */
async function keyspace(page: Page): Promise<string[]> {
	const rows = page.getByRole('table', { name: 'Keyspace' }).getByRole('row');
	const names: string[] = [];
	for (const row of await rows.all())
		names.push(((await row.getByRole('cell').first().textContent()) ?? '').trim());
	return names.sort();
}

const sorted = (keys: readonly string[]) => [...keys].sort();

/** Opens the app with the clock paused, so only `:advance` moves time. */
async function openPaused(page: Page) {
	await page.goto('./');
	await page.getByRole('button', { name: 'Pause' }).click();
}

test('allkeys-lru: the pages nobody read since go, the ones just read and the new ones stay', async ({
	page,
}) => {
	await openPaused(page);
	await typeLines(page, [
		'CONFIG SET maxmemory 3mb',
		'CONFIG SET maxmemory-policy allkeys-lru',
		'DEBUG POPULATE 6 page 300000',
		':advance 30s',
		'TOUCH page:0 page:1 page:2',
		'DEBUG POPULATE 3 new 300000',
		'DBSIZE',
	]);
	await expect(lastReply(page)).toContainText('(integer) 6');
	await expect
		.poll(async () => sorted(await evictions(page)))
		.toEqual(['page:3 allkeys-lru', 'page:4 allkeys-lru', 'page:5 allkeys-lru']);
	await expect
		.poll(() => keyspace(page))
		.toEqual(sorted(['page:0', 'page:1', 'page:2', 'new:0', 'new:1', 'new:2']));
});

test('volatile-lru: only keys with a TTL go, however recently used; then writes get OOM', async ({
	page,
}) => {
	await openPaused(page);
	await typeLines(page, [
		'CONFIG SET maxmemory 3mb',
		'CONFIG SET maxmemory-policy volatile-lru',
		'DEBUG POPULATE 6 page 300000',
		':advance 30s',
		'EXPIRE page:0 3600',
		'EXPIRE page:1 3600',
		'DEBUG POPULATE 2 new 300000',
		'DBSIZE',
	]);
	await expect(lastReply(page)).toContainText('(integer) 6');
	await expect
		.poll(async () => sorted(await evictions(page)))
		.toEqual(['page:0 volatile-lru', 'page:1 volatile-lru']);
	await expect
		.poll(() => keyspace(page))
		.toEqual(sorted(['page:2', 'page:3', 'page:4', 'page:5', 'new:0', 'new:1']));

	// No key with a TTL is left: nothing can be evicted, so a write is refused.
	await typeLines(page, ['DEBUG POPULATE 1 more 300000', 'SET greeting hello']);
	await expect(lastReply(page)).toContainText(
		"(error) OOM command not allowed when used memory > 'maxmemory'.",
	);
	expect(await evictions(page)).toHaveLength(2);
});

test('allkeys-random: victims ignore recency, so a key just written can go', async ({ page }) => {
	await openPaused(page);
	await typeLines(page, [
		'CONFIG SET maxmemory 3mb',
		'CONFIG SET maxmemory-policy allkeys-random',
		'DEBUG POPULATE 6 page 300000',
		':advance 30s',
		'TOUCH page:0 page:1 page:2',
		'DEBUG POPULATE 3 new 300000',
		'DBSIZE',
	]);
	await expect(lastReply(page)).toContainText('(integer) 6');
	await expect.poll(async () => (await evictions(page)).length).toBe(3);
	const victims = (await evictions(page)).map((e) => e.replace(' allkeys-random', ''));
	const all = [0, 1, 2, 3, 4, 5].map((n) => `page:${n}`).concat(['new:0', 'new:1', 'new:2']);
	await expect.poll(() => keyspace(page)).toEqual(sorted(all.filter((k) => !victims.includes(k))));
	// With the page's seed (1) the draw takes new:0, written a moment ago, with page:3 and page:4.
	expect(sorted(victims)).toEqual(['new:0', 'page:3', 'page:4']);
});

test('volatile-ttl: the keys closest to expiring go first; keys without a TTL stay', async ({
	page,
}) => {
	await openPaused(page);
	await typeLines(page, [
		'CONFIG SET maxmemory 3mb',
		'CONFIG SET maxmemory-policy volatile-ttl',
		'DEBUG POPULATE 6 page 300000',
		'EXPIRE page:0 60',
		'EXPIRE page:1 3600',
		'EXPIRE page:2 600',
		'DEBUG POPULATE 2 new 300000',
		'DBSIZE',
	]);
	await expect(lastReply(page)).toContainText('(integer) 6');
	await expect.poll(() => evictions(page)).toEqual(['page:0 volatile-ttl', 'page:2 volatile-ttl']);
	await expect
		.poll(() => keyspace(page))
		.toEqual(sorted(['page:1', 'page:3', 'page:4', 'page:5', 'new:0', 'new:1']));
});

test('allkeys-lfu: pages read lately outrank idle ones, and new keys start at 5', async ({
	page,
}) => {
	await openPaused(page);
	await typeLines(page, [
		'CONFIG SET maxmemory 3mb',
		'CONFIG SET maxmemory-policy allkeys-lfu',
		'DEBUG POPULATE 6 page 300000',
		':advance 5m',
		'TOUCH page:0 page:1 page:2',
		'TOUCH page:0 page:1 page:2',
		'OBJECT FREQ page:0',
	]);
	await expect(lastReply(page)).toContainText('(integer) 2');
	await typeLines(page, ['OBJECT FREQ page:3']);
	await expect(lastReply(page)).toContainText('(integer) 0');
	await typeLines(page, ['DEBUG POPULATE 3 new 300000', 'DBSIZE']);
	await expect(lastReply(page)).toContainText('(integer) 6');
	await expect
		.poll(async () => sorted(await evictions(page)))
		.toEqual(['page:3 allkeys-lfu', 'page:4 allkeys-lfu', 'page:5 allkeys-lfu']);
	await expect
		.poll(() => keyspace(page))
		.toEqual(sorted(['page:0', 'page:1', 'page:2', 'new:0', 'new:1', 'new:2']));
	await typeLines(page, ['OBJECT FREQ new:0']);
	await expect(lastReply(page)).toContainText('(integer) 5');
});

test('noeviction: writes get OOM, reads and DEL still work, and DEL makes room', async ({
	page,
}) => {
	await openPaused(page);
	await typeLines(page, [
		'CONFIG SET maxmemory 3mb',
		'CONFIG SET maxmemory-policy noeviction',
		'DEBUG POPULATE 7 page 300000',
		'SET greeting hello',
	]);
	await expect(lastReply(page)).toContainText(
		"(error) OOM command not allowed when used memory > 'maxmemory'.",
	);
	await expect(page.getByRole('region', { name: 'Event log' })).toContainText(
		'SET refused: used memory is over maxmemory and nothing can be evicted',
	);
	await typeLines(page, ['STRLEN page:0']);
	await expect(lastReply(page)).toContainText('(integer) 300000');
	await typeLines(page, ['DEL page:0']);
	await expect(lastReply(page)).toContainText('(integer) 1');
	await typeLines(page, ['SET greeting hello']);
	await expect(lastReply(page)).toContainText('OK');
	expect(await evictions(page)).toEqual([]);
	await expect
		.poll(() => keyspace(page))
		.toEqual(sorted(['page:1', 'page:2', 'page:3', 'page:4', 'page:5', 'page:6', 'greeting']));
});
