import { describe, expect, it } from 'vitest';
import { LFU_INIT_VAL } from '../lfu.ts';
import { lfuDecayCurve } from './lfu-decay.ts';

describe('lfuDecayCurve', () => {
	it('loses one unit per lfu-decay-time minutes idle, down to 0', () => {
		const { peak, points } = lfuDecayCurve({ hits: 0, factor: 10, decayTime: 2, idleMinutes: 12 });
		expect(peak).toBe(LFU_INIT_VAL);
		expect(points.map((p) => p.counter)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1, 0, 0, 0]);
	});

	it('never decays with lfu-decay-time 0', () => {
		const { peak, points } = lfuDecayCurve({
			hits: 1000,
			factor: 1,
			decayTime: 0,
			idleMinutes: 30,
		});
		expect(peak).toBeGreaterThan(LFU_INIT_VAL);
		expect(new Set(points.map((p) => p.counter))).toEqual(new Set([peak]));
	});

	it('starts from the counter the hits built and is the same for the same seed', () => {
		const a = lfuDecayCurve({ hits: 100, factor: 0, decayTime: 1, idleMinutes: 3, seed: 7 });
		const b = lfuDecayCurve({ hits: 100, factor: 0, decayTime: 1, idleMinutes: 3, seed: 7 });
		// factor 0: every hit counts, so 5 + 100.
		expect(a.peak).toBe(105);
		expect(a.points.map((p) => p.counter)).toEqual([105, 104, 103, 102]);
		expect(b).toEqual(a);
	});
});
