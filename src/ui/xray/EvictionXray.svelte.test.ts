import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { expect, it } from 'vitest';
import { Session } from '../../app/session.svelte.ts';
import type { EvictionEvent } from '../../app/sentences.ts';
import { DEFAULT_START_MS, type EvictionCandidate } from '../../engine/index.ts';
import EvictionXray from './EvictionXray.svelte';

const c = (key: string, score: number): EvictionCandidate => ({ key, db: 0, score });

/** Two evictions as the engine reports them under allkeys-lru. */
const EVICTIONS: readonly EvictionEvent[] = [
	{
		type: 'evicted',
		at: DEFAULT_START_MS + 5000,
		db: 0,
		key: 'user:1',
		policy: 'allkeys-lru',
		sampled: [c('user:1', 9000), c('user:2', 4000), c('user:3', 1000)],
		poolBefore: [c('user:3', 1000), c('user:2', 4000), c('user:1', 9000)],
		poolAfter: [c('user:3', 1000), c('user:2', 4000)],
		score: 9000,
		measure: { kind: 'idle', ms: 9000 },
		skipped: 0,
		maxmemory: 1_048_576,
		memoryBefore: 1_100_000,
		memoryAfter: 1_040_000,
	},
	{
		type: 'evicted',
		at: DEFAULT_START_MS + 6000,
		db: 0,
		key: 'user:2',
		policy: 'allkeys-lru',
		sampled: [c('user:4', 10)],
		poolBefore: [c('user:4', 10), c('user:3', 2000), c('user:2', 5000)],
		poolAfter: [c('user:4', 10), c('user:3', 2000)],
		score: 5000,
		measure: { kind: 'idle', ms: 5000 },
		skipped: 0,
		maxmemory: 1_048_576,
		memoryBefore: 1_090_000,
		memoryAfter: 1_030_000,
	},
];

const xray = () => screen.getByRole('group', { name: 'Eviction x-ray' });
const button = (name: string) => screen.getByRole('button', { name });
/** Each list item as its cells: `[key, score]`, or `['—']` for an empty pool slot. */
const items = (name: string) =>
	within(screen.getByRole('region', { name }))
		.getAllByRole('listitem')
		.map((li) => [...li.querySelectorAll('span')].map((s) => s.textContent));
const victims = (name: string) =>
	within(screen.getByRole('region', { name }))
		.getAllByRole('listitem')
		.filter((li) => li.classList.contains('victim'))
		.map((li) => li.querySelector('span')?.textContent);

it('explains how to cause an eviction while there is none', () => {
	render(EvictionXray, { evictions: [] });
	expect(xray().textContent).toContain('No eviction yet');
	expect(xray().textContent).toContain('CONFIG SET maxmemory 1mb');
	expect(screen.queryByRole('button')).toBeNull();
});

it('shows the latest eviction: victim, policy, why, memory, sampled keys and pool slots', () => {
	render(EvictionXray, { evictions: EVICTIONS });
	const verdict = xray().querySelector('.verdict')?.textContent?.replace(/\s+/g, ' ').trim();
	expect(verdict).toBe(
		'12:00:06 user:2 evicted under allkeys-lru: used_memory 1.04M was over maxmemory 1.00M; ' +
			'it had been idle 5s when it was scored, the longest in the pool. ' +
			'Afterwards used_memory was 1005.86K.',
	);
	expect(screen.getByText('Eviction 2 of 2')).toBeTruthy();
	const sampled = within(screen.getByRole('region', { name: 'Keys sampled' }));
	expect(sampled.getByRole('heading').textContent).toMatch(
		/Sampled \(1\)\s*idle time \(longest goes first\)/,
	);
	expect(items('Keys sampled')).toEqual([['user:4', '0s']]);
	const before = items('Pool before');
	expect(before).toHaveLength(16);
	expect(before.slice(0, 4)).toEqual([['user:4', '0s'], ['user:3', '2s'], ['user:2', '5s'], ['—']]);
	expect(victims('Pool before')).toEqual(['user:2']);
	expect(items('Pool after').filter((slot) => slot.length === 2)).toEqual([
		['user:4', '0s'],
		['user:3', '2s'],
	]);
	expect(victims('Pool after')).toEqual([]);
});

it('says why pool slots can be stale or repeated', () => {
	render(EvictionXray, { evictions: EVICTIONS });
	const note = xray().querySelector('.note')?.textContent ?? '';
	expect(note).toMatch(/kept from one eviction to the next/);
	expect(note).toMatch(/stale/);
	expect(note).toMatch(/deleted/);
	expect(note).toMatch(/two slots/);
});

it('shows no pool under a random policy, and says random policies do not use it', () => {
	const random: EvictionEvent = {
		...EVICTIONS[0]!,
		policy: 'volatile-random',
		sampled: [c('user:1', 0)],
		poolBefore: [],
		poolAfter: [],
		score: 0,
		measure: { kind: 'random' },
	};
	render(EvictionXray, { evictions: [random] });
	expect(screen.queryByRole('region', { name: 'Pool before' })).toBeNull();
	expect(screen.queryByRole('region', { name: 'Pool after' })).toBeNull();
	expect(items('Key drawn')).toEqual([['user:1']]);
	expect(xray().textContent).toContain(
		'volatile-random does not use the eviction pool: each eviction draws one key at random from keys with a TTL',
	);
	expect(xray().querySelector('.verdict')?.textContent).toContain('drew it at random from db 0');
});

it('says when older evictions are no longer kept', async () => {
	const { rerender } = render(EvictionXray, { evictions: EVICTIONS, total: 1234, limit: 2 });
	expect(screen.getByText('Eviction 1,234 of 1,234 (only the latest 2 are kept)')).toBeTruthy();
	await fireEvent.click(button('Previous eviction'));
	expect(screen.getByText('Eviction 1,233 of 1,234 (only the latest 2 are kept)')).toBeTruthy();
	await rerender({ evictions: EVICTIONS, total: null, limit: 2 });
	expect(
		screen.getByText('Eviction 1 of the latest 2 (older evictions are not kept)'),
	).toBeTruthy();
});

it('steps to the previous and next eviction, then follows the latest again', async () => {
	const { rerender } = render(EvictionXray, { evictions: EVICTIONS });
	expect(button('Next eviction').hasAttribute('disabled')).toBe(true);
	await fireEvent.click(button('Previous eviction'));
	expect(screen.getByText('Eviction 1 of 2')).toBeTruthy();
	expect(xray().querySelector('.verdict strong')?.textContent).toBe('user:1');
	expect(button('Previous eviction').hasAttribute('disabled')).toBe(true);
	expect(victims('Keys sampled')).toEqual(['user:1']);

	// A new eviction while pinned does not move the view away from the one being studied.
	const third: EvictionEvent = { ...EVICTIONS[1]!, key: 'user:4', at: DEFAULT_START_MS + 7000 };
	await rerender({ evictions: [...EVICTIONS, third] });
	expect(screen.getByText('Eviction 1 of 3')).toBeTruthy();
	await fireEvent.click(button('Next eviction'));
	expect(screen.getByText('Eviction 2 of 3')).toBeTruthy();
	await fireEvent.click(button('Follow latest'));
	expect(screen.getByText('Eviction 3 of 3')).toBeTruthy();
	expect(xray().querySelector('.verdict strong')?.textContent).toBe('user:4');
	expect(screen.queryByRole('button', { name: 'Follow latest' })).toBeNull();
});

it('shows the evictions a real session records under a small maxmemory', async () => {
	const session = new Session();
	session.playing = false;
	session.submit('CONFIG SET maxmemory 1mb');
	session.submit('CONFIG SET maxmemory-policy allkeys-lru');
	const { rerender } = render(EvictionXray, { evictions: session.evictions });
	expect(xray().textContent).toContain('No eviction yet');
	for (let i = 0; i < 200; i++) session.submit(`SET k:${i} ${'x'.repeat(1000)}`);
	await rerender({ evictions: session.evictions });
	const n = session.evictions.length;
	expect(n).toBeGreaterThan(0);
	expect(screen.getByText(`Eviction ${n} of ${n}`)).toBeTruthy();
	expect(xray().querySelector('.verdict strong')?.textContent).toBe(session.evictions.at(-1)?.key);
	expect(items('Keys sampled').length).toBeGreaterThan(0);
});

it('marks a key that holds two pool slots, and the victim only in its best slot', () => {
	const repeated: EvictionEvent = {
		...EVICTIONS[0]!,
		key: 'user:1',
		poolBefore: [c('user:1', 3000), c('user:2', 4000), c('user:1', 9000)],
		poolAfter: [c('user:1', 3000), c('user:2', 4000)],
	};
	render(EvictionXray, { evictions: [repeated] });
	const before = items('Pool before');
	expect(before.slice(0, 3).map((slot) => slot[0])).toEqual(['user:1×2', 'user:2', 'user:1×2']);
	const pool = within(screen.getByRole('region', { name: 'Pool before' })).getAllByRole('listitem');
	expect(pool.map((li) => li.classList.contains('victim')).slice(0, 3)).toEqual([
		false,
		false,
		true,
	]);
});
