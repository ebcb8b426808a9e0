import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock.ts';
import { createEngine } from './engine.ts';

type Step = readonly string[] | number;

/** Writes, in-place hash changes, renames, TTLs, LFU and time: everything a KeyView shows. */
const STEPS: readonly Step[] = [
	['SET', 'a', 'hello'],
	['SET', 'n', '10'],
	['HSET', 'h', 'f1', 'v1'],
	1500,
	['APPEND', 'a', ' world'],
	['INCR', 'n'],
	['HSET', 'h', 'f2', 'v2'],
	['EXPIRE', 'a', '5'],
	2000,
	['GET', 'n'],
	['RENAME', 'n', 'm'],
	['SET', 'h', 'now a string'],
	6000,
	['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu'],
	['GET', 'm'],
	90_000,
	['DEL', 'm'],
	['SET', 'b', 'x', 'PX', '10'],
];

function run(steps: readonly Step[], onEach: (e: ReturnType<typeof createEngine>) => void) {
	const engine = createEngine({ clock: new VirtualClock(1_700_000_000_000), seed: 3 });
	engine.exec(['DEBUG', 'SET-ACTIVE-EXPIRE', '0']);
	for (const step of steps) {
		if (typeof step === 'number') engine.clock.advance(step);
		else engine.exec([...step]);
		onEach(engine);
	}
	return engine;
}

describe('inspect reuses what did not change', () => {
	it('reports what a first look at the same state reports, after every step', () => {
		const looks = run(STEPS, (e) => void e.inspect());
		for (let n = 1; n <= STEPS.length; n++) {
			const watched = run(STEPS.slice(0, n), (e) => void e.inspect()).inspect();
			const cold = run(STEPS.slice(0, n), () => {}).inspect();
			expect(watched).toEqual(cold);
		}
		expect(looks.inspect().keys.map((k) => k.name)).toEqual(['a', 'h', 'b']);
	});

	it('hands back the same frozen array and KeyViews while nothing changed', () => {
		const engine = run([['SET', 'a', '1'], ['SET', 'b', '2', 'EX', '100'], 10], () => {});
		const first = engine.inspect();
		const second = engine.inspect();
		expect(second.keys).toBe(first.keys);
		expect(Object.isFrozen(second.keys)).toBe(true);
		expect(Object.isFrozen(second.keys[0])).toBe(true);
		engine.exec(['SET', 'a', '3']);
		const third = engine.inspect();
		expect(third.keys).not.toBe(first.keys);
		expect(third.keys.find((k) => k.name === 'b')).toBe(first.keys.find((k) => k.name === 'b'));
		expect(third.keys.find((k) => k.name === 'a')?.preview).toBe('3');
	});
});

it('gives the soonest expiry still ahead, leaving ghosts out, in the same look', () => {
	const clock = new VirtualClock(1_700_000_000_000);
	const engine = createEngine({ clock, seed: 3 });
	engine.exec(['DEBUG', 'SET-ACTIVE-EXPIRE', '0']);
	engine.exec(['SET', 'plain', 'v']);
	expect(engine.inspect().nextExpiry).toBeNull();
	engine.exec(['SET', 'later', 'v', 'EX', '30']);
	engine.exec(['SET', 'soon', 'v', 'PX', '1500']);
	expect(engine.inspect().nextExpiry).toBe(1_700_000_001_500);
	clock.advance(1500);
	// Due now is still ahead: TTL answers 0 until the millisecond after.
	expect(engine.inspect().nextExpiry).toBe(1_700_000_001_500);
	clock.advance(1);
	const view = engine.inspect();
	expect(view.keys.find((k) => k.name === 'soon')?.isExpired).toBe(true);
	expect(view.nextExpiry).toBe(1_700_000_030_000);
});
