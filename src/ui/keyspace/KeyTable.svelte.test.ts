import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { expect, it } from 'vitest';
import { Session } from '../../app/session.svelte.ts';
import KeyTable from './KeyTable.svelte';

function sessionWith(...lines: string[]): Session {
	const session = new Session();
	session.playing = false;
	for (const line of lines) session.submit(line);
	return session;
}

const table = () => screen.getByRole('table', { name: 'Keyspace' });
const rows = () => within(table()).queryAllByRole('row');
const names = () => rows().map((r) => within(r).getAllByRole('cell')[0]?.textContent);

it('counts one key in the singular', () => {
	const session = sessionWith('SET greeting hello');
	render(KeyTable, { view: session.view, now: session.view.now });
	expect(screen.getByText(/^\s*1 of 1 key \(DBSIZE 1\)\s*$/)).toBeTruthy();
});

it('says how to add a key while the keyspace is empty', () => {
	render(KeyTable, { view: sessionWith().view });
	expect(screen.queryByRole('table')).toBeNull();
	expect(screen.getByText(/No keys in db0/).textContent).toContain('SET greeting hello');
});

it('draws a row per key: name, type, value, TTL, idle, bytes', () => {
	const session = sessionWith('SET greeting hello', 'SET user:1 alice EX 30');
	render(KeyTable, { view: session.view });
	expect(table().getAttribute('aria-rowcount')).toBe('2');
	const [greeting, user] = rows().map((r) =>
		within(r)
			.getAllByRole('cell')
			.map((c) => c.textContent?.trim()),
	);
	expect(greeting?.slice(0, 5)).toEqual(['greeting', 'string', 'hello', '-1', '0s']);
	expect(Number(greeting?.[5])).toBe(session.view.keys[0]?.bytes);
	expect(user?.slice(0, 4)).toEqual(['user:1', 'string', 'alice', '30s']);
	expect(screen.getByText(/2 of 2 keys \(DBSIZE 2\)/)).toBeTruthy();
});

it('drains the TTL with the virtual clock', async () => {
	const session = sessionWith('SET user:1 alice EX 10');
	const { rerender } = render(KeyTable, { view: session.view });
	session.advance(4000);
	await rerender({ view: session.view });
	expect(rows()[0]?.textContent).toContain('6.0s');
});

it('draws a key past its TTL as a ghost until lazy expiry removes it', async () => {
	const session = sessionWith('DEBUG SET-ACTIVE-EXPIRE 0', 'SET k v PX 1500', 'SET other v');
	const { rerender } = render(KeyTable, { view: session.view });
	session.advance(2000);
	await rerender({ view: session.view });
	const [ghost, other] = rows();
	expect(ghost?.classList.contains('ghost')).toBe(true);
	expect(ghost?.textContent).toContain('ghost');
	expect(ghost?.getAttribute('title')).toMatch(/Past its TTL/);
	expect(other?.classList.contains('ghost')).toBe(false);
	session.submit('GET k');
	await rerender({ view: session.view });
	expect(names()).toEqual(['other']);
});

it('filters by name', async () => {
	const session = sessionWith('MSET user:1 a user:2 b session:9 c');
	render(KeyTable, { view: session.view });
	await fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'USER' } });
	expect(names()).toEqual(['user:1', 'user:2']);
	expect(screen.getByText(/2 of 3 keys/)).toBeTruthy();
});

it('sorts by name, TTL and bytes', async () => {
	const session = sessionWith(
		'SET b no-ttl-but-a-much-longer-value-than-the-others',
		'SET a 1 EX 100',
		'SET c 1 EX 10',
	);
	render(KeyTable, { view: session.view });
	expect(names()).toEqual(['a', 'b', 'c']);
	const sort = screen.getByRole('combobox');
	await fireEvent.change(sort, { target: { value: 'ttl' } });
	expect(names()).toEqual(['c', 'a', 'b']);
	await fireEvent.change(sort, { target: { value: 'bytes' } });
	expect(names()[0]).toBe('b');
});

it('renders only a window of rows for 10,000 keys, and follows the scroll', async () => {
	const pairs = Array.from({ length: 10_000 }, (_, i) => `key:${String(i).padStart(5, '0')} v`);
	const session = sessionWith(`MSET ${pairs.join(' ')}`);
	render(KeyTable, { view: session.view });
	expect(table().getAttribute('aria-rowcount')).toBe('10000');
	expect(rows().length).toBeGreaterThan(0);
	expect(rows().length).toBeLessThan(100);
	expect(names()[0]).toBe('key:00000');
	await fireEvent.scroll(table(), { target: { scrollTop: 5000 * 30 } });
	expect(rows().length).toBeLessThan(100);
	expect(names()).toContain('key:05000');
	expect(names()).not.toContain('key:00000');
});

it('counts idle time and LFU frequency at the clock, from the look it was given', async () => {
	const session = sessionWith('SET greeting hello');
	const view = session.view;
	const { rerender } = render(KeyTable, { view, now: view.now + 5000 });
	const idleCell = () => within(rows()[0]!).getAllByRole('cell')[4]?.textContent?.trim();
	expect(idleCell()).toBe('5s');
	await rerender({ view, now: view.now + 65_000 });
	expect(idleCell()).toBe('1m 05s');
	await rerender({ view, now: view.now + 42_896_000 });
	expect(idleCell()).toBe('11h 54m');
	session.submit('CONFIG SET maxmemory-policy allkeys-lfu');
	session.submit('SET counter 1');
	const lfu = session.view;
	await rerender({ view: lfu, now: lfu.now });
	const counter = () =>
		within(rows().find((r) => r.textContent?.includes('counter'))!).getAllByRole('cell')[4]
			?.textContent;
	expect(counter()).toBe('5');
	// lfu-decay-time 1: one point per minute without access.
	await rerender({ view: lfu, now: lfu.now + 3 * 60_000 });
	expect(counter()).toBe('2');
});
