import { describe, expect, it } from 'vitest';
import { Random } from '../random.ts';
import { hitRateRun, type HitRateOptions } from './hit-rate.ts';
import { powerLawRand } from './power-law.ts';

const base: HitRateOptions = {
	keys: 20_000,
	maxmemory: 1_300_000,
	policy: 'allkeys-lru',
	requestsPerSecond: 4_000,
	durationSeconds: 6,
};
const steady = (r: ReturnType<typeof hitRateRun>) => {
	const tail = r.points.slice(-3);
	return tail.reduce((s, p) => s + p.hitRate, 0) / tail.length;
};

describe('powerLawRand (redis-cli --lru-test)', () => {
	it('stays in range and gives the bottom fifth of keys about 80 % of the draws', () => {
		const rng = new Random(3);
		let low = 0;
		for (let i = 0; i < 50_000; i++) {
			const n = powerLawRand(rng, 1, 1000, 6.2);
			expect(n).toBeGreaterThanOrEqual(1);
			expect(n).toBeLessThanOrEqual(1000);
			if (n <= 200) low++;
		}
		expect(low / 50_000).toBeGreaterThan(0.78);
		expect(low / 50_000).toBeLessThan(0.82);
	});
});

describe('hit-rate run', () => {
	it('reports one point per interval and is deterministic for a seed', () => {
		const a = hitRateRun(base);
		expect(a.points.map((p) => p.t)).toEqual([1, 2, 3, 4, 5, 6]);
		expect(a.points.every((p) => p.hits + p.misses === 4000)).toBe(true);
		expect(hitRateRun(base)).toEqual(a);
	});

	it('warms up: the hit rate climbs, and memory stays at the limit once full', () => {
		const r = hitRateRun(base);
		expect(r.points[0]!.hitRate).toBeLessThan(steady(r));
		expect(r.evictedKeys).toBeGreaterThan(1000);
		for (const p of r.points.slice(-3)) expect(p.usedMemory).toBeLessThanOrEqual(1_300_000 + 200);
	});

	it('without a limit nothing is evicted and the hit rate keeps climbing', () => {
		const r = hitRateRun({ ...base, maxmemory: 0, policy: 'noeviction' });
		expect(r.evictedKeys).toBe(0);
		expect(steady(r)).toBeGreaterThan(steady(hitRateRun(base)));
	});

	it('ranks policies on a power law: LFU > LRU > random (seeded: ~0.70, 0.65, 0.61)', () => {
		for (const seed of [1, 2]) {
			const lru = steady(hitRateRun({ ...base, seed }));
			const lfu = steady(hitRateRun({ ...base, seed, policy: 'allkeys-lfu' }));
			const random = steady(hitRateRun({ ...base, seed, policy: 'allkeys-random' }));
			expect(lru - random).toBeGreaterThan(0.02);
			expect(lfu - random).toBeGreaterThan(0.05);
			expect(lfu).toBeGreaterThan(lru);
		}
	});

	it('volatile-lru without TTLs refuses the writes (OOM) instead of evicting', () => {
		const r = hitRateRun({ ...base, policy: 'volatile-lru' });
		expect(r.evictedKeys).toBe(0);
		expect(r.points.at(-1)!.oom).toBeGreaterThan(0);
		const withTtl = hitRateRun({ ...base, policy: 'volatile-lru', ttlSeconds: 3600 });
		expect(withTtl.evictedKeys).toBeGreaterThan(0);
		expect(withTtl.points.at(-1)!.oom).toBe(0);
	});

	it("runs redis-cli's lru-test cycles of 250 SETs then 250 GETs", () => {
		const r = hitRateRun({ ...base, workload: 'lru-test' });
		expect(r.points.every((p) => p.hits + p.misses === 2000)).toBe(true);
	});
});
