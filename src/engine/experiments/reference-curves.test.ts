import { describe, expect, it } from 'vitest';
import { Random } from '../random.ts';
import { beladyHits, trueLruHits } from './reference-curves.ts';

describe('reference caches', () => {
	it('true LRU evicts the least recently used key', () => {
		// capacity 2: 1 2 1 3 (evicts 2) 2 (miss, evicts 1) 1 (miss)
		expect(trueLruHits([1, 2, 1, 3, 2, 1], 2)).toBe(1);
	});

	it('Belady evicts the key used furthest in the future', () => {
		// capacity 2: 1 2 3 (evicts 2, 1 is used sooner) 1 hit, 2 (evicts 1, never used again) 3 hit
		expect(beladyHits([1, 2, 3, 1, 2, 3], 2)).toBe(2);
		expect(trueLruHits([1, 2, 3, 1, 2, 3], 2)).toBe(0);
	});

	it('Belady is never below true LRU on a skewed seeded trace', () => {
		const random = new Random(7);
		const trace = Array.from({ length: 20_000 }, () => {
			const u = random.next();
			return Math.floor(1000 * u * u * u);
		});
		for (const capacity of [10, 50, 100, 300]) {
			const lru = trueLruHits(trace, capacity);
			const opt = beladyHits(trace, capacity);
			expect(opt).toBeGreaterThanOrEqual(lru);
			expect(lru).toBeGreaterThan(0);
		}
		expect(beladyHits(trace, 0)).toBe(0);
	});
});
