// The one place real time enters: a loop that turns elapsed wall time into virtual time at the
// chosen speed. Tests never use it; they move the VirtualClock themselves.
//
// It asks for an animation frame only while the page draws something new every frame (a request
// crossing the stage). Otherwise it wakes by a timer: Chromium paces frames that draw nothing at
// 60 Hz even with no frame-rate limit, so a loop of empty animation frames made every typed reply
// wait for the next such tick; with the loop idle, the reply's frame starts as soon as the reply
// is in the DOM. TTL bars drain by a compositor animation, so time playing over a full keyspace
// leaves the main thread free between two looks at the clock.

/** How often time moves while nothing animates: about a frame, so the clock never lags. */
export const IDLE_TICK_MS = 16;
/** A background tab can sleep for minutes: one step is capped so time doesn't lurch. */
const MAX_STEP_MS = 250;

export interface DriverHost {
	readonly now: () => number;
	/** A hidden tab gets no animation frames, so time waits there as it always did. */
	readonly hidden: () => boolean;
	readonly requestFrame: (cb: (t: number) => void) => number;
	readonly cancelFrame: (handle: number) => void;
	readonly setTimer: (cb: () => void, ms: number) => ReturnType<typeof setTimeout>;
	readonly clearTimer: (handle: ReturnType<typeof setTimeout>) => void;
}

const browserHost = (): DriverHost => ({
	now: () => performance.now(),
	hidden: () => document.visibilityState === 'hidden',
	requestFrame: (cb) => requestAnimationFrame(cb),
	cancelFrame: (h) => cancelAnimationFrame(h),
	setTimer: (cb, ms) => setTimeout(cb, ms),
	clearTimer: (h) => clearTimeout(h),
});

/**
 * Calls `onFrame(realElapsedMs)` once per animation frame while `animating()` says something
 * moves, and every IDLE_TICK_MS of wall time otherwise, until stopped.
 */
export function startTimeDriver(
	onFrame: (elapsedMs: number) => void,
	animating: () => boolean = () => true,
	host: DriverHost = browserHost(),
): () => void {
	let last = host.now();
	let frame = 0;
	let timer: ReturnType<typeof setTimeout> | null = null;
	let stopped = false;
	const step = (t: number) => {
		frame = 0;
		timer = null;
		if (stopped) return;
		const elapsed = Math.min(MAX_STEP_MS, Math.max(0, t - last));
		last = t;
		onFrame(elapsed);
		if (stopped) return;
		if (animating() || host.hidden()) frame = host.requestFrame(step);
		else timer = host.setTimer(() => step(host.now()), IDLE_TICK_MS);
	};
	frame = host.requestFrame(step);
	return () => {
		stopped = true;
		if (frame) host.cancelFrame(frame);
		if (timer !== null) host.clearTimer(timer);
	};
}
