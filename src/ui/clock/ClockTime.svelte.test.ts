import { render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { expect, it } from 'vitest';
import { DEFAULT_START_MS } from '../../engine/index.ts';
import ClockTime from './ClockTime.svelte';

it('shows the second, and its machine-readable time says the same second', () => {
	render(ClockTime, { now: DEFAULT_START_MS + 1500 });
	const time = screen.getByRole('time');
	expect(time.getAttribute('datetime')).toBe(new Date(DEFAULT_START_MS + 1000).toISOString());
	expect(screen.getByText(/^unix \d+$/).textContent).toBe(`unix ${DEFAULT_START_MS / 1000 + 1}`);
});

it('leaves the page alone while time moves within a second, and redraws when it passes one', async () => {
	const { container, rerender } = render(ClockTime, { now: DEFAULT_START_MS });
	const changes: MutationRecord[] = [];
	const observer = new MutationObserver((records) => changes.push(...records));
	observer.observe(container, {
		subtree: true,
		childList: true,
		attributes: true,
		characterData: true,
	});
	for (const ms of [16, 33, 500, 999]) await rerender({ now: DEFAULT_START_MS + ms });
	await tick();
	expect(observer.takeRecords().length + changes.length).toBe(0);
	await rerender({ now: DEFAULT_START_MS + 1000 });
	await tick();
	expect(observer.takeRecords().length + changes.length).toBeGreaterThan(0);
	observer.disconnect();
});
