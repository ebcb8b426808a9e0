// The README's eviction recipes, read from README.md and typed line by line into the built app's
// console: each policy must visibly do what the README says, in the event log, the keyspace and the
// console output.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The console lines of the README's recipe for `policy`: the first code block after its name. */
function recipe(policy: string): string[] {
	const section = README.slice(README.indexOf('### Eviction recipes'));
	const at = section.indexOf(`**${policy}**`);
	const block = at === -1 ? null : /```\n([\s\S]*?)\n```/.exec(section.slice(at));
	if (!block?.[1]) throw new Error(`README.md has no eviction recipe for ${policy}`);
	const lines = block[1].split('\n');
	expect(lines).toContain(`CONFIG SET maxmemory-policy ${policy}`);
	return lines;
}

/** The lines before the first one starting with `prefix`, and that line with the rest. */
function splitAt(lines: readonly string[], prefix: string): [string[], string[]] {
	const i = lines.findIndex((line) => line.startsWith(prefix));
	expect(i).toBeGreaterThan(0);
	return [lines.slice(0, i), lines.slice(i)];
}

async function typeLines(page: Page, lines: readonly string[]) {
	const input = page.getByRole('textbox', { name: 'Redis command' });
	for (const line of lines) {
		await input.fill(line);
		await input.press('Enter');
	}
}

const lastReply = (page: Page) =>
	page.getByRole('list', { name: 'Console output' }).locator('li').last();

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
const OOM = "(error) OOM command not allowed when used memory > 'maxmemory'.";

/** Opens the app with the clock paused, so only `:advance` moves time. */
async function openPaused(page: Page) {
	await page.goto('./');
	await page.getByRole('button', { name: 'Pause' }).click();
}

test('allkeys-lru: the pages nobody read since go, the ones just read and the new ones stay', async ({
	page,
}) => {
	await openPaused(page);
	await typeLines(page, recipe('allkeys-lru'));
	await expect(lastReply(page)).toContainText('(integer) 6');
	await expect
		.poll(async () => sorted(await evictions(page)))
		.toEqual(['page:3 allkeys-lru', 'page:4 allkeys-lru', 'page:5 allkeys-lru']);
	await expect
		.poll(() => keyspace(page), { timeout: 15_000 })
		.toEqual(sorted(['page:0', 'page:1', 'page:2', 'new:0', 'new:1', 'new:2']));
});

test('volatile-lru: only keys with a TTL go, however recently used; then writes get OOM', async ({
	page,
}) => {
	await openPaused(page);
	await typeLines(page, recipe('volatile-lru'));
	await expect(lastReply(page)).toContainText('(integer) 6');
	await expect
		.poll(async () => sorted(await evictions(page)))
		.toEqual(['page:0 volatile-lru', 'page:1 volatile-lru']);
	await expect
		.poll(() => keyspace(page), { timeout: 15_000 })
		.toEqual(sorted(['page:2', 'page:3', 'page:4', 'page:5', 'new:0', 'new:1']));

	// The README goes on: no key with a TTL is left, so nothing can be evicted and a write is refused.
	await typeLines(page, ['DEBUG POPULATE 1 more 300000', 'SET greeting hello']);
	await expect(lastReply(page)).toContainText(OOM);
	expect(await evictions(page)).toHaveLength(2);
});

test('allkeys-random: victims ignore recency, so a key just written can go', async ({ page }) => {
	await openPaused(page);
	await typeLines(page, recipe('allkeys-random'));
	await expect(lastReply(page)).toContainText('(integer) 6');
	await expect.poll(async () => (await evictions(page)).length).toBe(3);
	const victims = (await evictions(page)).map((e) => e.replace(' allkeys-random', ''));
	const all = [0, 1, 2, 3, 4, 5].map((n) => `page:${n}`).concat(['new:0', 'new:1', 'new:2']);
	await expect
		.poll(() => keyspace(page), { timeout: 15_000 })
		.toEqual(sorted(all.filter((k) => !victims.includes(k))));
	// With the page's seed (1) the draw takes new:0, written a moment ago, with page:3 and page:4.
	expect(sorted(victims)).toEqual(['new:0', 'page:3', 'page:4']);
});

test('volatile-ttl: the keys closest to expiring go first; keys without a TTL stay', async ({
	page,
}) => {
	await openPaused(page);
	await typeLines(page, recipe('volatile-ttl'));
	await expect(lastReply(page)).toContainText('(integer) 6');
	await expect.poll(() => evictions(page)).toEqual(['page:0 volatile-ttl', 'page:2 volatile-ttl']);
	await expect
		.poll(() => keyspace(page), { timeout: 15_000 })
		.toEqual(sorted(['page:1', 'page:3', 'page:4', 'page:5', 'new:0', 'new:1']));
});

test('allkeys-lfu: pages read lately outrank idle ones, and new keys start at 5', async ({
	page,
}) => {
	await openPaused(page);
	const [before, after] = splitAt(recipe('allkeys-lfu'), 'DEBUG POPULATE 3 new');
	await typeLines(page, [...before, 'OBJECT FREQ page:0']);
	await expect(lastReply(page)).toContainText('(integer) 2');
	await typeLines(page, ['OBJECT FREQ page:3']);
	await expect(lastReply(page)).toContainText('(integer) 0');
	await typeLines(page, after);
	await expect(lastReply(page)).toContainText('(integer) 6');
	await expect
		.poll(async () => sorted(await evictions(page)))
		.toEqual(['page:3 allkeys-lfu', 'page:4 allkeys-lfu', 'page:5 allkeys-lfu']);
	await expect
		.poll(() => keyspace(page), { timeout: 15_000 })
		.toEqual(sorted(['page:0', 'page:1', 'page:2', 'new:0', 'new:1', 'new:2']));
	await typeLines(page, ['OBJECT FREQ new:0']);
	await expect(lastReply(page)).toContainText('(integer) 5');
});

test('noeviction: writes get OOM, reads and DEL still work, and DEL makes room', async ({
	page,
}) => {
	await openPaused(page);
	const lines = recipe('noeviction');
	const [fill, rest] = splitAt(lines, 'SET greeting');
	await typeLines(page, fill);
	const expected = [OOM, '(integer) 300000', '(integer) 1', 'OK'];
	expect(rest).toHaveLength(expected.length);
	for (const [i, line] of rest.entries()) {
		await typeLines(page, [line]);
		await expect(lastReply(page)).toContainText(expected[i]!);
		if (i === 0) {
			await expect(page.getByRole('region', { name: 'Event log' })).toContainText(
				'SET refused: used memory is over maxmemory and nothing can be evicted',
			);
		}
	}
	expect(await evictions(page)).toEqual([]);
	await expect
		.poll(() => keyspace(page), { timeout: 15_000 })
		.toEqual(sorted(['page:1', 'page:2', 'page:3', 'page:4', 'page:5', 'page:6', 'greeting']));
});
