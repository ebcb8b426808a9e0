import { describe, expect, it } from 'vitest';
import { listAllocBytes, listUsageBytes } from './memory-list.ts';
import { keyBytes } from './memory.ts';
import { QuickList } from './quicklist.ts';

// MEMORY USAGE of `k{kind}{L|R}{n}` on a live 7.0.15 after pushing n elements from the left or the
// right: [default 5 samples, SAMPLES 0]. Elements: short = "i", word = "v" + i, long = 100 × "x"
// + i, mid = 40 × "y" + i, big = (300 + i % 7) × "z", neg = −i × 1000003.
const MEASURED: Record<string, [number, number]> = {
	'short L 1': [152, 152],
	'word R 10': [184, 184],
	'long L 10': [1416, 1416],
	'mid R 100': [5256, 5256],
	'big L 100': [32000, 32000],
	'long R 100': [10928, 10928],
	'mid L 1000': [45801, 46416],
	'mid R 1000': [49488, 46416],
	'big L 1000': [289195, 317048],
	'big R 1000': [321144, 317048],
	'neg L 1000': [6280, 6280],
	'short L 10000': [36648, 36648],
	'short R 10000': [36648, 36648],
	'word L 10000': [65889, 69576],
	'word R 10000': [74184, 69576],
	'long L 10000': [965068, 1082112],
	'long R 10000': [1086720, 1082112],
	'mid R 10000': [469320, 464200],
	'big R 10000': [3169416, 3166343],
	'neg L 10000': [82905, 92224],
	'neg R 10000': [98880, 92224],
};

const GENERATORS: Record<string, (i: number) => string> = {
	short: (i) => String(i),
	word: (i) => `v${i}`,
	long: (i) => 'x'.repeat(100) + i,
	mid: (i) => 'y'.repeat(40) + i,
	big: (i) => 'z'.repeat(300 + (i % 7)),
	neg: (i) => String(-i * 1000003),
};

describe('list MEMORY USAGE against 7.0.15', () => {
	it.for(Object.entries(MEASURED))('%s', ([name, [sampled, all]]) => {
		const [kind, dir, n] = name.split(' ') as [string, 'L' | 'R', string];
		const ql = new QuickList();
		const gen = GENERATORS[kind]!;
		for (let i = 0; i < Number(n); i++) {
			if (dir === 'L') ql.pushHead(gen(i));
			else ql.pushTail(gen(i));
		}
		const key = `k${kind}${dir}${n}`;
		const overhead = keyBytes(key) + 24;
		expect(listUsageBytes(ql) + overhead).toBe(sampled);
		expect(listUsageBytes(ql, 0) + overhead).toBe(all);
	});

	it('charges used_memory robj + quicklist + one node and its listpack per node', () => {
		// A fresh list holding "a" raised used_memory by 168 bytes with key "l": 16 + 48 + 48 + 16
		// for the value, 8 for the key sds and 32 for the dictEntry.
		const ql = new QuickList();
		ql.pushTail('a');
		expect(listAllocBytes(ql) + keyBytes('l') + 32).toBe(168);
		const wide = new QuickList();
		wide.pushTail('x'.repeat(101));
		expect(listAllocBytes(wide) + keyBytes('l2') + 32).toBe(264);
	});
});

// The same on 7.0.15 with list-max-listpack-size F and list-compress-depth D set before the key
// `k{kind}{L|R}{n}` was built: [default 5 samples, SAMPLES 0]. "aaa" is RPUSH of three 100 × "a".
const COMPRESSED: Record<string, [number, number]> = {
	'a 1 1 aaa 3': [464, 464],
	'long -2 1 R 1000': [26574, 21928],
	'long -2 2 L 1000': [46708, 37416],
	'mid -2 1 R 10000': [142459, 69064],
	'word -2 1 R 10000': [52065, 48072],
	'neg -2 1 R 10000': [74304, 63552],
	'big -1 1 R 1000': [76110, 23368],
	// Too few nodes to have one beyond the depth, and nodes too small to compress.
	'short -2 3 L 10000': [36648, 36648],
	'word 4 2 R 50': [1032, 1032],
	'short 8 1 L 200': [1896, 1896],
};

describe('list MEMORY USAGE with list-compress-depth, against 7.0.15', () => {
	it.for(Object.entries(COMPRESSED))('%s', ([name, [sampled, all]]) => {
		const [kind, fill, depth, dir, n] = name.split(' ') as [string, string, string, string, string];
		const ql = new QuickList(Number(fill));
		ql.setCompressDepth(Number(depth));
		const gen = kind === 'a' ? () => 'a'.repeat(100) : GENERATORS[kind]!;
		for (let i = 0; i < Number(n); i++) {
			if (dir === 'L') ql.pushHead(gen(i));
			else ql.pushTail(gen(i));
		}
		const overhead = keyBytes(`k${kind}${dir}${n}`) + 24;
		expect(listUsageBytes(ql) + overhead).toBe(sampled);
		expect(listUsageBytes(ql, 0) + overhead).toBe(all);
	});

	it('charges used_memory a compressed node at its quicklistLZF size class', () => {
		const ql = new QuickList(1);
		ql.setCompressDepth(1);
		for (let i = 0; i < 3; i++) ql.pushTail('a'.repeat(100));
		// 110-byte listpacks: 112 each at the ends, and the middle one's 8 + 16 bytes of LZF in 32.
		expect(ql.nodes.map((n) => n.lzf)).toEqual([0, 16, 0]);
		expect(listAllocBytes(ql)).toBe(16 + 48 + 3 * 48 + 112 + 32 + 112);
	});
});
