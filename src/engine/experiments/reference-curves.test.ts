import { describe, expect, it } from 'vitest';
import { Random } from '../random.ts';
import { beladyHits, beladyTraceHits, trueLruHits, trueLruTraceHits } from './reference-curves.ts';

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

	it('the typed-array versions agree with the Map versions on a read-only trace', () => {
		const random = new Random(11);
		const trace = Array.from({ length: 20_000 }, () => Math.floor(500 * random.next() ** 3));
		const ids = Int32Array.from(trace);
		const ops = new Uint8Array(ids.length);
		for (const capacity of [0, 5, 40, 200, 600]) {
			const lru = trueLruTraceHits(ids, ops, 500, capacity);
			const opt = beladyTraceHits(ids, ops, 500, capacity);
			expect(lru.hits).toBe(trueLruHits(trace, capacity));
			expect(opt.hits).toBe(beladyHits(trace, capacity));
			expect(lru.gets).toBe(20_000);
		}
	});

	it('a write is no hit, inserts the key, and Belady does not keep a key for its rewrite', () => {
		// capacity 1: GET 1 (miss), SET 2 (replaces 1), GET 2 (hit), GET 1 (miss)
		const ids = Int32Array.from([1, 2, 2, 1]);
		const ops = Uint8Array.from([0, 1, 0, 0]);
		expect(trueLruTraceHits(ids, ops, 3, 1)).toEqual({ hits: 1, gets: 3, evicted: 2 });
		// capacity 2: GET 0, GET 1, GET 2 must drop 0 or 1; 0 is next SET (refilled anyway), so
		// Belady drops 0 and GET 1 hits (counting the SET as a use would drop 1 instead).
		const ids2 = Int32Array.from([0, 1, 2, 0, 1]);
		const ops2 = Uint8Array.from([0, 0, 0, 1, 0]);
		expect(beladyTraceHits(ids2, ops2, 3, 2)).toEqual({ hits: 1, gets: 4, evicted: 2 });
	});
});
