import { describe, expect, it } from 'vitest';
import { generateTrace, keyTable, OP_SET, zipfCdf } from './workload.ts';

const base = { keys: 1000, alpha: 1, requests: 50_000, seed: 4 };
const shareOf = (ids: Int32Array, pred: (id: number) => boolean) =>
	ids.reduce((n, id) => n + (pred(id) ? 1 : 0), 0) / ids.length;

describe('workload trace', () => {
	it('is the same for a seed and different for another', () => {
		const a = generateTrace(base);
		expect(generateTrace(base).ids).toEqual(a.ids);
		expect(generateTrace({ ...base, seed: 5 }).ids).not.toEqual(a.ids);
	});

	it('alpha 1: the top 1 % of keys draw about a third of the requests (harmonic weights)', () => {
		const cdf = zipfCdf(1000, 1);
		const share = shareOf(generateTrace(base).ids, (id) => id < 10);
		expect(share).toBeGreaterThan(cdf[9]! - 0.01);
		expect(share).toBeLessThan(cdf[9]! + 0.01);
		expect(cdf[9]).toBeGreaterThan(0.38);
		expect(cdf[9]).toBeLessThan(0.4);
	});

	it('alpha 0 is flat: each tenth of the keys gets a tenth of the requests', () => {
		const { ids } = generateTrace({ ...base, alpha: 0 });
		for (let d = 0; d < 10; d++) {
			const share = shareOf(ids, (id) => id >= d * 100 && id < (d + 1) * 100);
			expect(Math.abs(share - 0.1)).toBeLessThan(0.01);
		}
	});

	it('draws writes and TTL keys in the asked shares, ids within 0 … N−1', () => {
		const t = generateTrace({ ...base, writeShare: 0.2, ttlShare: 0.3 });
		const writes = t.ops.reduce((n, op) => n + (op === OP_SET ? 1 : 0), 0) / t.ops.length;
		expect(Math.abs(writes - 0.2)).toBeLessThan(0.01);
		const ttl = t.volatile.reduce((n, v) => n + v, 0) / t.keys;
		expect(Math.abs(ttl - 0.3)).toBeLessThan(0.05);
		expect(Math.min(...t.ids)).toBeGreaterThanOrEqual(0);
		expect(Math.max(...t.ids)).toBeLessThan(1000);
		// The TTL choice has its own stream: the requests do not move.
		expect(t.ids).toEqual(generateTrace({ ...base, writeShare: 0.2 }).ids);
	});

	it('a scan burst reads every key once, in order, half-way through', () => {
		const t = generateTrace({ ...base, scanBurst: true });
		expect(t.ids).toHaveLength(51_000);
		expect(t.scanAt).toBe(25_000);
		expect(Array.from(t.ids.subarray(25_000, 26_000))).toEqual(
			Array.from({ length: 1000 }, (_, k) => k),
		);
		expect(t.ops.subarray(25_000, 26_000).every((op) => op === 0)).toBe(true);
		expect(generateTrace(base).scanAt).toBe(-1);
	});

	it('names keys once per trace', () => {
		expect(keyTable(3)).toEqual(['key:0', 'key:1', 'key:2']);
	});
});
