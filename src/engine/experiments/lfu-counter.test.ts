import { describe, expect, it } from 'vitest';
import {
	LFU_TABLE_FACTORS,
	LFU_TABLE_HITS,
	expectedHitsFor,
	lfuCounterAfterHits,
	lfuFactorTable,
} from './lfu-counter.ts';

/**
 * Bands per cell, each holding redis.conf's table value and our trials on a real Redis
 * (factor 0: 105 | 255 | 255 | 255; 1: 17–19 | 41–52 | 255 | 254–255; 10: 9–10 | 18–24 | 142–154 |
 * 255; 100: 6 | 9–11 | 47–58 | 153–162), widened to the counter's own spread: reaching c takes a sum
 * of geometric waits, so after 1M hits at factor 100 one standard deviation is about ±5 counts.
 */
const BANDS: Record<number, [number, number][]> = {
	0: [
		[105, 105],
		[255, 255],
		[255, 255],
		[255, 255],
	],
	1: [
		[13, 21],
		[38, 60],
		[255, 255],
		[250, 255],
	],
	10: [
		[7, 13],
		[15, 25],
		[130, 160],
		[250, 255],
	],
	100: [
		[6, 8],
		[7, 12],
		[42, 61],
		[135, 166],
	],
};

describe('LFU counter after N hits (lfu-log-factor table)', () => {
	for (const [i, factor] of LFU_TABLE_FACTORS.entries())
		for (const [j, hits] of LFU_TABLE_HITS.entries())
			it(`factor ${factor}, ${hits} hits lands in the measured band for 5 seeds`, () => {
				const [lo, hi] = BANDS[factor]![j]!;
				for (let seed = 1; seed <= 5; seed++) {
					const c = lfuCounterAfterHits(hits, factor, seed * 31 + i);
					expect(c).toBeGreaterThanOrEqual(lo);
					expect(c).toBeLessThanOrEqual(hi);
				}
			});

	it('starts at LFU_INIT_VAL and follows the expected-hits formula on average', () => {
		expect(lfuCounterAfterHits(0, 10)).toBe(5);
		expect(expectedHitsFor(10, 10)).toBe(105);
		let sum = 0;
		for (let seed = 1; seed <= 200; seed++) sum += lfuCounterAfterHits(105, 10, seed);
		expect(sum / 200).toBeGreaterThan(9);
		expect(sum / 200).toBeLessThan(11);
	});

	it('builds the whole table', () => {
		const t = lfuFactorTable();
		expect(t).toHaveLength(4);
		expect(t[0]).toEqual([105, 255, 255, 255]);
	});
});
