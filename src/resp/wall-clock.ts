// Drives an engine's VirtualClock from wall time, so TTLs tick and active expiry runs as on a
// real server. The engine itself never reads real time; this is the one place that does.
import { VirtualClock } from '../engine/index.ts';

export interface WallClock {
	readonly clock: VirtualClock;
	/** Brings virtual time up to wall time; call before each command. */
	sync(): void;
	stop(): void;
}

/**
 * A clock at the current Unix time, read afresh from the system clock before each command (as
 * Redis reads mstime() per command), so `GETEX k PXAT <client's now + 10000>` then PTTL answers
 * 10000 or just under, never more. When a command moves virtual time ahead on its own (DEBUG SLEEP
 * advances the clock instantly), or the system clock steps back, the difference is kept as an
 * offset rather than waited out or undone: time never freezes and never runs backwards.
 */
export function followWallTime(intervalMs = 20): WallClock {
	const clock = new VirtualClock(Date.now());
	let offset = 0;
	const sync = (): void => {
		const target = Date.now() + offset;
		const now = clock.now();
		if (now > target) offset += now - target;
		else clock.advanceTo(target);
	};
	const timer = setInterval(sync, intervalMs);
	timer.unref();
	return { clock, sync, stop: () => clearInterval(timer) };
}

/**
 * Script time, for piped input: virtual time starts at the current Unix time and then moves only
 * by DEBUG SLEEP, so a script prints the same replies however slow the machine is — as a real
 * server would if it ran the script instantly.
 */
export function scriptTime(): WallClock {
	const clock = new VirtualClock(Date.now());
	return { clock, sync: () => {}, stop: () => {} };
}

/** The wall clock in microseconds (ustime()), for what Redis stamps with real time: MONITOR. */
export function wallMicros(): number {
	return Math.floor((performance.timeOrigin + performance.now()) * 1000);
}
