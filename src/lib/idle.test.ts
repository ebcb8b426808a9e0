import { afterEach, describe, expect, it, vi } from 'vitest';
import { whenIdle } from './idle.ts';

describe('whenIdle', () => {
	afterEach(() => {
		vi.unstubAllGlobals();
		vi.useRealTimers();
	});

	it('asks for an idle callback with the timeout, and cancels it', () => {
		const request = vi.fn((_f: () => void, _o: { timeout: number }) => 7);
		const cancel = vi.fn();
		vi.stubGlobal('requestIdleCallback', request);
		vi.stubGlobal('cancelIdleCallback', cancel);
		const f = vi.fn();
		const stop = whenIdle(f, { timeoutMs: 2000, fallbackMs: 50 });
		expect(request).toHaveBeenCalledWith(expect.any(Function), { timeout: 2000 });
		request.mock.calls[0]![0]();
		expect(f).toHaveBeenCalledTimes(1);
		stop();
		expect(cancel).toHaveBeenCalledWith(7);
	});

	it('falls back to a timer where there is no idle callback', () => {
		vi.useFakeTimers();
		vi.stubGlobal('requestIdleCallback', undefined);
		const f = vi.fn();
		whenIdle(f, { timeoutMs: 2000, fallbackMs: 50 });
		vi.advanceTimersByTime(49);
		expect(f).not.toHaveBeenCalled();
		vi.advanceTimersByTime(1);
		expect(f).toHaveBeenCalledTimes(1);
		const g = vi.fn();
		const stop = whenIdle(g, { timeoutMs: 2000, fallbackMs: 50 });
		stop();
		vi.advanceTimersByTime(100);
		expect(g).not.toHaveBeenCalled();
	});
});
