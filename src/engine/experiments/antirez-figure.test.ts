import { describe, expect, it } from 'vitest';
import { antirezFigure } from './antirez-figure.ts';

// Bands from three runs of the figure on a real Redis: 82.1–84.4 % at samples 5, 91.4–92.5 % at 10.
describe("antirez's LRU figure (seeded runs)", () => {
	const seeds = [1, 2, 3];

	it('true LRU evicts exactly the oldest half and no added key', () => {
		const r = antirezFigure({ variant: 'true-lru' });
		expect(r.summary.oldestHalfEvicted).toBe(100);
		expect(r.summary.newerHalfEvicted).toBe(0);
		expect(r.summary.addedEvicted).toBe(0);
		expect(r.summary.errorPercent).toBe(0);
	});

	it.each(seeds)('pool, samples 5, seed %i: 82–88 % of the oldest half evicted', (seed) => {
		const r = antirezFigure({ samples: 5, seed });
		expect(r.summary.oldestHalfEvicted).toBeGreaterThanOrEqual(82);
		expect(r.summary.oldestHalfEvicted).toBeLessThanOrEqual(88);
		expect(r.summary.addedEvicted).toBe(0);
	});

	it.each(seeds)('pool, samples 10, seed %i: 89–95 %, no added key evicted', (seed) => {
		const r = antirezFigure({ samples: 10, seed });
		expect(r.summary.oldestHalfEvicted).toBeGreaterThanOrEqual(89);
		expect(r.summary.oldestHalfEvicted).toBeLessThanOrEqual(95);
		expect(r.summary.addedEvicted).toBe(0);
		expect(r.fates.filter((f) => f === 'added-evicted')).toHaveLength(0);
	});

	it.each(seeds)(
		'Redis 2.8 (no pool), samples 5, seed %i: near 77 %, a few added keys lost',
		(seed) => {
			const r = antirezFigure({ variant: 'no-pool', samples: 5, seed });
			expect(r.summary.oldestHalfEvicted).toBeGreaterThanOrEqual(74);
			expect(r.summary.oldestHalfEvicted).toBeLessThanOrEqual(80);
			expect(r.summary.addedEvicted).toBeGreaterThan(0);
			expect(r.summary.addedEvicted).toBeLessThan(2);
		},
	);

	// Real Redis: the middle of the three runs' ranges above; Redis 2.8's sampler, about 77 %.
	it.each([
		['pool', 5, 83.2],
		['pool', 10, 92.0],
		['no-pool', 5, 77],
	] as const)(
		'%s, samples %i: within 3 points of real Redis (%f) over five seeds',
		(variant, samples, real) => {
			for (const seed of [1, 2, 3, 4, 5]) {
				const r = antirezFigure({ variant, samples, seed });
				expect(Math.abs(r.summary.oldestHalfEvicted - real)).toBeLessThanOrEqual(3);
			}
		},
	);

	it('random eviction ignores age: about 39 % everywhere, ~21 % of added keys', () => {
		const r = antirezFigure({ variant: 'random' });
		expect(r.summary.oldestHalfEvicted).toBeGreaterThan(36);
		expect(r.summary.oldestHalfEvicted).toBeLessThan(43);
		expect(r.summary.addedEvicted).toBeGreaterThan(18);
		expect(r.summary.addedEvicted).toBeLessThan(25);
	});

	it('returns one fate per key, old keys first, and fills about 13k keys under 2 MB', () => {
		const r = antirezFigure({ samples: 5 });
		expect(r.fates).toHaveLength(r.oldKeys + r.addedKeys);
		expect(r.oldKeys).toBeGreaterThan(12_000);
		expect(r.oldKeys).toBeLessThan(14_000);
		expect(r.fates.slice(0, r.oldKeys).every((f) => f.startsWith('old-'))).toBe(true);
		expect(r.summary.decilesEvicted[0]).toBeGreaterThan(r.summary.decilesEvicted[9]!);
	});

	it('is deterministic for a seed', () => {
		expect(antirezFigure({ seed: 9 }).fates).toEqual(antirezFigure({ seed: 9 }).fates);
	});
});
