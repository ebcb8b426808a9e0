import { render, screen } from '@testing-library/svelte';
import { expect, it } from 'vitest';
import { bytesToHuman } from '../../app/display.ts';
import { Session } from '../../app/session.svelte.ts';
import MemoryGauge from './MemoryGauge.svelte';

function sessionWith(...lines: string[]): Session {
	const session = new Session();
	session.playing = false;
	for (const line of lines) session.submit(line);
	return session;
}

it('shows used_memory, no limit and the policy, without a meter when maxmemory is 0', () => {
	const { view } = sessionWith('SET a 1');
	const { container } = render(MemoryGauge, { view });
	const text = container.textContent ?? '';
	expect(text).toContain(`used_memory ${bytesToHuman(view.usedMemory)}`);
	expect(text).toContain('maxmemory 0 (no limit) · noeviction');
	expect(screen.queryByRole('meter')).toBeNull();
});

it('draws a meter against maxmemory once there is a limit', () => {
	const { view } = sessionWith(
		'CONFIG SET maxmemory 2mb',
		'CONFIG SET maxmemory-policy allkeys-lru',
	);
	const { container } = render(MemoryGauge, { view });
	expect(container.textContent).toContain('maxmemory 2.00M · allkeys-lru');
	const meter = screen.getByRole('meter', { name: 'used_memory against maxmemory' });
	expect(Number(meter.getAttribute('max'))).toBe(2 * 1024 * 1024);
	expect(Number(meter.getAttribute('value'))).toBe(view.usedMemory);
	expect(meter.textContent).toBe(`${Math.round((view.usedMemory / view.maxmemory) * 100)}%`);
});

it('shows the hit, miss, expiry and eviction counters', async () => {
	const session = sessionWith('SET a 1', 'GET a', 'GET nope', 'GET nope');
	const { container } = render(MemoryGauge, { view: session.view });
	const text = container.textContent ?? '';
	expect(text).toContain('keyspace_hits 1');
	expect(text).toContain('keyspace_misses 2');
	expect(text).toContain('evicted_keys 0');
});
