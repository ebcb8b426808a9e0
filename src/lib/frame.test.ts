import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterNextFrame } from './frame.ts';

describe('afterNextFrame', () => {
	afterEach(() => {
		vi.unstubAllGlobals();
		vi.useRealTimers();
	});

	it('runs in a task posted from the next animation frame, not in the frame', () => {
		vi.useFakeTimers();
		const frames: (() => void)[] = [];
		vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb));
		vi.stubGlobal('cancelAnimationFrame', vi.fn());
		const f = vi.fn();
		afterNextFrame(f);
		vi.advanceTimersByTime(100);
		expect(f).not.toHaveBeenCalled();
		frames[0]!();
		expect(f).not.toHaveBeenCalled();
		vi.advanceTimersByTime(0);
		expect(f).toHaveBeenCalledTimes(1);
	});

	it('can be cancelled before the frame and after it', () => {
		vi.useFakeTimers();
		const frames: (() => void)[] = [];
		const cancel = vi.fn();
		vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb));
		vi.stubGlobal('cancelAnimationFrame', cancel);
		const f = vi.fn();
		afterNextFrame(f)();
		expect(cancel).toHaveBeenCalledWith(1);
		const stop = afterNextFrame(f);
		frames[1]!();
		stop();
		vi.advanceTimersByTime(10);
		expect(f).not.toHaveBeenCalled();
	});

	it('falls back to a zero-delay timer where there are no animation frames', () => {
		vi.useFakeTimers();
		vi.stubGlobal('requestAnimationFrame', undefined);
		const f = vi.fn();
		afterNextFrame(f);
		expect(f).not.toHaveBeenCalled();
		vi.advanceTimersByTime(0);
		expect(f).toHaveBeenCalledTimes(1);
	});
});
