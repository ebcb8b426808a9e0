import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { expect, it } from 'vitest';
import { Session } from '../../app/session.svelte.ts';
import { DEFAULT_START_MS } from '../../engine/index.ts';
import { formatClockDate } from '../../lib/duration.ts';
import ClockBar from './ClockBar.svelte';

function setup(...lines: string[]) {
	const session = new Session();
	for (const line of lines) session.submit(line);
	render(ClockBar, { session });
	const button = (name: string | RegExp) => screen.getByRole('button', { name });
	return { session, button };
}

const shownTime = () => screen.getByRole('time').textContent;
const shownUnix = () => screen.getByText(/^unix \d+$/).textContent;

it('shows virtual time as a date and as Unix seconds', () => {
	setup();
	expect(shownTime()).toBe(formatClockDate(DEFAULT_START_MS));
	expect(shownUnix()).toBe(`unix ${DEFAULT_START_MS / 1000}`);
});

it('toggles between Pause and Play', async () => {
	const { session, button } = setup();
	expect(session.playing).toBe(true);
	await fireEvent.click(button('Pause'));
	expect(session.playing).toBe(false);
	await fireEvent.click(button('Play'));
	expect(session.playing).toBe(true);
	expect(screen.getByRole('button', { name: 'Pause' })).toBeTruthy();
});

it('marks the chosen speed as pressed', async () => {
	const { session, button } = setup();
	const pressed = () =>
		['1', '10', '60', '600'].map((s) => button(`Speed ${s}×`).getAttribute('aria-pressed'));
	expect(pressed()).toEqual(['true', 'false', 'false', 'false']);
	await fireEvent.click(button('Speed 600×'));
	expect(session.speed).toBe(600);
	expect(pressed()).toEqual(['false', 'false', 'false', 'true']);
});

it('steps the clock forward one second', async () => {
	const { session, button } = setup();
	session.playing = false;
	await fireEvent.click(button('Step'));
	expect(session.view.now).toBe(DEFAULT_START_MS + 1000);
	expect(shownTime()).toBe(formatClockDate(DEFAULT_START_MS + 1000));
	expect(shownUnix()).toBe(`unix ${DEFAULT_START_MS / 1000 + 1}`);
});

it('enables Next expiry only while a key has a TTL, and jumps just past it', async () => {
	const { session, button } = setup('DEBUG SET-ACTIVE-EXPIRE 0');
	session.playing = false;
	expect(button('Next expiry').hasAttribute('disabled')).toBe(true);
	session.submit('SET k v EX 90');
	await tick();
	expect(button('Next expiry').hasAttribute('disabled')).toBe(false);
	await fireEvent.click(button('Next expiry'));
	expect(session.view.now).toBe(DEFAULT_START_MS + 90_001);
	expect(session.view.keys[0]?.isExpired).toBe(true);
	expect(button('Next expiry').hasAttribute('disabled')).toBe(true);
});

it('enables Next eviction round while evictions cut short by the tenacity budget are pending', async () => {
	const { session, button } = setup(
		'DEBUG POPULATE 100',
		'CONFIG SET maxmemory-policy allkeys-random',
		'CONFIG SET maxmemory-eviction-tenacity 0',
	);
	session.playing = false;
	expect(button('Next eviction round').hasAttribute('disabled')).toBe(true);
	// Tenacity 0 allows one batch of 16 victims per round; the rest wait for evictionTimeProc.
	session.submit('CONFIG SET maxmemory 1');
	await tick();
	expect(session.view.stats.evicted_keys).toBe(16);
	expect(button('Next eviction round').hasAttribute('disabled')).toBe(false);
	const before = session.view.now;
	await fireEvent.click(button('Next eviction round'));
	expect(session.view.now).toBe(before + 1);
	expect(session.view.stats.evicted_keys).toBe(32);
	for (let i = 0; i < 10 && session.nextEviction !== null; i++)
		await fireEvent.click(button('Next eviction round'));
	expect(session.view.stats.evicted_keys).toBe(100);
	expect(button('Next eviction round').hasAttribute('disabled')).toBe(true);
});

it('undoes the last step with Step back', async () => {
	const { session, button } = setup();
	expect(button('Step back').hasAttribute('disabled')).toBe(true);
	await fireEvent.click(button('Step'));
	await fireEvent.click(button('Step'));
	expect(shownTime()).toBe(formatClockDate(DEFAULT_START_MS + 2000));
	await fireEvent.click(button('Step back'));
	expect(session.view.now).toBe(DEFAULT_START_MS + 1000);
	expect(shownTime()).toBe(formatClockDate(DEFAULT_START_MS + 1000));
	expect(session.playing).toBe(false);
	await fireEvent.click(button('Step back'));
	expect(session.view.now).toBe(DEFAULT_START_MS);
	expect(button('Step back').hasAttribute('disabled')).toBe(true);
});
