// "Once the frame now being made has been drawn": for what may show a frame late, so that it is
// not part of the frame an input's answer is waiting for. Where there are no animation frames (a
// test in Node), a plain zero-delay timer. Returns a cancel function.

export function afterNextFrame(f: () => void): () => void {
	if (typeof requestAnimationFrame !== 'function') {
		const timer = setTimeout(f, 0);
		return () => clearTimeout(timer);
	}
	let timer: ReturnType<typeof setTimeout> | undefined;
	// The frame's animation callbacks run before its style, layout and paint; a task posted from
	// one runs after them.
	const frame = requestAnimationFrame(() => (timer = setTimeout(f, 0)));
	return () => {
		cancelAnimationFrame(frame);
		clearTimeout(timer);
	};
}
