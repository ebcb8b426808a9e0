import { describe, expect, it } from 'vitest';
import { KeyTable } from './key-table.ts';
import { hashOf } from './probe-hash.ts';
import { Random } from './random.ts';

/** Entries by name: the table's order is its slots', a Map's its insertions'. */
const byName = (entries: Iterable<[string, number]>) =>
	[...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

describe('KeyTable', () => {
	it('agrees with a Map through adds, replaces and deletes, growing and shrinking', () => {
		const rng = new Random(11);
		const table = new KeyTable<number>();
		const model = new Map<string, number>();
		// Few distinct names in a small table first (runs wrap round its end), then many, then few
		// again, so the table shrinks back.
		for (const [names, steps] of [
			[12, 4000],
			[5000, 40000],
			[40, 20000],
		] as const) {
			for (let step = 0; step < steps; step++) {
				const name = `k:${rng.int(names)}`;
				if (rng.int(3) === 0) expect(table.delete(name)).toBe(model.delete(name));
				else {
					table.set(name, step);
					model.set(name, step);
				}
				expect(table.size).toBe(model.size);
				const probe = `k:${rng.int(names)}`;
				expect(table.get(probe)).toBe(model.get(probe));
				expect(table.has(probe)).toBe(model.has(probe));
			}
			expect(byName(table)).toEqual(byName(model));
		}
		for (const name of [...model.keys()]) expect(table.delete(name)).toBe(true);
		expect(table.size).toBe(0);
		expect([...table]).toEqual([]);
		expect(table.get('k:1')).toBeUndefined();
	});

	it('keeps honest names in its table, and hands names chosen to collide to a Map', () => {
		const honest = new KeyTable<number>();
		for (let i = 0; i < 200_000; i++) honest.set(`key:${i}`, i);
		expect(honest.isMap).toBe(false);
		expect(honest.get('key:123456')).toBe(123456);

		// 300 names sharing the low 12 bits of their hash: one home slot while the table is small.
		const names: string[] = [];
		for (let i = 0; names.length < 300; i++)
			if ((hashOf(`n${i}`) & 0xfff) === 7) names.push(`n${i}`);
		const table = new KeyTable<number>();
		const model = new Map<string, number>();
		names.forEach((name, k) => {
			table.set(name, k);
			model.set(name, k);
		});
		expect(table.isMap).toBe(true);
		expect(table.size).toBe(300);
		for (const name of names.slice(0, 100)) expect(table.delete(name)).toBe(model.delete(name));
		expect(table.delete('absent')).toBe(false);
		expect(table.size).toBe(model.size);
		for (const name of names) expect(table.get(name)).toBe(model.get(name));
		expect([...table]).toEqual([...model]);
		// FLUSHDB empties it back into a table.
		table.clear();
		expect(table.isMap).toBe(false);
		table.set('a', 1);
		expect([...table]).toEqual([['a', 1]]);
	});

	it('tells apart names that are equal as strings but distinct objects, and the empty name', () => {
		const table = new KeyTable<number>();
		table.set('x'.repeat(20), 1);
		table.set('', 2);
		const same = ['x'.repeat(10), 'x'.repeat(10)].join('');
		expect(table.get(same)).toBe(1);
		table.set(same, 3);
		expect(table.size).toBe(2);
		expect(table.get('')).toBe(2);
		expect(table.get('x'.repeat(19))).toBeUndefined();
		expect(table.has('x'.repeat(21))).toBe(false);
	});
});
