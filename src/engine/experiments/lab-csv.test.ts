import { describe, expect, it } from 'vitest';
import { antirezFigure } from './antirez-figure.ts';
import { figureCsv, lfuTableCsv, sweepCsv } from './lab-csv.ts';
import type { SweepResult } from './sweep.ts';

describe('Labs CSV', () => {
	it('sweep: a row per policy, a column per size, hit rates in %', () => {
		const cell = (policy: 'allkeys-lru' | 'belady', size: number, hitRate: number) => ({
			policy,
			size,
			hitRate,
			evictedKeys: 0,
			requests: 10,
			refusedWrites: 0,
		});
		const result: SweepResult = {
			seed: 1,
			sizes: [0.05, 0.1],
			workingSetBytes: 1000,
			cells: [
				cell('allkeys-lru', 0.05, 0.5812),
				cell('allkeys-lru', 0.1, 0.67),
				cell('belady', 0.05, 0.7466),
			],
		};
		expect(sweepCsv(result)).toBe('policy,5%,10%\nallkeys-lru,58.1,67.0\nbelady,74.7,\n');
	});

	it('figure: a row per panel with its ten tenths', () => {
		const csv = figureCsv([antirezFigure({ variant: 'true-lru' })]);
		const [header, row] = csv.trimEnd().split('\n');
		expect(header!.split(',')).toHaveLength(18);
		expect(row!.split(',').slice(0, 2)).toEqual(['true-lru', '5']);
		expect(row!.split(',').slice(4, 8)).toEqual(['100.0', '0.0', '0.0', '0.0']);
	});

	it('LFU table: one row per factor', () => {
		expect(
			lfuTableCsv([
				[104, 255, 255, 255],
				[18, 49, 255, 255],
			]),
		).toBe(
			'factor,100 hits,1000 hits,100000 hits,1000000 hits\n0,104,255,255,255\n1,18,49,255,255\n',
		);
	});
});
