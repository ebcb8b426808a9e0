import { render } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

describe('while time plays', () => {
	/** What the bar asked of the Web Animations API, which jsdom lacks. */
	interface FakeAnimation {
		duration: number;
		currentTime: number;
		playbackRate: number;
		cancelled: boolean;
	}
	let made: FakeAnimation[] = [];
	beforeEach(() => {
		made = [];
		HTMLElement.prototype.animate = function (_frames, options) {
			const anim = {
				duration: Number((options as KeyframeAnimationOptions).duration),
				currentTime: 0,
				playbackRate: 1,
				cancelled: false,
				cancel() {
					anim.cancelled = true;
				},
			};
			made.push(anim);
			return anim as unknown as Animation;
		};
	});
	afterEach(() => {
		delete (HTMLElement.prototype as Partial<HTMLElement>).animate;
	});

	it('drains by an animation whose time is virtual time, pulled back only when it drifts', async () => {
		const hour = 3_600_000;
		const view = render(TtlBar, { remaining: 0.75 * hour, total: hour, rate: 600 });
		expect(made).toHaveLength(1);
		expect(made[0]).toMatchObject({ duration: hour, currentTime: 0.25 * hour, playbackRate: 600 });
		// The compositor moved it on; a look at the clock that agrees to within two 16 ms ticks
		// (2 × 9.6 virtual seconds at 600×) leaves it alone…
		made[0]!.currentTime = 0.25 * hour + 20_000;
		await view.rerender({ remaining: 0.75 * hour - 5_000, total: hour, rate: 600 });
		expect(made[0]!.currentTime).toBe(0.25 * hour + 20_000);
		// …one that does not (the tab slept, a step was capped) puts it where the clock says.
		await view.rerender({ remaining: 0.5 * hour, total: hour, rate: 600 });
		expect(made[0]!.currentTime).toBe(0.5 * hour);
		// A new speed changes the rate, not the animation.
		await view.rerender({ remaining: 0.5 * hour, total: hour, rate: 60 });
		expect(made).toHaveLength(1);
		expect(made[0]!.playbackRate).toBe(60);
	});

	it('stands still as a plain style when time pauses or the TTL is up, and starts again for a new TTL', async () => {
		const view = render(TtlBar, { remaining: 6_000, total: 10_000, rate: 600 });
		await view.rerender({ remaining: 5_000, total: 10_000, rate: 0 });
		expect(made[0]!.cancelled).toBe(true);
		expect(view.container.querySelector<HTMLElement>('.fill')!.style.getPropertyValue('--f')).toBe(
			'0.5',
		);
		await view.rerender({ remaining: 5_000, total: 10_000, rate: 600 });
		expect(made).toHaveLength(2);
		await view.rerender({ remaining: -100, total: 10_000, rate: 600 });
		expect(made[1]!.cancelled).toBe(true);
		await view.rerender({ remaining: 30_000, total: 30_000, rate: 600 });
		expect(made[2]).toMatchObject({ duration: 30_000, currentTime: 0, cancelled: false });
		view.unmount();
		expect(made[2]!.cancelled).toBe(true);
	});
});
