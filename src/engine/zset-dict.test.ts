import { describe, expect, it } from 'vitest';
import { Random } from './random.ts';
import { MemberDict } from './zset-dict.ts';
import { ZNode } from './zset-order.ts';

describe('MemberDict', () => {
	it('agrees with a Map through adds, replaces and deletes, growing and shrinking', () => {
		const rng = new Random(9);
		const dict = new MemberDict();
		const model = new Map<string, ZNode>();
		// Few distinct names in a small table first (runs wrap round its end), then many.
		for (const [names, steps] of [
			[12, 4000],
			[5000, 40000],
			[40, 20000],
		] as const) {
			for (let step = 0; step < steps; step++) {
				const name = `m:${rng.int(names)}`;
				const op = rng.int(3);
				if (op === 0) {
					expect(dict.delete(name)).toBe(model.delete(name));
				} else {
					const node = new ZNode(name, step, 1);
					dict.set(name, node);
					model.set(name, node);
				}
				expect(dict.size).toBe(model.size);
				const probe = `m:${rng.int(names)}`;
				expect(dict.get(probe)).toBe(model.get(probe));
				expect(dict.has(probe)).toBe(model.has(probe));
			}
			expect([...dict.keys()].sort()).toEqual([...model.keys()].sort());
		}
		for (const name of [...model.keys()]) expect(dict.delete(name)).toBe(true);
		expect(dict.size).toBe(0);
		expect([...dict.keys()]).toEqual([]);
		expect(dict.get('m:1')).toBeUndefined();
	});

	it('tells apart names that are equal as strings but distinct objects, and the empty name', () => {
		const dict = new MemberDict();
		const a = new ZNode('x'.repeat(20), 1, 1);
		dict.set(a.ele, a);
		dict.set('', new ZNode('', 2, 1));
		const same = ['x'.repeat(10), 'x'.repeat(10)].join('');
		expect(dict.get(same)).toBe(a);
		expect(dict.get('')?.score).toBe(2);
		expect(dict.get('x'.repeat(19))).toBeUndefined();
	});
});
