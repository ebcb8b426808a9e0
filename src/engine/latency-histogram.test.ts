import { describe, expect, it } from 'vitest';
import { LatencyHistogram, highestEquivalent, lowestEquivalent } from './latency-histogram.ts';

const of = (...ns: number[]) => {
	const h = new LatencyHistogram();
	for (const v of ns) h.record(v);
	return h;
};

describe('LatencyHistogram (hdr_histogram at 1 ns…1 s, two significant figures)', () => {
	it('counts the first 256 ns exactly, then in slots that double with each power of two', () => {
		for (const v of [1, 200, 255]) {
			expect(lowestEquivalent(v)).toBe(v);
			expect(highestEquivalent(v)).toBe(v);
		}
		expect([lowestEquivalent(257), highestEquivalent(257)]).toEqual([256, 257]);
		expect([lowestEquivalent(1030), highestEquivalent(1030)]).toEqual([1024, 1031]);
		expect([lowestEquivalent(269e6), highestEquivalent(269e6)]).toEqual([268435456, 270532607]);
		// 279 ms, as DEBUG SLEEP 0.279 takes: the slot the golden transcript checks on both servers.
		expect([lowestEquivalent(279e6), highestEquivalent(279e6)]).toEqual([278921216, 281018367]);
	});

	it('answers a percentile with its slot’s highest value, p0 with its lowest (as 7.0.15 does)', () => {
		const h = of(269_000_000);
		expect(h.valueAtPercentile(50)).toBe(270532607);
		expect(h.valueAtPercentile(0)).toBe(268435456);
		expect(h.valueAtPercentile(100)).toBe(270532607);
		// A call that took no time counts as 1 ns: INFO prints p50=0.001.
		expect(of(0).valueAtPercentile(50)).toBe(1);
		// Longer than a second is clamped to the last slot: p50=1002438.655 on a real server too.
		expect(of(1_200_000_000).valueAtPercentile(50)).toBe(1002438655);
		expect(of(1_200_000_000).valueAtPercentile(0)).toBe(998244352);
	});

	it('ranks by rounding the percentile’s share of the calls, at least the first', () => {
		const h = of(0, 27_000, 27_000, 100_000_000);
		expect(h.total).toBe(4);
		expect(h.valueAtPercentile(0.0001)).toBe(1); // rank max(1, round(0.000004)) = 1
		expect(h.valueAtPercentile(50)).toBe(highestEquivalent(27_000)); // rank 2
		expect(h.valueAtPercentile(62.5)).toBe(highestEquivalent(27_000)); // rank round(2.5) = 3
		expect(h.valueAtPercentile(87.5)).toBe(highestEquivalent(100_000_000)); // rank 4
	});

	it('gives LATENCY HISTOGRAM’s steps in µs: the running count where it grew', () => {
		// A 27 µs SET on a real server: "33 → 1". A 1.2 s DEBUG SLEEP: "1073741 → 1".
		expect(of(27_000).cdf()).toEqual([[33, 1]]);
		expect(of(1_200_000_000).cdf()).toEqual([[1073741, 1]]);
		expect(of(0, 0).cdf()).toEqual([[1, 2]]);
		expect(of(100_000, 100_663_295, 200_278_015).cdf()).toEqual([
			[132, 1],
			[135266, 2],
			[270532, 3],
		]);
		expect(new LatencyHistogram().cdf()).toEqual([]);
	});

	it('counts a call that took no time with recordInstant as record(0) counts it', () => {
		const a = of(0, 0, 300, 5000);
		const b = of(300, 5000);
		b.recordInstant();
		b.recordInstant();
		expect(b.total).toBe(a.total);
		for (const p of [0, 25, 50, 60, 100])
			expect(b.valueAtPercentile(p)).toBe(a.valueAtPercentile(p));
		expect(b.valueAtPercentile(50)).toBe(1);
	});

	it('is copied, not shared, by clone', () => {
		const h = of(27_000);
		const copy = h.clone();
		copy.record(0);
		expect([h.total, copy.total]).toEqual([1, 2]);
		expect(copy.cdf()).toEqual([
			[1, 1],
			[33, 2],
		]);
	});
});
