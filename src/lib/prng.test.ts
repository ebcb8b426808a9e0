import { describe, expect, it } from 'vitest';
import { Prng } from './prng.ts';

describe('Prng', () => {
	it('replays the same draws from the same seed', () => {
		const a = new Prng(42);
		const b = new Prng(42);
		const draws = Array.from({ length: 5 }, () => a.next());
		expect(Array.from({ length: 5 }, () => b.next())).toEqual(draws);
		expect(new Set(draws).size).toBe(5);
	});

	it('continues from a saved state', () => {
		const a = new Prng(7);
		a.next();
		const b = new Prng(a.state);
		expect(b.next()).toBe(a.next());
	});

	it('stays in range', () => {
		const p = new Prng(1);
		for (let i = 0; i < 1000; i++) {
			const x = p.next();
			expect(x).toBeGreaterThanOrEqual(0);
			expect(x).toBeLessThan(1);
			expect(p.int(3)).toBeLessThan(3);
		}
		expect(() => p.pick([])).toThrow();
	});
});
