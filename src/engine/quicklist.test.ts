import { describe, expect, it } from 'vitest';
import { je } from './memory.ts';
import { LP_EMPTY_BYTES, QuickList, lpElementBytes } from './quicklist.ts';
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
		let sz = LP_EMPTY_BYTES;
		for (const s of node.items) sz += lpElementBytes(s);
		expect(node.sz).toBe(sz);
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
	expect([ql.headSz, ql.tailSz]).toEqual([head?.sz ?? 0, tail?.sz ?? 0]);
	let alloc = 0;
	for (const node of ql.nodes) alloc += je(node.sz);
	expect(ql.lpAlloc).toBe(alloc);
}

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
