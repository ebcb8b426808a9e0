// The flow stage as a learner uses it: buttons by accessible name, the clock moved by hand.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { expect, it } from 'vitest';
import { FlowStage } from '../../app/flow-stage.svelte.ts';
import { Preferences } from '../../app/preferences.svelte.ts';
import { Session } from '../../app/session.svelte.ts';
import FlowStageView from './FlowStage.svelte';

function setup() {
	const session = new Session();
	session.playing = false;
	const stage = new FlowStage(session, new Preferences());
	render(FlowStageView, { stage });
	const button = (name: string) => screen.getByRole('button', { name });
	const timeline = () => screen.getByRole('table', { name: 'Timeline' });
	/** Runs the request in flight to its end, one recorded clock move per step. */
	const finish = async () => {
		while (stage.sandbox.nextStepAt !== null) await fireEvent.click(button('Advance request'));
	};
	return { session, stage, button, timeline, finish };
}

it('shows a miss step by step, then a hit', async () => {
	const { button, timeline, finish } = setup();
	await fireEvent.click(button('Send request'));
	expect(screen.getByRole('img').getAttribute('aria-label')).toBe(
		'The request is at Redis: checkingCache.',
	);
	expect(screen.getByText('GET user:123 → (nil)')).toBeTruthy();
	await fireEvent.click(button('Advance request'));
	expect(screen.getByRole('img').getAttribute('aria-label')).toContain('the database: readingDb');
	await finish();
	expect(within(timeline()).getByText(/from DB/)).toBeTruthy();
	await fireEvent.click(button('Send request'));
	await finish();
	expect(within(timeline()).getByText(/· hit/)).toBeTruthy();
	const hits = screen.getByText('Hits').nextElementSibling;
	expect(hits?.textContent).toBe('1');
});

it('flags a stale read after an update without invalidation', async () => {
	const { button, finish, session } = setup();
	await fireEvent.click(button('Send request'));
	await finish();
	await fireEvent.click(button('Update user in DB'));
	await finish();
	session.advance(5000);
	await fireEvent.click(button('Send request'));
	await finish();
	const flag = screen.getByRole('status');
	expect(flag.textContent?.replace(/\s+/g, ' ')).toMatch(
		/Stale read: user 123 got version 1 .* version 2; .*5\.\ds/,
	);
});

it('uses the chosen write path: update then DEL leaves no stale read', async () => {
	const { button, finish } = setup();
	await fireEvent.click(button('Send request'));
	await finish();
	const path = screen.getByRole('combobox', { name: 'Write path' }) as HTMLSelectElement;
	await fireEvent.change(path, { target: { value: 'update-then-del' } });
	await fireEvent.click(button('Update user in DB'));
	await finish();
	expect(screen.getByText('redis.delete(cache_key)')).toBeTruthy();
	await fireEvent.click(button('Send request'));
	await finish();
	expect(screen.queryByRole('status')).toBeNull();
});

it('Redis down is a toggle button; requests are served from the database', async () => {
	const { button, finish } = setup();
	const down = button('Redis down');
	expect(down.getAttribute('aria-pressed')).toBe('false');
	await fireEvent.click(down);
	expect(down.getAttribute('aria-pressed')).toBe('true');
	expect(screen.getByRole('img').getAttribute('aria-label')).toContain('Redis is down.');
	await fireEvent.click(button('Send request'));
	await finish();
	expect(screen.getByText('Redis errors').nextElementSibling?.textContent).toBe('1');
	expect(screen.getByRole('list', { name: 'Database queries' }).textContent).toContain(
		'SELECT * FROM users WHERE id = 123',
	);
});

it('switches to Scenarios and steps one with names apart from the clock', async () => {
	const { stage } = setup();
	await fireEvent.click(screen.getByRole('tab', { name: 'Scenarios' }));
	expect(stage.mode).toBe('scenarios');
	const controls = screen.getByRole('group', { name: 'Scenario controls' });
	const names = within(controls)
		.getAllByRole('button')
		.map((b) => b.getAttribute('aria-label'));
	expect(names).toEqual([
		'Step scenario back',
		'Step scenario',
		'Play scenario',
		'Restart scenario',
	]);
	await fireEvent.click(within(controls).getByRole('button', { name: 'Step scenario' }));
	expect(stage.scenarios.position).toBe(1);
	expect(screen.getByText(/The cache is empty: R misses/)).toBeTruthy();
	await fireEvent.change(screen.getByRole('combobox', { name: /Scenario/ }), {
		target: { value: 'stale-after-update' },
	});
	await tick();
	expect(screen.getByRole('checkbox', { name: 'Short TTL (5 s)' })).toBeTruthy();
	expect(stage.scenarios.position).toBe(0);
});
