import { describe, expect, it } from 'vitest';
import { Prng } from '../lib/prng.ts';
import { LatencyModel } from './latency.ts';

const fixed = { baseMs: 100, jitterMs: 0, writeExtraMs: 20, maxConcurrent: 2 };

describe('LatencyModel', () => {
	it('serves at once while a connection is free', () => {
		const m = new LatencyModel(fixed, new Prng(1));
		expect(m.schedule(0, 'read')).toMatchObject({ startAt: 0, finishAt: 100, latencyMs: 100 });
		expect(m.schedule(0, 'write')).toMatchObject({ startAt: 0, finishAt: 120, latencyMs: 120 });
	});

	it('queues a herd behind the pool: the last in line waits for everyone', () => {
		const m = new LatencyModel(fixed, new Prng(1));
		const herd = Array.from({ length: 6 }, () => m.schedule(0, 'read'));
		expect(herd.map((q) => q.startAt)).toEqual([0, 0, 100, 100, 200, 200]);
		expect(herd.map((q) => q.latencyMs)).toEqual([100, 100, 200, 200, 300, 300]);
		expect(m.queueLength(0)).toBe(4);
		expect(m.inFlight(0)).toBe(6);
		expect(m.queueLength(100)).toBe(2);
		expect(m.queueLength(200)).toBe(0);
		expect(m.inFlight(250)).toBe(2);
		expect(m.inFlight(300)).toBe(0);
		expect(m.maxQueueLength).toBe(4);
		expect(m.busyMs).toBe(600);
	});

	it('draws jitter from the seed and continues from a saved state', () => {
		const config = { ...fixed, jitterMs: 50, maxConcurrent: 100 };
		const a = new LatencyModel(config, new Prng(3));
		const b = new LatencyModel(config, new Prng(3));
		const la = Array.from({ length: 5 }, () => a.schedule(0, 'read').latencyMs);
		expect(Array.from({ length: 5 }, () => b.schedule(0, 'read').latencyMs)).toEqual(la);
		for (const l of la) expect(l).toBeGreaterThanOrEqual(100);
		for (const l of la) expect(l).toBeLessThan(150);
		expect(new Set(la).size).toBeGreaterThan(1);
	});
});
