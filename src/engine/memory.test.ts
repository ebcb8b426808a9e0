import { describe, expect, it } from 'vitest';
import { je, keyCost, memoryUsage, resizedSlots, tableSlots } from './memory.ts';
import { createHash, createString, updateHashEncoding, type HashObject } from './object.ts';

const x = (n: number, c = 'x') => c.repeat(n);

describe('MEMORY USAGE for strings (every row measured on 7.0.15)', () => {
	const rows: [string, string, number][] = [
		['k', '1', 48],
		['k', '123', 48],
		['k', '9999', 48],
		['k', '-1', 48],
		['k', 'a', 64],
		['k', 'hello', 64],
		['k', x(8), 64],
		['k', x(16), 80],
		['k', x(20), 80],
		['k', '12345678901234567890', 80],
		['k', x(30), 96],
		['k', x(44), 96],
		['k', x(45), 112],
		['k', x(60), 112],
		['k', x(64), 128],
		['k', x(100), 160],
		['k', x(200), 272],
		['k', x(255), 368],
		['k', x(300), 368],
		['k', x(1000), 1072],
		['k', x(4000), 4144],
		['k', x(10000), 10288],
		['k', x(40000), 41008],
		['user:456:profile', '{"name": "Alice", "role": "admin"}', 120],
		[x(31, 'a'), '1', 88],
		[x(33, 'a'), '1', 88],
		[x(40, 'a'), x(10), 104],
		[x(60, 'a'), x(10), 120],
	];
	it.each(rows)('%s = %s…', (key, value, expected) => {
		expect(memoryUsage(key, createString(value, 0))).toBe(expected);
	});

	it('does not treat 010, +1, -0 or " 1" as integers', () => {
		for (const v of ['010', '+1', '-0', ' 1'])
			expect(memoryUsage('k', createString(v, 0))).toBe(64);
	});
});

function hash(pairs: [string, string][], oneByOne = false): HashObject {
	const h = createHash(0);
	for (const [f, v] of pairs) {
		h.value.set(f, v);
		if (oneByOne) updateHashEncoding(h, f, v);
	}
	return h;
}

function asTable(h: HashObject): HashObject {
	h.encoding = 'hashtable';
	return h;
}

const seq = (n: number, f: (i: number) => [string, string]) =>
	Array.from({ length: n }, (_, i) => f(i + 1));

describe('MEMORY USAGE for hashes (measured on 7.0.15 with SAMPLES 0)', () => {
	it('prices listpacks entry by entry', () => {
		expect(memoryUsage('h1', hash([['f', 'v']]))).toBe(64);
		expect(
			memoryUsage(
				'h2',
				hash([
					['a', '1'],
					['b', '2'],
				]),
			),
		).toBe(80);
		const h3 = hash([
			['name', 'Alice'],
			['role', 'admin'],
			['email', 'alice@example.com'],
		]);
		expect(memoryUsage('h3', h3)).toBe(112);
		expect(memoryUsage('h4', hash([['field1', x(60)]]))).toBe(128);
		expect(memoryUsage('h100', hash(seq(100, (i) => [`f${i}`, `v${i}`])))).toBe(1072);
		expect(memoryUsage('h129', hash(seq(129, (i) => [`f${i}`, `v${i}`])))).toBe(1584);
		expect(memoryUsage('h512', hash(seq(512, (i) => [`f${i}`, `v${i}`])))).toBe(6192);
		expect(memoryUsage('hint', hash(seq(10, (i) => [`f${i}`, '12345'])))).toBe(144);
		const h20 = hash(seq(20, (i) => [`field${i}`, `somevalue${i}`]));
		expect(memoryUsage('h20', h20)).toBe(496);
		expect(memoryUsage('hnum', hash(seq(5, (i) => [`f${i}`, String(i * 100000)])))).toBe(112);
		const neg = hash([
			['a', '-5'],
			['b', '-5000'],
			['c', '70000'],
			['d', '20000000'],
			['e', '5000000000'],
			['f', '007'],
		]);
		expect(memoryUsage('hneg', neg)).toBe(112);
		expect(memoryUsage('hgrow', hash(seq(4, (i) => [`g${i}`, x(40, 'z')])))).toBe(240);
	});

	it('prices hashtables as dict + slots + an entry and two sds per field', () => {
		expect(memoryUsage('hbig', asTable(hash([['f', x(65)]])))).toBe(248);
		const h513 = asTable(hash(seq(513, (i) => [`f${i}`, `v${i}`])));
		expect(memoryUsage('h513', h513)).toBe(28816);
		const h1000 = asTable(hash(seq(1000, (i) => [`field:${i}`, `value:${i}`])));
		expect(memoryUsage('h1000', h1000)).toBe(64296);
		const long = asTable(hash(seq(5, (i) => [`longfield${i}`, x(70, 'y')])));
		// Real: 800 right after the HSET (the 4→8 table is still rehashing, both tables count) and
		// 768 once a few HGETs have finished the rehash; the model has no rehashing state.
		expect(memoryUsage('hlong', long)).toBe(768);
	});
});

describe('used_memory growth (measured: 100k SET key:N v on a fresh 7.0.15 server)', () => {
	// Real: +9,121,840 without TTL and +13,370,416 with EX, both including 74,064 bytes of latency
	// histograms that the first SET, INFO and ECHO allocate (3 × 24,688), so keys alone cost exactly
	// 9,047,776 and 13,296,352: 90.48 and 132.96 bytes per key.
	const keys = Array.from({ length: 100_000 }, (_, i) => `key:${i}`);
	const perKeys = keys.reduce((sum, k) => sum + keyCost(k, createString('v', 0)), 0);
	it('is Σ keyCost + 8 bytes per slot', () => {
		expect(perKeys + 8 * tableSlots(keys.length)).toBe(9_047_776);
	});
	it('adds an expires entry and the expires table for a TTL', () => {
		expect(perKeys + 32 * keys.length + 16 * tableSlots(keys.length)).toBe(13_296_352);
	});
});

describe('dict tables', () => {
	it('grow on the add that finds them full and shrink only under 10 % fill', () => {
		expect(resizedSlots(0, 1)).toBe(4);
		expect(resizedSlots(4, 4)).toBe(4);
		expect(resizedSlots(4, 5)).toBe(8);
		expect(resizedSlots(16384, 8192)).toBe(16384);
		expect(resizedSlots(16384, 1638)).toBe(2048);
		expect(resizedSlots(64, 0)).toBe(4);
		expect(resizedSlots(4, 0)).toBe(4);
	});
	it('je() lands on jemalloc size classes', () => {
		expect([8, 9, 17, 129, 257, 513, 1025, 4006].map(je)).toEqual([
			8, 16, 32, 160, 320, 640, 1280, 4096,
		]);
	});
	it('je() gives every request the smallest class that holds it, four classes per doubling', () => {
		// The classes listed from their definition: 8, then steps of 16 up to 128, then for each
		// power of two p from 128 on, p + p/4, p + p/2, p + 3p/4 and 2p.
		const classes = [8];
		for (let c = 16; c <= 128; c += 16) classes.push(c);
		for (let p = 128; p < 2 ** 33; p *= 2)
			for (let q = 1; q <= 4; q++) classes.push(p + (q * p) / 4);
		let at = 0;
		const check = (n: number) => {
			while (classes[at]! < n) at++;
			expect(je(n), `je(${n})`).toBe(classes[at]);
		};
		for (let n = 1; n <= 70_000; n++) check(n);
		for (let n = 70_001; n < 2 ** 33; n = Math.ceil(n * 1.37)) {
			for (const m of [n - 1, n, n + 1]) check(m);
		}
		for (const n of [2 ** 30 - 1, 2 ** 30, 2 ** 30 + 1, 2 ** 31 + 5]) {
			at = 0;
			check(n);
		}
	});
});
