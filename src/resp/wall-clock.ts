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
 * A clock starting at the current Unix time and kept level with it. When a command moves virtual
 * time ahead on its own (DEBUG SLEEP advances the clock instantly), the lead is kept as an offset
 * rather than waited out, so time never freezes: virtual = wall + total slept.
 */
export function followWallTime(intervalMs = 20): WallClock {
	const clock = new VirtualClock(Date.now());
	const origin = clock.now() - performance.now();
	let offset = 0;
	const sync = (): void => {
		const target = Math.floor(origin + performance.now() + offset);
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
