import { render, screen, within } from '@testing-library/svelte';
import { expect, it } from 'vitest';
import Lanes from './Lanes.svelte';
import { step } from './steps.test-util.ts';

it('puts each step in its lane, one column per step, and flags stale and hit reads', () => {
	const lanes = [
		{ id: 'R', label: 'Reader R' },
		{ id: 'W', label: 'Writer W' },
	];
	const steps = [
		step({ lane: 'R', state: 'checkingCache', at: 0 }),
		step({ lane: 'W', state: 'updatingDb', at: 1, latencyMs: 180 }),
		step({ lane: 'R', state: 'responding', at: 181, isStale: true, source: 'cache' }),
	];
	render(Lanes, { lanes, steps });
	const table = screen.getByRole('table', { name: 'Timeline' });
	const rows = within(table).getAllByRole('row');
	const cells = (r: HTMLElement) =>
		[...r.children].map((c) => c.textContent?.replace(/\s+/g, ' ').trim()).join('|');
	expect(rows.map(cells)).toEqual([
		'Lane|0|+1ms|+181ms',
		'Reader R|checkingCache 1 ms||responding 1 ms · stale',
		'Writer W||updatingDb 180 ms|',
	]);
});

it('says so when there is nothing to show', () => {
	render(Lanes, { lanes: [], steps: [] });
	expect(screen.getByText(/No requests yet/)).toBeTruthy();
});
