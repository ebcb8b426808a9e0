import { describe, expect, it } from 'vitest';
import { createEngine } from './engine.ts';
import { listpackBytes } from './listpack-bytes.ts';
import { lzfCompressedLength } from './lzf.ts';
import { je } from './memory.ts';
import { LP_EMPTY_BYTES, QuickList, lpElementBytes, nodeAllocBytes } from './quicklist.ts';
import type { QuickListNode } from './quicklist.ts';
import { Random } from './random.ts';

const filled = (n: number, gen: (i: number) => string = String) => {
	const ql = new QuickList();
	for (let i = 0; i < n; i++) ql.pushTail(gen(i));
	return ql;
};

/** Recomputes every node's listpack size and the allocation total from the elements. */
function expectConsistent(ql: QuickList): void {
	let count = 0;
	for (const node of ql.nodes) {
		expect(node.items.length).toBeGreaterThan(0);
		if (node.plain) {
			// A plain node holds one element, and its entry is that element's bytes.
			expect(node.items.length).toBe(1);
			expect(node.sz).toBe(node.items[0]!.length);
		} else {
			let sz = LP_EMPTY_BYTES;
			for (const s of node.items) sz += lpElementBytes(s);
			expect(node.sz).toBe(sz);
		}
		count += node.items.length;
	}
	expect(ql.length).toBe(count);
	// The copies kept beside the node array for pushes and pops at the ends.
	const head = ql.nodes[0];
	const tail = ql.nodes.at(-1);
	expect([ql.head, ql.tail, ql.nodeCount]).toEqual([head, tail, ql.nodes.length]);
	expect(ql.headItems).toBe(head ? head.items : ql.headItems);
	expect(ql.tailItems).toBe(tail ? tail.items : ql.tailItems);
	expect([ql.headItems.length, ql.tailItems.length]).toEqual([
		head?.items.length ?? 0,
		tail?.items.length ?? 0,
	]);
	// A plain end is cached as a size nothing fits beside.
	const endSz = (n: QuickListNode | undefined) =>
		n === undefined ? 0 : n.plain ? 2 ** 30 - 1 : n.sz;
	expect([ql.headSz, ql.tailSz]).toEqual([endSz(head), endSz(tail)]);
	let alloc = 0;
	for (const node of ql.nodes) alloc += nodeAllocBytes(node);
	expect(ql.lpAlloc).toBe(alloc);
}

/** A string's bytes, one per char (elements are byte strings). */
const bytesOf = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** What __quicklistCompressNode makes of a node: its LZF size, or -1 when that does not pay. */
function lzfOf(node: QuickListNode): number {
	if (node.sz < 48) return -1;
	const entry = node.plain ? bytesOf(node.items[0]!) : listpackBytes(node.items);
	const c = lzfCompressedLength(entry, node.sz);
	return c === 0 || c + 8 >= node.sz ? -1 : c;
}

/**
 * Nodes within the depth of an end are raw; those beyond it are compressed when that pays (or
 * known not to pay). `untried` allows one left raw untried (lzf 0) by an in-place edit.
 */
function expectCompressed(ql: QuickList, untried = false): void {
	const depth = ql.compress;
	const len = ql.nodes.length;
	ql.nodes.forEach((node, k) => {
		const inner = depth > 0 && k >= depth && k < len - depth;
		if (!inner) expect(node.lzf, `node ${k} of ${len}`).toBe(0);
		else if (!(untried && node.lzf === 0))
			expect(node.lzf, `node ${k} of ${len}`).toBe(lzfOf(node));
	});
	expectConsistent(ql);
}

const deep = (fill: number, depth: number) => {
	const ql = new QuickList(fill);
	ql.setCompressDepth(depth);
	return ql;
};

describe('listpack element sizes', () => {
	it('stores canonical integers in 7/13/16/24/32/64-bit forms', () => {
		expect(lpElementBytes('0')).toBe(2);
		expect(lpElementBytes('127')).toBe(2);
		expect(lpElementBytes('128')).toBe(3);
		expect(lpElementBytes('-4096')).toBe(3);
		expect(lpElementBytes('32767')).toBe(4);
		expect(lpElementBytes('8388607')).toBe(5);
		expect(lpElementBytes('2147483648')).toBe(10);
		expect(lpElementBytes('9223372036854775807')).toBe(10);
	});

	it('stores anything else as bytes: non-canonical numbers, overflow, text', () => {
		expect(lpElementBytes('007')).toBe(5);
		expect(lpElementBytes('-0')).toBe(4);
		expect(lpElementBytes('9223372036854775808')).toBe(21);
		expect(lpElementBytes('a')).toBe(3);
		expect(lpElementBytes('x'.repeat(63))).toBe(65);
		expect(lpElementBytes('x'.repeat(64))).toBe(67);
		expect(lpElementBytes('x'.repeat(200))).toBe(204);
	});
});

describe('QuickList', () => {
	it('starts a new node once the 8 kb node limit would be passed', () => {
		const ql = filled(100, (i) => 'x'.repeat(100) + i);
		expect(ql.nodes.map((n) => n.items.length)).toEqual([78, 22]);
		expectConsistent(ql);
	});

	it('pops from both ends and drops emptied nodes', () => {
		const ql = filled(200, (i) => 'y'.repeat(100) + i);
		const nodes = ql.nodes.length;
		for (let i = 0; i < 78; i++) ql.popHead();
		expect(ql.nodes.length).toBe(nodes - 1);
		expect(ql.popTail()).toBe(`${'y'.repeat(100)}199`);
		expectConsistent(ql);
	});

	it('pops a head node in order whether it is short or long, and pushes after a pop', () => {
		for (const n of [1, 2, 5, 32, 33, 40]) {
			const ql = new QuickList(128);
			for (let i = 0; i < n; i++) ql.pushHead(`e${i}`);
			expect(ql.nodeCount).toBe(1);
			const popped: (string | null)[] = [];
			for (let i = 0; i < n; i++) {
				popped.push(ql.popHead());
				// A queue alternates: what is pushed after a pop is the next head.
				if (i % 3 === 0) {
					ql.pushHead(`again${i}`);
					expect(ql.popHead()).toBe(`again${i}`);
				}
				expect(ql.length).toBe(n - i - 1);
				expectConsistent(ql);
			}
			expect(popped).toEqual(Array.from({ length: n }, (_, i) => `e${n - 1 - i}`));
			expect([ql.popHead(), ql.nodeCount]).toEqual([null, 0]);
		}
	});

	it('indexes, ranges and replaces across nodes, negative indexes from the tail', () => {
		const ql = filled(300, (i) => 'z'.repeat(100) + i);
		expect(ql.at(0)).toBe(`${'z'.repeat(100)}0`);
		expect(ql.at(-1)).toBe(`${'z'.repeat(100)}299`);
		expect(ql.at(300)).toBeNull();
		expect(ql.range(76, 80).map((s) => s.slice(100))).toEqual(['76', '77', '78', '79', '80']);
		expect(ql.replace(-300, 'first')).toBe(true);
		expect(ql.replace(300, 'nope')).toBe(false);
		expect(ql.at(0)).toBe('first');
		expectConsistent(ql);
	});

	it('deletes ranges and removes matches from either end', () => {
		const ql = filled(20, (i) => (i % 3 === 0 ? 'a' : `b${i}`));
		ql.deleteRange(2, 5);
		expect(ql.length).toBe(15);
		expect(ql.removeWhere((s) => s === 'a', true, 2)).toBe(2);
		expect(ql.removeWhere((s) => s === 'a', false, 0)).toBe(3);
		expect(ql.toArray()).not.toContain('a');
		expectConsistent(ql);
	});

	it('inserts inside a full node by splitting it, then merges what fits', () => {
		const ql = filled(200, () => 'w'.repeat(150));
		expect(ql.nodes.map((n) => n.items.length)).toEqual([53, 53, 53, 41]);
		ql.insert(10, 'mid', false);
		expect(ql.length).toBe(201);
		expect(ql.at(10)).toBe('mid');
		// Split into [0, 10) + mid and [10, 53), which fit one node again and are merged back.
		expect(ql.nodes.map((n) => n.items.length)).toEqual([54, 53, 53, 41]);
		ql.insert(200, 'end', true);
		expect(ql.at(-1)).toBe('end');
		expectConsistent(ql);
	});

	it('keeps its ends right through any mix of edits, at every fill', () => {
		const rng = new Random(7);
		for (const fill of [-2, -1, 1, 3, 16]) {
			const ql = new QuickList(fill);
			const word = () => (rng.int(4) === 0 ? String(rng.int(1000)) : 'w'.repeat(rng.int(300)));
			for (let step = 0; step < 500; step++) {
				const op = rng.int(9);
				const at = ql.length > 0 ? rng.int(ql.length) : 0;
				if (op < 2) ql.pushHead(word());
				else if (op < 4) ql.pushTail(word());
				else if (op === 4) ql.popHead();
				else if (op === 5) ql.popTail();
				else if (op === 6 && ql.length > 0) ql.insert(at, word(), rng.int(2) === 0);
				else if (op === 7 && ql.length > 0) ql.replace(at, word());
				else if (op === 8 && ql.length > 0) ql.deleteRange(at, rng.int(4) + 1);
				expectConsistent(ql);
			}
		}
	});

	it('copies deeply', () => {
		const a = filled(10);
		const b = new QuickList(a.fill);
		b.copyFrom(a);
		expect(b.toArray()).toEqual(a.toArray());
		expect([b.nodeCount, b.head?.items, b.tail?.items]).toEqual([
			a.nodeCount,
			a.head?.items,
			a.tail?.items,
		]);
		b.pushHead('new');
		expect(a.length).toBe(10);
		expect(b.length).toBe(11);
		expect(b.lpAlloc).toBeGreaterThanOrEqual(a.lpAlloc);
	});
});

describe('QuickList with list-compress-depth', () => {
	it('compresses every node beyond the depth that LZF shrinks by more than 8 bytes', () => {
		for (const depth of [1, 2, 3]) {
			const ql = deep(4, depth);
			for (let i = 0; i < 60; i++) {
				if (i % 3 === 0) ql.pushHead(`head-${'h'.repeat(i % 50)}`);
				else ql.pushTail(i % 5 === 0 ? String(i * 7919) : `tail-${'t'.repeat(i)}`);
				expectCompressed(ql);
			}
			const compressed = ql.nodes.filter((n) => n.lzf > 0).length;
			expect(compressed).toBeGreaterThan(5);
			expect(compressed).toBeLessThanOrEqual(ql.nodes.length - 2 * depth);
		}
	});

	it('decompresses the nodes that pops bring within the depth, and prices them raw again', () => {
		const ql = deep(2, 1);
		for (let i = 0; i < 10; i++) ql.pushTail('a'.repeat(60));
		expect(ql.nodes.map((n) => n.lzf > 0)).toEqual([false, true, true, true, false]);
		const before = ql.lpAlloc;
		ql.popHead();
		ql.popHead();
		expect(ql.nodes.map((n) => n.lzf > 0)).toEqual([false, true, true, false]);
		ql.popTail();
		ql.popTail();
		expect(ql.nodes.map((n) => n.lzf > 0)).toEqual([false, true, false]);
		ql.popTail();
		ql.popTail();
		expect(ql.nodes.map((n) => n.lzf)).toEqual([0, 0]);
		// Two raw 133-byte listpacks now, where there were two raw ends and three compressed nodes.
		expect(ql.lpAlloc).toBe(2 * je(133));
		expect(before).toBe(2 * je(133) + 3 * je(8 + lzfOf(ql.nodes[0]!)));
		expectCompressed(ql);
	});

	it('leaves nodes too small to pay raw, and compresses nothing at depth 0', () => {
		const small = deep(3, 1);
		for (let i = 0; i < 30; i++) small.pushTail(`w${i}`);
		expect(small.nodes.every((n) => n.lzf <= 0)).toBe(true);
		expectCompressed(small);
		const flat = deep(1, 0);
		for (let i = 0; i < 30; i++) flat.pushTail('a'.repeat(100));
		expect(flat.nodes.every((n) => n.lzf === 0)).toBe(true);
		expect(flat.lpAlloc).toBe(30 * je(110));
	});

	it('recompresses a middle node after LSET, LREM and LTRIM change it', () => {
		const ql = deep(3, 1);
		for (let i = 0; i < 15; i++) ql.pushTail('b'.repeat(40) + (i % 3));
		expectCompressed(ql);
		ql.replace(7, 'c'.repeat(90));
		expectCompressed(ql);
		expect(ql.removeWhere((s) => s.endsWith('1'), false, 2)).toBe(2);
		expectCompressed(ql);
		ql.deleteRange(0, 4);
		expectCompressed(ql);
		ql.deleteRange(ql.length - 4, 4);
		expectCompressed(ql);
		expect(ql.removeWhere((s) => s.endsWith('0'), true, 0)).toBeGreaterThan(0);
		expectCompressed(ql);
	});

	it('leaves a raw middle node raw after an in-place LINSERT until a read passes it', () => {
		const ql = deep(3, 1);
		const d = (i: number | string) => 'd'.repeat(17) + i;
		for (let i = 0; i < 15; i++) ql.pushTail(d(i));
		expect(ql.nodes.map((n) => n.lzf > 0)).toEqual([false, true, true, true, false]);
		// Two 20-byte entries make a 47-byte listpack: under 48, not worth compressing.
		expect(ql.removeWhere((s) => s === d(7), false, 1)).toBe(1);
		expect(ql.nodes.map((n) => n.lzf)).toEqual([
			0,
			lzfOf(ql.nodes[1]!),
			-1,
			lzfOf(ql.nodes[3]!),
			0,
		]);
		// LINSERT into it: 67 bytes that would compress, but quicklist.c only recompresses what was
		// compressed before the insert.
		ql.insert(6, d('x'), true);
		expect(ql.nodes[2]!.lzf).toBe(0);
		expectCompressed(ql, true);
		// A read of other nodes leaves it so; LRANGE (or LINDEX) over it compresses it.
		expect(ql.range(0, 1)).toEqual([d(0), d(1)]);
		expect(ql.nodes[2]!.lzf).toBe(0);
		expect(ql.range(5, 6)).toEqual([d(5), d(6)]);
		expect(ql.nodes[2]!.lzf).toBe(lzfOf(ql.nodes[2]!));
		expect(ql.nodes[2]!.lzf).toBeGreaterThan(0);
		expectCompressed(ql);
	});

	it('pops a range as single pops do, reading it first as LRANGE does', () => {
		const build = () => {
			const ql = deep(3, 1);
			for (let i = 0; i < 30; i++) ql.pushTail('r'.repeat(30) + i);
			return ql;
		};
		const a = build();
		const b = build();
		expect(a.popRange(7, false)).toEqual(Array.from({ length: 7 }, () => b.popHead()));
		expect(a.popRange(5, true)).toEqual(Array.from({ length: 5 }, () => b.popTail()));
		expect(a.nodes.map((n) => [n.sz, n.lzf])).toEqual(b.nodes.map((n) => [n.sz, n.lzf]));
		expectCompressed(a);
		expect(a.popRange(100, true)).toHaveLength(18);
		expect([a.length, a.nodeCount, a.lpAlloc]).toEqual([0, 0, 0]);
		expect(a.popRange(1, false)).toEqual([]);
	});

	it('keeps its accounting through any mix of edits at every depth', () => {
		const rng = new Random(17);
		for (const [fill, depth] of [
			[-2, 1],
			[2, 1],
			[3, 2],
			[5, 3],
			[1, 1],
		] as const) {
			const ql = deep(fill, depth);
			const word = () =>
				rng.int(4) === 0
					? String(rng.int(100000))
					: 'q'.repeat(rng.int(5) === 0 ? 300 : rng.int(60));
			for (let step = 0; step < 400; step++) {
				const op = rng.int(11);
				const at = ql.length > 0 ? rng.int(ql.length) : 0;
				if (op < 3) ql.pushHead(word());
				else if (op < 5) ql.pushTail(word());
				else if (op === 5) ql.popHead();
				else if (op === 6) ql.popTail();
				else if (op === 7 && ql.length > 0) ql.insert(at, word(), rng.int(2) === 0);
				else if (op === 8 && ql.length > 0) ql.replace(at, word());
				else if (op === 9 && ql.length > 0) ql.deleteRange(at, rng.int(4) + 1);
				else if (op === 10 && ql.length > 0) ql.at(at);
				expectCompressed(ql, true);
			}
		}
	});

	it('copies the depth and each node as it is', () => {
		const a = deep(2, 1);
		for (let i = 0; i < 12; i++) a.pushTail('f'.repeat(50));
		const b = new QuickList(a.fill);
		b.copyFrom(a);
		expect(b.compress).toBe(1);
		expect(b.nodes.map((n) => n.lzf)).toEqual(a.nodes.map((n) => n.lzf));
		expect(b.lpAlloc).toBe(a.lpAlloc);
		b.popHead();
		b.popHead();
		expectCompressed(b);
		expectCompressed(a);
	});

	it('clamps the depth to the 16 bits quicklist.c keeps', () => {
		const ql = new QuickList();
		ql.setCompressDepth(2147483647);
		expect(ql.compress).toBe(65535);
		ql.setCompressDepth(-1);
		expect(ql.compress).toBe(0);
	});
});

/** Each node as text: a plain node as `plain:<element>`, a packed one as its elements. */
const layout = (ql: QuickList) =>
	ql.nodes.map((n) => (n.plain ? `plain:${n.items[0]}` : n.items.join(',')));

describe('QuickList plain nodes (elements at or over the packed threshold)', () => {
	it('gives a large element a node of its own at either end, sized as the element', () => {
		const ql = new QuickList();
		ql.pushTail('a', 5);
		ql.pushTail('bbbbb', 5);
		ql.pushTail('c', 5);
		ql.pushHead('dddddd', 5);
		ql.pushHead('e', 5);
		ql.pushTail('abcd', 5);
		expect(layout(ql)).toEqual(['e', 'plain:dddddd', 'a', 'plain:bbbbb', 'c,abcd']);
		expect(ql.nodes[1]!.sz).toBe(6);
		expect(ql.lpAlloc).toBe(je(10) + je(6) + je(10) + je(5) + je(7 + 2 + 6));
		expectConsistent(ql);
	});

	it('never lets a push into a plain end, and drops it when it is popped', () => {
		const ql = new QuickList();
		ql.pushTail('x'.repeat(10), 10);
		ql.pushHead('y'.repeat(10), 10);
		ql.pushTail('small', 10);
		ql.pushHead('tiny', 10);
		expect(layout(ql)).toEqual([
			'tiny',
			`plain:${'y'.repeat(10)}`,
			`plain:${'x'.repeat(10)}`,
			'small',
		]);
		expect([ql.popHead(), ql.popHead()]).toEqual(['tiny', 'y'.repeat(10)]);
		// The head is plain now: a small push makes a node before it.
		ql.pushHead('z', 10);
		expect(layout(ql)).toEqual(['z', `plain:${'x'.repeat(10)}`, 'small']);
		expect([ql.popTail(), ql.popTail(), ql.popTail(), ql.popTail()]).toEqual([
			'small',
			'x'.repeat(10),
			'z',
			null,
		]);
		expect([ql.nodeCount, ql.lpAlloc]).toEqual([0, 0]);
	});

	it('takes the default threshold (1 GB) when none is given', () => {
		const ql = filled(3, () => 'w'.repeat(5000));
		expect(ql.nodes.some((n) => n.plain)).toBe(false);
	});

	it('LINSERT: a large element beside the pivot at its edge, else a split around it', () => {
		const ql = new QuickList();
		for (const s of ['a', 'b', 'c', 'd']) ql.pushTail(s, 3);
		ql.insert(3, 'LLL', true, 3);
		ql.insert(0, 'MMM', false, 3);
		expect(layout(ql)).toEqual(['plain:MMM', 'a,b,c,d', 'plain:LLL']);
		// In the middle: the node keeps the pivot's side, the rest goes beyond the plain node.
		ql.insert(2, 'NNN', true, 3);
		expect(layout(ql)).toEqual(['plain:MMM', 'a,b', 'plain:NNN', 'c,d', 'plain:LLL']);
		ql.insert(5, 'OOO', false, 3);
		expect(layout(ql)).toEqual([
			'plain:MMM',
			'a,b',
			'plain:NNN',
			'c',
			'plain:OOO',
			'd',
			'plain:LLL',
		]);
		// A plain pivot: beside it, either way.
		ql.insert(2, 'PPP', true, 3);
		expect(ql.toArray()).toEqual(['MMM', 'a', 'b', 'PPP', 'NNN', 'c', 'OOO', 'd', 'LLL']);
		expect(ql.length).toBe(9);
		expectConsistent(ql);
	});

	it('LINSERT: a small element next to a plain pivot goes into the neighbour, else a node', () => {
		const ql = new QuickList(2);
		ql.pushTail('PPPP', 4);
		ql.pushTail('a', 4);
		ql.insert(0, 'x', true, 4);
		expect(layout(ql)).toEqual(['plain:PPPP', 'x,a']);
		// The neighbour is full (fill 2): a node of its own, and nothing merges into a plain one.
		ql.insert(0, 'y', true, 4);
		ql.insert(0, 'z', false, 4);
		expect(layout(ql)).toEqual(['z', 'plain:PPPP', 'y', 'x,a']);
		expectConsistent(ql);
	});

	it('never merges a plain node after a split', () => {
		const ql = new QuickList(4);
		for (const s of ['a', 'b', 'c', 'd']) ql.pushTail(s, 2);
		ql.pushTail('PP', 2);
		ql.pushTail('e', 2);
		// A split of the full first node: its halves merge back, the plain node stays alone.
		ql.insert(1, 'x', true, 2);
		expect(layout(ql)).toEqual(['a,b', 'x,c,d', 'plain:PP', 'e']);
		expectConsistent(ql);
	});

	it('LSET: large over packed splits it, small over plain replaces the node', () => {
		// 7.0.15's "LSET with packed is split in the middle".
		const ql = new QuickList();
		for (const s of ['aa', 'bb', 'cc', 'dd', 'ee']) ql.pushTail(s, 5);
		ql.replace(2, 'e'.repeat(10), 5);
		expect(layout(ql)).toEqual(['aa,bb', `plain:${'e'.repeat(10)}`, 'dd,ee']);
		// Large over plain: the entry is replaced in place.
		ql.replace(2, 'f'.repeat(20), 5);
		expect(layout(ql)).toEqual(['aa,bb', `plain:${'f'.repeat(20)}`, 'dd,ee']);
		// Small over plain: into the next node's head, and the plain node goes.
		ql.replace(2, 'cc', 5);
		expect(layout(ql)).toEqual(['aa,bb', 'cc,dd,ee']);
		// Large over a node's last element, and over a one-element node: no split.
		ql.replace(-1, 'g'.repeat(6), 5);
		expect(layout(ql)).toEqual(['aa,bb', 'cc,dd', `plain:${'g'.repeat(6)}`]);
		ql.replace(-1, 'h', 5);
		ql.replace(-1, 'i'.repeat(5), 5);
		expect(layout(ql)).toEqual(['aa,bb', 'cc,dd', `plain:${'i'.repeat(5)}`]);
		expect(ql.length).toBe(5);
		expectConsistent(ql);
	});

	it('LSET: a large element over the first of two leaves the second alone', () => {
		// 7.0.15's "Crash due to split quicklist node wrongly": LPUSH aa, LPUSH bb, LSET -2.
		const ql = new QuickList();
		ql.pushHead('aa', 10);
		ql.pushHead('bb', 10);
		ql.replace(-2, 'x'.repeat(10), 10);
		expect(layout(ql)).toEqual([`plain:${'x'.repeat(10)}`, 'aa']);
		expect(ql.popTail()).toBe('aa');
		expect(ql.range(0, 0)).toEqual(['x'.repeat(10)]);
		expectConsistent(ql);
	});

	it('deletes plain nodes whole in ranges and removals', () => {
		const ql = new QuickList();
		for (const s of ['a', 'PPP', 'b', 'c', 'QQQ', 'd']) ql.pushTail(s, 3);
		ql.deleteRange(1, 2);
		expect(layout(ql)).toEqual(['a', 'c', 'plain:QQQ', 'd']);
		expect(ql.removeWhere((s) => s === 'QQQ', true, 1)).toBe(1);
		// Nothing merges when a node goes.
		expect(layout(ql)).toEqual(['a', 'c', 'd']);
		expectConsistent(ql);
	});

	it('copies and reloads plain nodes as plain, whatever the threshold is later', () => {
		const a = new QuickList();
		for (const s of ['a', 'PPPP', 'b']) a.pushTail(s, 4);
		const b = new QuickList(a.fill);
		b.copyFrom(a);
		const c = new QuickList(a.fill);
		c.loadFrom(a);
		for (const q of [b, c]) {
			expect(layout(q)).toEqual(['a', 'plain:PPPP', 'b']);
			expect(q.lpAlloc).toBe(a.lpAlloc);
			// Plain stays plain: an element beside it still cannot join it.
			q.insert(1, 'z', true);
			expect(layout(q)).toEqual(['a', 'plain:PPPP', 'z,b']);
			expectConsistent(q);
		}
	});

	it('compresses a plain node beyond the depth, the element being the LZF input', () => {
		const ql = deep(-2, 1);
		const big = 'p'.repeat(200);
		ql.pushTail('a', 50);
		ql.pushTail(big, 50);
		ql.pushTail('b', 50);
		const plain = ql.nodes[1]!;
		const c = lzfCompressedLength(bytesOf(big), 200);
		expect(plain.lzf).toBe(c);
		expect(ql.lpAlloc).toBe(2 * je(10) + je(8 + c));
		expectCompressed(ql);
		// A read passes it without a change; LSET of another large element recompresses it.
		expect(ql.at(1)).toBe(big);
		ql.replace(1, 'q'.repeat(300), 50);
		expect(plain.lzf).toBe(lzfCompressedLength(bytesOf('q'.repeat(300)), 300));
		expectCompressed(ql);
		// A small one in its place joins the next node, and the compressed plain node goes.
		ql.replace(1, 'r', 50);
		expect(layout(ql)).toEqual(['a', 'r,b']);
		expect(ql.lpAlloc).toBe(je(10) + je(7 + 2 + 2));
		expectCompressed(ql);
	});

	it('keeps a node raw while LSET moves a large element out of it (dont_compress)', () => {
		// 7.0.15's "Crash due to delete entry from a compress quicklist node", depth 1.
		const ql = deep(-2, 1);
		const large = 'x'.repeat(100);
		const small = 'x'.repeat(32);
		ql.pushTail(large, 100);
		ql.pushTail(small, 100);
		ql.pushTail(small, 100);
		ql.replace(-1, large, 100);
		expect(ql.range(0, 2)).toEqual([large, small, large]);
		expect(layout(ql)).toEqual([`plain:${large}`, small, `plain:${large}`]);
		expectCompressed(ql);
		// A compressed packed node in the middle: split, pinned raw, then recompressed.
		const mid = deep(3, 1);
		for (let i = 0; i < 9; i++) mid.pushTail('m'.repeat(30) + i);
		expect(mid.nodes[1]!.lzf).toBeGreaterThan(0);
		mid.replace(4, 'L'.repeat(120), 100);
		expect(
			layout(mid).map((s) => (s.startsWith('plain:') ? 'plain' : s.split(',').length)),
		).toEqual([3, 1, 'plain', 1, 3]);
		expectCompressed(mid, true);
	});

	it('keeps its accounting through any mix of edits around plain nodes', () => {
		const rng = new Random(23);
		for (const [fill, depth, threshold] of [
			[-2, 0, 5],
			[2, 1, 20],
			[3, 2, 50],
			[1, 1, 1],
			[-1, 1, 60],
		] as const) {
			const ql = deep(fill, depth);
			const word = () =>
				rng.int(4) === 0
					? String(rng.int(100000))
					: String.fromCharCode(97 + rng.int(3)).repeat(rng.int(5) === 0 ? 150 : rng.int(70));
			for (let step = 0; step < 400; step++) {
				const op = rng.int(12);
				const at = ql.length > 0 ? rng.int(ql.length) : 0;
				if (op < 3) ql.pushHead(word(), threshold);
				else if (op < 5) ql.pushTail(word(), threshold);
				else if (op === 5) ql.popHead();
				else if (op === 6) ql.popTail();
				else if (op === 7 && ql.length > 0) ql.insert(at, word(), rng.int(2) === 0, threshold);
				else if (op === 8 && ql.length > 0) ql.replace(at, word(), threshold);
				else if (op === 9 && ql.length > 0) ql.deleteRange(at, rng.int(4) + 1);
				else if (op === 10 && ql.length > 0) ql.at(at);
				else if (op === 11) ql.removeWhere((s) => s.length > 100, rng.int(2) === 0, rng.int(3));
				expectCompressed(ql, true);
				for (const node of ql.nodes) {
					if (node.plain) expect(node.sz).toBeGreaterThanOrEqual(threshold);
				}
			}
		}
	});
});

describe('plain nodes through the engine', () => {
	/** DEBUG OBJECT's reply from serializedlength on, without the LRU fields. */
	const debugObject = (e: ReturnType<typeof createEngine>, key: string) =>
		String(e.exec(['DEBUG', 'OBJECT', key]).value)
			.replace(/^.* serializedlength:/, 'serializedlength:')
			.replace(/ lru:\d+ lru_seconds_idle:\d+/, '');

	it('reports plain nodes in DEBUG OBJECT as 7.0.15 does', () => {
		const e = createEngine();
		const run = (...argv: string[]) => e.exec(argv);
		run('DEBUG', 'QUICKLIST-PACKED-THRESHOLD', '1b');
		run('RPUSH', 'l', '9', 'xxxxxxxxxx', 'bb');
		// "9" is saved as an RDB integer, the other two verbatim; node->sz sums the elements.
		expect(debugObject(e, 'l')).toBe(
			'serializedlength:20 ql_nodes:3 ql_avg_node:1.00 ql_listpack_max:-2 ql_compressed:0 ql_uncompressed_size:13',
		);
		run('DEBUG', 'QUICKLIST-PACKED-THRESHOLD', '10b');
		run('RPUSH', 'pl:a', 'aa', 'bb', 'xxxxxxxxxx', 'cc', '1234567890', 'dd');
		expect(debugObject(e, 'pl:a')).toBe(
			'serializedlength:62 ql_nodes:5 ql_avg_node:1.20 ql_listpack_max:-2 ql_compressed:0 ql_uncompressed_size:57',
		);
		// 13 elements in 8 nodes: %.2f rounds the exact tie 1.625 to even.
		run('DEBUG', 'QUICKLIST-PACKED-THRESHOLD', '5b');
		run('RPUSH', 'tie', 'a', 'b', 'c', 'd', 'e', 'f', ...Array<string>(7).fill('LLLLL'));
		expect(debugObject(e, 'tie')).toBe(
			'serializedlength:77 ql_nodes:8 ql_avg_node:1.62 ql_listpack_max:-2 ql_compressed:0 ql_uncompressed_size:60',
		);
		// A compressed plain node is saved as the LZF blob it is.
		run('CONFIG', 'SET', 'list-compress-depth', '1');
		run('DEBUG', 'QUICKLIST-PACKED-THRESHOLD', '50b');
		const alphabet = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
		run('RPUSH', 'pl:c', 'aa', 'a'.repeat(100), 'bb', alphabet, 'cc');
		expect(debugObject(e, 'pl:c')).toBe(
			'serializedlength:118 ql_nodes:5 ql_avg_node:1.00 ql_listpack_max:-2 ql_compressed:1 ql_uncompressed_size:195',
		);
		e.dispose();
	});

	it('keeps the threshold per engine, until a restart restores the default', () => {
		const a = createEngine();
		const b = createEngine();
		const nodes = (e: ReturnType<typeof createEngine>) =>
			/ql_nodes:(\d+)/.exec(String(e.exec(['DEBUG', 'OBJECT', 'k']).value))?.[1];
		expect(a.exec(['DEBUG', 'QUICKLIST-PACKED-THRESHOLD', '2b']).value).toBe('OK');
		for (const e of [a, b]) e.exec(['RPUSH', 'k', 'xx', 'yy', 'z']);
		expect([nodes(a), nodes(b)]).toEqual(['3', '1']);
		a.restart();
		a.exec(['DEL', 'k']);
		a.exec(['RPUSH', 'k', 'xx', 'yy', 'z']);
		expect(nodes(a)).toBe('1');
		a.dispose();
		b.dispose();
	});
});
