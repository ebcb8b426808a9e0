// Setup for the `component` project (jsdom): testing-library's cleanup after each test, and the one
// browser API jsdom lacks that our components use (bind:clientHeight needs a ResizeObserver).
import '@testing-library/svelte/vitest';

class NoResizeObserver {
	observe(): void {}
	unobserve(): void {}
	disconnect(): void {}
}

globalThis.ResizeObserver ??= NoResizeObserver as unknown as typeof ResizeObserver;
