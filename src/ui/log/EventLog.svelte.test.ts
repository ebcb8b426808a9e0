import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, expect, it, vi } from 'vitest';
import { Session } from '../../app/session.svelte.ts';
import { DEFAULT_START_MS } from '../../engine/index.ts';
import { formatClockTime } from '../../lib/duration.ts';
import EventLog from './EventLog.svelte';

function setup() {
	const session = new Session();
	session.playing = false;
	render(EventLog, { session });
	const log = screen.getByRole('log', { name: 'Event log' });
	const lines = () =>
		within(log)
			.getAllByRole('listitem')
			.map((li) => li.textContent?.trim());
	const chip = (area: string) => screen.getByRole('button', { name: area });
	return { session, log, lines, chip };
}

afterEach(() => {
	Reflect.deleteProperty(navigator, 'clipboard');
});

/** The session queues log lines and flushes them in a microtask, then Svelte renders. */
async function settle(): Promise<void> {
	await Promise.resolve();
	await tick();
}

it('is a log region named Event log that says when nothing has happened yet', () => {
	const { log, lines } = setup();
	expect(log.getAttribute('aria-label')).toBe('Event log');
	expect(lines()).toEqual([
		'Nothing has happened yet. Expiries, evictions and config changes appear here.',
	]);
});

it('tells a lazy expiry as a sentence with the virtual time', async () => {
	const { session, lines } = setup();
	session.submit('DEBUG SET-ACTIVE-EXPIRE 0');
	session.submit('SET user:456:profile x EX 5');
	session.advance(5001);
	session.submit('GET user:456:profile');
	await settle();
	expect(lines()).toEqual([
		`${formatClockTime(DEFAULT_START_MS + 5001)} user:456:profile expired — lazily, found by GET`,
	]);
});

it('hides the areas whose chips are switched off', async () => {
	const { session, lines, chip } = setup();
	session.submit('CONFIG SET maxmemory-policy allkeys-lru');
	session.submit('DEBUG SET-ACTIVE-EXPIRE 0');
	session.submit('SET k v PX 10');
	session.advance(20);
	session.submit('GET k');
	await settle();
	expect(lines()).toHaveLength(2);
	expect(chip('expiry').getAttribute('aria-pressed')).toBe('true');
	await fireEvent.click(chip('expiry'));
	expect(chip('expiry').getAttribute('aria-pressed')).toBe('false');
	expect(lines()).toEqual([
		`${formatClockTime(DEFAULT_START_MS)} CONFIG SET maxmemory-policy allkeys-lru`,
	]);
	await fireEvent.click(chip('config'));
	expect(lines()).toEqual(['2 events hidden by the filters above.']);
	await fireEvent.click(chip('expiry'));
	expect(lines()).toHaveLength(1);
	expect(lines()[0]).toContain('k expired — lazily, found by GET');
});

it('says so when one event is hidden', async () => {
	const { session, lines, chip } = setup();
	session.submit('CONFIG SET maxmemory 1mb');
	await settle();
	await fireEvent.click(chip('config'));
	expect(lines()).toEqual(['1 event hidden by the filters above.']);
});

it('copies the session as its log: seed, program and timed inputs', async () => {
	const writeText = vi.fn((_text: string) => Promise.resolve());
	Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
	const { session } = setup();
	session.submit('CONFIG SET maxmemory 1mb');
	await settle();
	await fireEvent.click(screen.getByRole('button', { name: 'Copy state' }));
	await screen.findByRole('button', { name: 'Copied' });
	const copied = JSON.parse(writeText.mock.calls[0]?.[0] ?? '{}') as Record<string, unknown>;
	expect(copied).toMatchObject({ app: 'cachelab', v: 1, seed: 1, program: { kind: 'sandbox' } });
	expect(copied['inputs']).toMatchObject([{ kind: 'line', line: 'CONFIG SET maxmemory 1mb' }]);
});

it('offers only filters that match something, and none for commands', async () => {
	const { session, chip } = setup();
	const chips = within(screen.getByRole('group', { name: 'Show events about' }))
		.getAllByRole('button')
		.map((b) => b.textContent?.trim());
	expect(chips).toEqual(['expiry', 'eviction', 'memory', 'config', 'flow']);
	expect(screen.queryByRole('button', { name: 'command' })).toBeNull();
	session.submit('DEBUG SET-ACTIVE-EXPIRE 0');
	session.submit('SET gone x PX 1');
	session.advance(10);
	session.submit('GET gone');
	session.submit('SET a 1');
	session.submit('CONFIG SET maxmemory 1');
	session.submit('SET refused 1');
	session.submit('CONFIG SET maxmemory-policy allkeys-lru');
	session.submit('SET b 1');
	await settle();
	const items = () => within(screen.getByRole('log')).getAllByRole('listitem');
	for (const area of ['expiry', 'eviction', 'memory', 'config']) {
		const before = items().length;
		await fireEvent.click(chip(area));
		expect(items().length, area).toBeLessThan(before);
		await fireEvent.click(chip(area));
	}
});

it('draws evictions as the cache at work, and only refused commands as errors', async () => {
	const { session } = setup();
	session.submit('SET a 1');
	session.submit('CONFIG SET maxmemory 1');
	session.submit('SET refused 1');
	session.submit('CONFIG SET maxmemory-policy allkeys-lru');
	session.submit('SET b 1');
	await settle();
	const items = within(screen.getByRole('log')).getAllByRole('listitem');
	const eviction = items.find((li) => li.textContent?.includes('evicted by allkeys-lru'));
	const refused = items.find((li) => li.textContent?.includes('refused'));
	expect(eviction?.textContent).toMatch(/a evicted by allkeys-lru — idle 0s/);
	expect(eviction?.classList.contains('error')).toBe(false);
	expect(refused?.classList.contains('error')).toBe(true);
});
