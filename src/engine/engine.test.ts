import { describe, expect, it } from 'vitest';
import { createEngine } from './engine.ts';
import { VirtualClock } from './clock.ts';

describe('engine dispatch', () => {
	it('answers unknown commands and arity errors as Redis does', () => {
		const e = createEngine();
		expect(e.exec(['FOOBAR', 'a', 'b', 'c d'])).toEqual({
			type: 'error',
			value: "ERR unknown command 'FOOBAR', with args beginning with: 'a' 'b' 'c d' ",
		});
		expect(e.exec(['GET'])).toEqual({
			type: 'error',
			value: "ERR wrong number of arguments for 'get' command",
		});
		expect(e.exec(['get', 'nokey'])).toEqual({ type: 'bulk', value: null });
	});

	it('runs its cron on the virtual clock only', () => {
		const clock = new VirtualClock(0);
		createEngine({ clock });
		expect(clock.nextTimerAt()).toBe(100);
		clock.advance(1000);
		expect(clock.nextTimerAt()).toBe(1100);
	});
});

describe('virtual clock', () => {
	it('keeps whole milliseconds, as mstime() does', () => {
		const clock = new VirtualClock(0);
		clock.advance(16.7);
		expect(clock.now()).toBe(16);
	});
});
