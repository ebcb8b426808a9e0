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

	it("keeps its methods bound: an engine's or a client's exec handed on alone still runs", () => {
		const e = createEngine();
		const { exec, connect, fork } = e;
		expect(exec(['SET', 'k', 'v'])).toEqual({ type: 'status', value: 'OK' });
		const c = connect();
		const run = c.exec;
		expect(run(['GET', 'k'])).toEqual({ type: 'bulk', value: 'v' });
		expect(fork().exec(['GET', 'k'])).toEqual({ type: 'bulk', value: 'v' });
		// The getters read the client's state, from its prototype.
		run(['SELECT', '2']);
		expect(c.db).toBe(2);
		expect(e.resp).toBe(2);
	});

	it('runs its cron on the virtual clock only, and only when a TTL can fall due', () => {
		const clock = new VirtualClock(0);
		// Without save points: a write would otherwise plan the tick that saves an hour later.
		const e = createEngine({ clock, config: { stored: { save: '' } } });
		expect(clock.nextTimerAt()).toBeNull();
		e.exec(['SET', 'k', 'v', 'PX', '1050']);
		// The first tick of the hz 10 grid after the key's expiry at 1050 ms.
		expect(clock.nextTimerAt()).toBe(1100);
		clock.advance(1100);
		expect(e.exec(['DBSIZE'])).toEqual({ type: 'integer', value: 0 });
		// A tick that deleted something is followed by one more; that one finds nothing and sleeps.
		expect(clock.nextTimerAt()).toBe(1200);
		clock.advance(100);
		expect(clock.nextTimerAt()).toBeNull();
	});

	it('crosses a month of virtual time in a few ticks', () => {
		const clock = new VirtualClock(0);
		const e = createEngine({ clock });
		e.exec(['SET', 'later', 'v', 'EX', '86400']);
		e.exec(['SET', 'sooner', 'v', 'EX', '60']);
		clock.advance(30 * 86_400_000);
		expect(e.exec(['DBSIZE'])).toEqual({ type: 'integer', value: 0 });
		expect(e.exec(['DEBUG', 'SLEEP', '100000000'])).toEqual({ type: 'status', value: 'OK' });
	});
});

describe('virtual clock', () => {
	it('keeps whole milliseconds, as mstime() does', () => {
		const clock = new VirtualClock(0);
		clock.advance(16.7);
		expect(clock.now()).toBe(16);
	});
});
