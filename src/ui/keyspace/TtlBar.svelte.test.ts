import { render } from '@testing-library/svelte';
import { expect, it } from 'vitest';
import TtlBar from './TtlBar.svelte';

function ttl(remaining: number | null, total = 10_000) {
	const { container } = render(TtlBar, { remaining, total });
	const root = container.querySelector<HTMLElement>('.ttl')!;
	const fill = container.querySelector<HTMLElement>('.fill');
	return {
		label: root.querySelector('.text')?.textContent,
		title: root.title,
		fill: fill?.style.getPropertyValue('--f') ?? null,
		isLow: fill?.classList.contains('low') ?? false,
	};
}

it('says -1 and draws no bar for a key without a TTL', () => {
	expect(ttl(null)).toEqual({
		label: '-1',
		title: 'No TTL: TTL replies -1',
		fill: null,
		isLow: false,
	});
});

it('shows the time remaining, with a bar that drains', () => {
	expect(ttl(6_000)).toEqual({
		label: '6.0s',
		title: 'TTL replies 6 (PTTL 6000)',
		fill: '0.6',
		isLow: false,
	});
	expect(ttl(300_000, 300_000).label).toBe('5m 00s');
});

it('marks the last fifth of the TTL as low', () => {
	expect(ttl(1_500)).toMatchObject({ label: '1.5s', fill: '0.15', isLow: true });
});

it('says past TTL once the time is up, with an empty bar', () => {
	expect(ttl(-200)).toEqual({
		label: 'past TTL',
		title: 'TTL replies 0 (PTTL 0)',
		fill: '0',
		isLow: true,
	});
});
