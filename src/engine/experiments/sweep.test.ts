import { describe, expect, it } from 'vitest';
import {
	hitRateOverTime,
	maxmemoryFor,
	prepareTrace,
	runSweep,
	runSweepJob,
	SWEEP_POLICIES,
	sweepJobs,
	sweepResult,
	type SweepCell,
	type SweepResult,
} from './sweep.ts';
import { generateTrace, type WorkloadOptions } from './workload.ts';
import { MAXMEMORY_POLICIES } from '../config.ts';
import { USED_MEMORY_BASELINE } from '../memory.ts';

// Small enough to run in a unit test: 2,000 keys, 40,000 requests, Zipf alpha 1.
const zipf: WorkloadOptions = { keys: 2000, alpha: 1, requests: 40_000, seed: 1 };
const cell = (r: SweepResult, policy: SweepCell['policy'], size: number) =>
	r.cells.find((c) => c.policy === policy && c.size === size)!;

const sweeps = new Map<number, SweepResult>();
const sweep = (seed: number) => {
	if (!sweeps.has(seed)) sweeps.set(seed, runSweep({ workload: { ...zipf, seed } }));
	return sweeps.get(seed)!;
};

describe('hit-rate sweep jobs', () => {
	it('runs every maxmemory-policy at every size, then true LRU and Belady', () => {
		expect([...SWEEP_POLICIES].sort()).toEqual([...MAXMEMORY_POLICIES].sort());
		const jobs = sweepJobs({ workload: zipf });
		expect(jobs).toHaveLength(10 * 6);
		expect(jobs.filter((j) => j.policy === 'belady').map((j) => j.size)).toEqual([
			0.05, 0.1, 0.2, 0.3, 0.4, 0.5,
		]);
		expect(sweepJobs({ workload: zipf, references: false, sizes: [0.1] })).toHaveLength(8);
	});

	it('sizes the cache in the engine’s own bytes: a fraction of the working set over the baseline', () => {
		const trace = prepareTrace(generateTrace(zipf));
		// key:N (16 B; 8 B for key:0 … key:99) + a 16-byte embstr (48 B) + dictEntry (32 B), and
		// 2,048 table slots of 8 B.
		expect(trace.workingSetBytes).toBe(2000 * 96 - 100 * 8 + 2048 * 8);
		expect(maxmemoryFor(trace, 0.1)).toBe(
			USED_MEMORY_BASELINE + Math.floor(0.1 * trace.workingSetBytes),
		);
	});

	it('puts cells back in job order whichever finished first', () => {
		const o = { workload: zipf, sizes: [0.1, 0.2], policies: ['allkeys-lru' as const] };
		const trace = prepareTrace(generateTrace(zipf));
		const cells = sweepJobs(o).map((j) => runSweepJob(trace, j));
		const r = sweepResult(o, trace.workingSetBytes, [...cells].reverse());
		expect(r.cells).toEqual(cells);
		expect(r.sizes).toEqual([0.1, 0.2]);
	});
});

// A whole sweep takes a few seconds on a loaded machine.
describe('hit-rate sweep on a Zipf workload (seeded)', { timeout: 60_000 }, () => {
	it('is the same for a seed, to the last digit', () => {
		const again = runSweep({ workload: zipf, policies: ['allkeys-lru', 'allkeys-lfu'] });
		for (const c of again.cells) expect(c).toEqual(cell(sweep(1), c.policy, c.size));
		expect(sweep(2).cells).not.toEqual(sweep(1).cells);
	});

	it.each([1, 2])(
		'seed %i: at 10 % of memory allkeys-lru beats allkeys-random by > 2 points',
		(seed) => {
			const r = sweep(seed);
			expect(
				cell(r, 'allkeys-lru', 0.1).hitRate - cell(r, 'allkeys-random', 0.1).hitRate,
			).toBeGreaterThan(0.02);
		},
	);

	it.each([1, 2])('seed %i: Belady is above every policy at every size', (seed) => {
		const r = sweep(seed);
		for (const size of r.sizes) {
			const best = cell(r, 'belady', size).hitRate;
			for (const c of r.cells.filter((x) => x.size === size && x.policy !== 'belady'))
				expect(best).toBeGreaterThan(c.hitRate);
		}
	});

	it.each([1, 2])('seed %i: true LRU within 2 points of allkeys-lru (samples 5, pool)', (seed) => {
		const r = sweep(seed);
		for (const size of r.sizes) {
			const gap = cell(r, 'true-lru', size).hitRate - cell(r, 'allkeys-lru', size).hitRate;
			expect(Math.abs(gap)).toBeLessThan(0.02);
		}
	});

	it('hit rates climb with the cache size, evictions fall', () => {
		const r = sweep(1);
		for (const policy of ['allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'belady'] as const) {
			const cells = r.sizes.map((s) => cell(r, policy, s));
			for (let i = 1; i < cells.length; i++) {
				expect(cells[i]!.hitRate).toBeGreaterThan(cells[i - 1]!.hitRate);
				expect(cells[i]!.evictedKeys).toBeLessThan(cells[i - 1]!.evictedKeys);
			}
		}
	});

	it('volatile-* with no TTLs evict nothing: their fills are refused (OOM), as noeviction’s', () => {
		const r = sweep(1);
		for (const size of r.sizes) {
			const none = cell(r, 'noeviction', size);
			expect(none.evictedKeys).toBe(0);
			expect(none.refusedWrites).toBeGreaterThan(0);
			for (const p of ['volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl'] as const)
				expect(cell(r, p, size)).toEqual({ ...none, policy: p });
			// What fits is kept: the first keys in, mostly the popular ones, so about LRU's rate.
			expect(Math.abs(none.hitRate - cell(r, 'allkeys-lru', size).hitRate)).toBeLessThan(0.03);
		}
		expect(cell(r, 'allkeys-lru', 0.1).refusedWrites).toBe(0);
	});

	it('volatile-lru with every key on a TTL evicts instead of refusing', () => {
		const o = { workload: { ...zipf, ttlShare: 1, ttlSeconds: 3600 }, sizes: [0.1] };
		const trace = prepareTrace(generateTrace(o.workload));
		const [job] = sweepJobs({ ...o, policies: ['volatile-lru'], references: false });
		const c = runSweepJob(trace, job!);
		expect(c.refusedWrites).toBe(0);
		expect(c.evictedKeys).toBeGreaterThan(1000);
	});

	it('a scan burst lowers LRU’s hit rate', () => {
		const scan = runSweep({
			workload: { ...zipf, scanBurst: true },
			policies: ['allkeys-lru'],
			references: false,
		});
		for (const size of scan.sizes)
			expect(cell(scan, 'allkeys-lru', size).hitRate).toBeLessThan(
				cell(sweep(1), 'allkeys-lru', size).hitRate - 0.01,
			);
	});
});

describe('hit rate over time', () => {
	it('warms up, and dips right after the scan burst', () => {
		const o = { workload: { ...zipf, scanBurst: true } };
		// 42,000 requests in 21 intervals of 2,000: the scan is requests 20,000 … 21,999.
		const r = hitRateOverTime(o, 'allkeys-lru', 0.1, 2000);
		expect(r.points).toHaveLength(21);
		expect(r.points[0]!.hitRate).toBeLessThan(r.points[5]!.hitRate);
		expect(r.points[10]!.hitRate).toBeLessThan(0.1);
		expect(r.points[11]!.hitRate).toBeLessThan(r.points[9]!.hitRate);
		expect(r.points.at(-1)!.t).toBe(42);
		const total = r.points.reduce((n, p) => n + p.gets, 0);
		expect(total).toBe(42_000);
	});
});
