import { describe, expect, it } from 'vitest';
import { IDLE_TICK_MS, startTimeDriver, type DriverHost } from './time-driver.ts';

/** A host whose frames and timers run only when the test says, on a clock it moves. */
function fakeHost() {
	let now = 0;
	let next = 1;
	const page = { hidden: false };
	const frames = new Map<number, (t: number) => void>();
	const timers = new Map<number, { cb: () => void; at: number }>();
	const host: DriverHost = {
		now: () => now,
		hidden: () => page.hidden,
		requestFrame: (cb) => (frames.set(next, cb), next++),
		cancelFrame: (h) => void frames.delete(h),
		setTimer: (cb, ms) => {
			timers.set(next, { cb, at: now + ms });
			return next++ as unknown as ReturnType<typeof setTimeout>;
		},
		clearTimer: (h) => void timers.delete(h as unknown as number),
	};
	return {
		host,
		page,
		frames,
		timers,
		/** Runs the pending animation frames at `now + ms`. */
		frame(ms: number) {
			now += ms;
			const due = [...frames.values()];
			frames.clear();
			for (const cb of due) cb(now);
		},
		/** Moves wall time by `ms`, running the timers that fall due. */
		wait(ms: number) {
			now += ms;
			for (const [h, t] of [...timers])
				if (t.at <= now) {
					timers.delete(h);
					t.cb();
				}
		},
	};
}

/** A driver on a fake host, recording each step it makes. */
function drive(animating: () => boolean) {
	const fake = fakeHost();
	const steps: number[] = [];
	const stop = startTimeDriver((ms) => steps.push(ms), animating, fake.host);
	return { fake, steps, stop };
}

describe('startTimeDriver', () => {
	it('asks for animation frames only while something moves, and ticks by a timer otherwise', () => {
		let moving = true;
		const { fake, steps, stop } = drive(() => moving);
		fake.frame(17);
		fake.frame(16);
		expect(steps).toEqual([17, 16]);
		expect(fake.frames.size).toBe(1);
		moving = false;
		fake.frame(16);
		// Idle: no frame asked for, a timer instead; time still moves at about the same pace.
		expect(fake.frames.size).toBe(0);
		expect(fake.timers.size).toBe(1);
		fake.wait(IDLE_TICK_MS);
		fake.wait(IDLE_TICK_MS);
		expect(steps).toEqual([17, 16, 16, IDLE_TICK_MS, IDLE_TICK_MS]);
		moving = true;
		fake.wait(IDLE_TICK_MS);
		expect(fake.frames.size).toBe(1);
		stop();
		expect(fake.frames.size).toBe(0);
		expect(fake.timers.size).toBe(0);
	});

	it('caps one step, so a tab that slept does not make time lurch; a hidden tab waits for frames', () => {
		const { fake, steps, stop } = drive(() => false);
		fake.frame(10);
		fake.wait(60_000);
		expect(steps).toEqual([10, 250]);
		// Hidden, it waits for a frame (which a hidden tab never gets) instead of ticking on.
		fake.page.hidden = true;
		fake.wait(IDLE_TICK_MS);
		expect(fake.timers.size).toBe(0);
		expect(fake.frames.size).toBe(1);
		fake.page.hidden = false;
		fake.frame(5_000);
		expect(steps.at(-1)).toBe(250);
		expect(fake.timers.size).toBe(1);
		stop();
		fake.wait(IDLE_TICK_MS);
		expect(steps).toHaveLength(4);
	});
});
