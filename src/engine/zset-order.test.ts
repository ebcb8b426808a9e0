import { describe, expect, it } from 'vitest';
import { Random } from './random.ts';
import {
	ZNode,
	ZOrder,
	randomLevel,
	tieKey,
	type LexRange,
	type ScoreRange,
} from './zset-order.ts';

/** The model: a plain array kept sorted by (score, member). */
const cmp = (a: ZNode, b: ZNode) =>
	a.score - b.score || (a.ele < b.ele ? -1 : a.ele > b.ele ? 1 : 0);

function check(order: ZOrder, model: ZNode[]): void {
	expect(order.length).toBe(model.length);
	expect([...order.walk(0)].map((n) => n.ele)).toEqual(model.map((n) => n.ele));
	if (model.length === 0) return;
	const r = model.length >> 1;
	expect(order.at(r)).toBe(model[r]);
	expect(order.rankOf(model[r]!)).toBe(r);
	expect(order.slice(model.length - 1, 3, true)).toEqual(model.slice(-3).reverse());
}

describe('ZOrder', () => {
	it('keeps (score, member) order, ranks and positions through inserts, updates and deletes', () => {
		const rng = new Random(7);
		const order = new ZOrder();
		let model: ZNode[] = [];
		const live = new Map<string, ZNode>();
		for (let step = 0; step < 6000; step++) {
			const ele = `m${rng.int(1500)}`;
			const score = rng.int(50); // many ties: order falls back to the member name
			const node = live.get(ele);
			const op = rng.int(10);
			if (!node) {
				const n = new ZNode(ele, score, randomLevel(rng));
				order.insert(n);
				live.set(ele, n);
				model.push(n);
			} else if (op < 3) {
				order.delete(node);
				live.delete(ele);
				model = model.filter((x) => x !== node);
			} else {
				const moved = order.updateScore(node, score, rng);
				live.set(ele, moved);
				model = model.filter((x) => x !== node);
				model.push(moved);
				expect(moved.score).toBe(score);
			}
			model.sort(cmp);
			if (step % 500 === 0) check(order, model);
		}
		check(order, model);
		for (let r = 0; r < model.length; r += 97) expect(order.at(r)).toBe(model[r]);
		expect(order.at(-1)).toBeNull();
		expect(order.at(model.length)).toBeNull();
	});

	it('keeps every rank right while leaves split, merge and even out, down to empty and back', () => {
		const rng = new Random(11);
		const order = new ZOrder();
		let model: ZNode[] = [];
		const live = new Map<string, ZNode>();
		const full = () => {
			check(order, model);
			model.forEach((n, r) => {
				if (r % 7 === 0 || r === model.length - 1) {
					expect(order.rankOf(n)).toBe(r);
					expect(order.at(r)).toBe(n);
				}
			});
		};
		// Grow to 3000 members, shrink to a handful, grow again: every split, merge and borrow.
		const phases: [number, number][] = [
			[3000, 0.1],
			[5, 0.9],
			[800, 0.2],
		];
		for (const [target, removeShare] of phases) {
			for (let step = 0; step < 12000; step++) {
				const grow = model.length < target;
				const r = rng.int(1000) / 1000;
				if (model.length > 0 && (!grow || r < removeShare)) {
					const victim = model[rng.int(model.length)]!;
					if (rng.int(2) === 0) {
						order.delete(victim);
						live.delete(victim.ele);
						model = model.filter((x) => x !== victim);
					} else {
						// A third of the new scores tie with many others (score 7).
						const score = rng.int(3) === 0 ? 7 : rng.int(100000) / 10;
						order.updateScore(victim, score, rng);
						model.sort(cmp);
					}
				} else {
					const ele = `m${rng.int(1_000_000)}`;
					if (live.has(ele)) continue;
					const node = new ZNode(ele, rng.int(3) === 0 ? 7 : rng.int(100000) / 10, 1);
					order.insert(node);
					live.set(ele, node);
					model.push(node);
					model.sort(cmp);
				}
				if (step % 400 === 0) full();
				if (!grow && model.length <= target) break;
			}
			full();
		}
	});

	it('gives tie keys that never order two names against their bytes', () => {
		const rng = new Random(3);
		// NUL, ordinary bytes, 0xff and code units above 255 (which byte strings never hold).
		const alphabet = ['\0', '0', '9', 'a', 'b', '\xff', '\u0100', '\u01c5'];
		const name = () =>
			Array.from({ length: rng.int(9) }, () => alphabet[rng.int(alphabet.length)]).join('');
		for (let i = 0; i < 20000; i++) {
			const shared = 'p'.repeat(rng.int(3));
			const a = shared + name();
			const b = shared + name();
			const from = rng.int(shared.length + 1);
			const ka = tieKey(a, from);
			const kb = tieKey(b, from);
			if (a === b) expect(ka).toBe(kb);
			else if (a < b) expect(ka).toBeLessThanOrEqual(kb);
			else expect(ka).toBeGreaterThanOrEqual(kb);
		}
		// Six characters after the prefix decide; a seventh is left to the names themselves.
		expect(tieKey('user:100001', 5)).toBeLessThan(tieKey('user:100002', 5));
		expect(tieKey('user:1000001', 5)).toBe(tieKey('user:1000002', 5));
		expect(tieKey('ab', 0)).toBeLessThan(tieKey('ab\0', 0));
	});

	it('keeps tied members in byte order while their shared prefix shrinks, and once it is given up', () => {
		const rng = new Random(5);
		const order = new ZOrder();
		let model: ZNode[] = [];
		const add = (ele: string, score: number) => {
			const node = new ZNode(ele, score, 1);
			order.insert(node);
			model.push(node);
			model.sort(cmp);
		};
		// Long shared prefixes first, then names that shorten the prefix one step at a time
		// (more steps than it is shortened before being given up), the empty name, and code units
		// above 255.
		for (let i = 0; i < 300; i++) add(`leaderboard:2026:user:${rng.int(1_000_000)}:${i}`, i % 3);
		const breakers = ['leaderboard:2025', 'leader', 'lead:x', 'le', 'l', 'k', '', 'z\u0100'];
		for (const prefix of breakers) for (let i = 0; i < 20; i++) add(`${prefix}${i}`, i % 3);
		add('', 7);
		check(order, model);
		// Ties moved about: scores 0–2 only, so nearly every search meets equal scores.
		for (let step = 0; step < 3000; step++) {
			const node = model[rng.int(model.length)]!;
			order.updateScore(node, rng.int(3), rng);
			model.sort(cmp);
			if (step % 300 === 0) check(order, model);
		}
		check(order, model);
		model.forEach((n, r) => expect(order.rankOf(n)).toBe(r));
		// Emptied, the list starts over with a prefix of its own.
		for (const n of [...model]) order.delete(n);
		model = [];
		for (let i = 0; i < 200; i++) add(`session:${rng.int(100)}:${i}`, 0);
		check(order, model);
		expect([...order.walk(0)].map((n) => n.ele)).toEqual(model.map((n) => n.ele));
	});

	it('builds range replies straight from the leaves, as slice then mapping them would', () => {
		const rng = new Random(13);
		const order = new ZOrder();
		for (let i = 0; i < 700; i++) order.insert(new ZNode(`m${i}`, rng.int(90), randomLevel(rng)));
		for (let t = 0; t < 400; t++) {
			const from = rng.int(760) - 30;
			const count = rng.int(200) - 5;
			const reverse = rng.int(2) === 0;
			const withScores = rng.int(2) === 0;
			const expected = order
				.slice(from, count, reverse)
				.flatMap((n) => (withScores ? [n.eleReply, n.scoreReply] : [n.eleReply]));
			expect(order.replies(from, count, reverse, withScores)).toEqual(expected);
		}
	});

	it('finds the ranks of score ranges, with exclusive ends and empty ranges', () => {
		const rng = new Random(1);
		const order = new ZOrder();
		for (let i = 0; i < 1000; i++) order.insert(new ZNode(`m${i}`, i % 100, randomLevel(rng)));
		const r = (min: number, max: number, minex = false, maxex = false): ScoreRange => ({
			min,
			max,
			minex,
			maxex,
		});
		expect(order.scoreRanks(r(10, 12))).toEqual([100, 129]);
		expect(order.scoreRanks(r(10, 12, true, true))).toEqual([110, 119]);
		expect(order.scoreRanks(r(-Infinity, Infinity))).toEqual([0, 999]);
		expect(order.scoreRanks(r(12, 10))).toEqual([0, -1]);
		expect(order.scoreRanks(r(5, 5, true))).toEqual([0, -1]);
		const [first, last] = order.scoreRanks(r(200, 300));
		expect(last - first + 1).toBe(0);
	});

	it('finds lex ranges with "-", "+", "(" and "["', () => {
		const rng = new Random(1);
		const order = new ZOrder();
		for (const ele of ['a', 'b', 'c', 'd', 'e']) order.insert(new ZNode(ele, 0, randomLevel(rng)));
		const lex = (
			min: string,
			minex: boolean,
			minInf: -1 | 0 | 1,
			max: string,
			maxex: boolean,
			maxInf: -1 | 0 | 1,
		): LexRange => ({ min, max, minex, maxex, minInf, maxInf });
		expect(order.lexRanks(lex('', true, -1, '', true, 1))).toEqual([0, 4]);
		expect(order.lexRanks(lex('b', false, 0, 'd', true, 0))).toEqual([1, 2]);
		expect(order.lexRanks(lex('b', true, 0, '', true, 1))).toEqual([2, 4]);
		expect(order.lexRanks(lex('', true, 1, '', true, -1))).toEqual([0, -1]);
		expect(order.lexRanks(lex('', true, -1, '', true, -1))).toEqual([0, -1]);
	});

	it("shares a member's replies between reads and makes a new score reply when the score changes", () => {
		const rng = new Random(5);
		const order = new ZOrder();
		const node = new ZNode('alice', 1.5, 1);
		order.insert(node);
		const first = node.scoreReply;
		expect(first).toEqual({ type: 'double', value: '1.5' });
		expect(node.scoreReply).toBe(first);
		expect(node.eleReply).toEqual({ type: 'bulk', value: 'alice' });
		expect(node.eleReply).toBe(node.eleReply);
		order.updateScore(node, 1e21, rng);
		expect(node.scoreReply).toEqual({ type: 'double', value: '1e+21' });
		expect(first).toEqual({ type: 'double', value: '1.5' });
	});

	it('draws skiplist levels with p = 1/4, capped at 32', () => {
		const rng = new Random(3);
		const counts = new Array<number>(33).fill(0);
		for (let i = 0; i < 40000; i++) counts[randomLevel(rng)]!++;
		expect(counts[1]! / 40000).toBeCloseTo(0.75, 1);
		expect(counts[2]! / 40000).toBeCloseTo(0.1875, 1);
		expect(counts.slice(0, 33).every((c, l) => l >= 1 || c === 0)).toBe(true);
	});
});
