import { describe, expect, it } from 'vitest';
import { Random } from './random.ts';
import { hashOf } from './probe-hash.ts';
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
				expect(dict.get(probe) !== undefined).toBe(model.has(probe));
			}
			expect([...dict.keys()].sort()).toEqual([...model.keys()].sort());
		}
		for (const name of [...model.keys()]) expect(dict.delete(name)).toBe(true);
		expect(dict.size).toBe(0);
		expect([...dict.keys()]).toEqual([]);
		expect(dict.get('m:1')).toBeUndefined();
	});

	it('keeps honest names in its table, and hands names chosen to collide to a Map', () => {
		const honest = new MemberDict();
		for (let i = 0; i < 200_000; i++)
			honest.set(`member:key:${i}`, new ZNode(`member:key:${i}`, i, 1));
		expect(honest.isMap).toBe(false);
		expect(honest.get('member:key:123456')?.score).toBe(123456);

		// 300 names sharing the low 12 bits of their hash: one home slot while the table is small.
		const names: string[] = [];
		for (let i = 0; names.length < 300; i++)
			if ((hashOf(`n${i}`) & 0xfff) === 7) names.push(`n${i}`);
		const dict = new MemberDict();
		const model = new Map<string, ZNode>();
		names.forEach((name, k) => {
			const node = new ZNode(name, k, 1);
			dict.set(name, node);
			model.set(name, node);
		});
		expect(dict.isMap).toBe(true);
		expect(dict.size).toBe(300);
		for (const name of names.slice(0, 100)) expect(dict.delete(name)).toBe(model.delete(name));
		expect(dict.delete('absent')).toBe(false);
		expect(dict.size).toBe(model.size);
		for (const name of names) expect(dict.get(name)).toBe(model.get(name));
		expect([...dict.keys()]).toEqual([...model.keys()]);
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
