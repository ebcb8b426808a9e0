// The one place real time enters: a requestAnimationFrame loop that turns elapsed wall time into
// virtual time at the chosen speed. Tests never use it; they move the VirtualClock themselves.

/** Calls `onFrame(realElapsedMs)` once per animation frame until stopped. */
export function startTimeDriver(onFrame: (elapsedMs: number) => void): () => void {
	let last = performance.now();
	let handle = 0;
	let stopped = false;
	const frame = (t: number) => {
		if (stopped) return;
		// A background tab can sleep for minutes: cap one frame's step so time doesn't lurch.
		const elapsed = Math.min(250, Math.max(0, t - last));
		last = t;
		onFrame(elapsed);
		handle = requestAnimationFrame(frame);
	};
	handle = requestAnimationFrame(frame);
	return () => {
		stopped = true;
		cancelAnimationFrame(handle);
	};
}
