import { render, screen } from '@testing-library/svelte';
import { expect, it } from 'vitest';
import { NO_COUNTS } from '../../app/flow-view.ts';
import FlowCounters from './FlowCounters.svelte';

it('shows the counters, and no flag without a stale read', () => {
	render(FlowCounters, { counts: { ...NO_COUNTS, hits: 3, misses: 1, dbLoads: 1 } });
	expect(screen.getByText('Hits').nextElementSibling?.textContent).toBe('3');
	expect(screen.getByText('DB loads').nextElementSibling?.textContent).toBe('1');
	expect(screen.queryByRole('status')).toBeNull();
});

it('flags the latest stale read with how long the cache had been stale', () => {
	const lastStale = { at: 0, userId: 1, version: 1, dbVersion: 2, staleForMs: 10_000 };
	render(FlowCounters, { counts: { ...NO_COUNTS, staleReads: 1, lastStale } });
	expect(screen.getByRole('status').textContent?.replace(/\s+/g, ' ')).toContain(
		'the cache had been stale for 10s',
	);
});
