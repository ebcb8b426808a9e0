// "When the page is idle, and no later than `timeoutMs`", with a plain timer where there is no
// requestIdleCallback (Safari before 18). Returns a cancel function, for effects' teardown.

export interface IdleOptions {
	/** The latest the callback may wait for an idle moment. */
	readonly timeoutMs: number;
	/** Where there is no idle callback: the timer's delay instead. */
	readonly fallbackMs: number;
}

export function whenIdle(f: () => void, { timeoutMs, fallbackMs }: IdleOptions): () => void {
	if (typeof requestIdleCallback === 'function') {
		const id = requestIdleCallback(() => f(), { timeout: timeoutMs });
		return () => cancelIdleCallback(id);
	}
	const timer = setTimeout(f, fallbackMs);
	return () => clearTimeout(timer);
}
