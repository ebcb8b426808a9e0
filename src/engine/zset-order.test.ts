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

	it('answers every read right straight after each write, while leaves are out of order', () => {
		// Writes leave a leaf's entries out of order (only its greatest is kept last); each read
		// below meets such leaves, so each read must put in order what it walks or indexes.
		const rng = new Random(23);
		const order = new ZOrder();
		let model: ZNode[] = [];
		for (let i = 0; i < 900; i++) {
			const n = new ZNode(`m${i}`, rng.int(4) === 0 ? 5 : rng.int(2000), 1);
			order.insert(n);
			model.push(n);
		}
		model.sort(cmp);
		for (let step = 0; step < 3000; step++) {
			const victim = model[rng.int(model.length)]!;
			const kind = rng.int(10);
			if (kind < 6) {
				// Far moves, small moves (often inside the leaf) and ties.
				const score = kind < 3 ? rng.int(2000) : kind < 5 ? victim.score + rng.int(5) - 2 : 5;
				order.updateScore(victim, score, rng);
			} else if (kind < 8) {
				order.delete(victim);
				model = model.filter((x) => x !== victim);
				const n = new ZNode(`n${step}`, rng.int(2000), 1);
				order.insert(n);
				model.push(n);
			} else {
				order.delete(victim);
				order.insert(victim);
			}
			model.sort(cmp);
			const r = rng.int(model.length);
			const read = rng.int(5);
			if (read === 0) expect(order.rankOf(model[r]!)).toBe(r);
			else if (read === 1) expect(order.at(r)).toBe(model[r]);
			else if (read === 2)
				expect(order.slice(r, 70, true)).toEqual(model.slice(Math.max(0, r - 69), r + 1).reverse());
			else if (read === 3)
				expect(order.replies(r, 70, false, false)).toEqual(
					model.slice(r, r + 70).map((n) => n.eleReply),
				);
			else {
				const min = model[r]!.score;
				const first = model.findIndex((n) => n.score >= min);
				expect(order.scoreRanks({ min, max: min + 50, minex: false, maxex: false })[0]).toBe(first);
			}
		}
		check(order, model);
	});

	it('keeps the order when a short leaf evens out with a neighbour that is out of order', () => {
		const order = new ZOrder();
		let model: ZNode[] = [];
		const add = (ele: string, score: number) => {
			const n = new ZNode(ele, score, 1);
			order.insert(n);
			model.push(n);
		};
		// Ascending inserts fill leaves of half their room: [0, 32), [32, 64), …
		for (let i = 0; i < 640; i++) add(`m${i}`, i);
		// The leaf of [320, 352) nearly fills up, out of order: new entries go before its greatest.
		for (let i = 0; i < 31; i++) add(`x${i}`, 350.5 - i);
		model.sort(cmp);
		// Emptying the leaf after it makes that one short, and the two too many for one leaf; no
		// read comes in between to put the first in order.
		for (let s = 383; s >= 352; s--) {
			const victim = model.find((n) => n.score === s)!;
			order.delete(victim);
			model = model.filter((n) => n !== victim);
		}
		check(order, model);
		model.forEach((n, r) => expect(order.rankOf(n)).toBe(r));
	});

	it('draws a new level only for a member whose rank changes, as Redis does', () => {
		const rng = new Random(29);
		const order = new ZOrder();
		const nodes = Array.from({ length: 500 }, (_, i) => new ZNode(`m${i}`, 10 * i, 1));
		for (const n of nodes) order.insert(n);
		// Far moves out and back again leave the leaves' insides out of order.
		for (let i = 0; i < 400; i++) {
			const k = rng.int(500);
			order.updateScore(nodes[k]!, rng.int(5000) + 0.5, rng);
			order.updateScore(nodes[k]!, 10 * k, rng);
		}
		for (let i = 0; i < 500; i++) {
			const drawsBefore = rng.state();
			// Up to 9 either way keeps the rank: zslUpdateScore changes the score in place.
			order.updateScore(nodes[i]!, 10 * i + (i % 2 === 0 ? 9 : -9), rng);
			expect(rng.state()).toEqual(drawsBefore);
			order.updateScore(nodes[i]!, 10 * i, rng);
			expect(rng.state()).toEqual(drawsBefore);
		}
		// A neighbour's score is not "between": Redis takes the member out and puts it back.
		for (let i = 1; i < 499; i++) {
			for (const tie of [i - 1, i + 1]) {
				const drawsBefore = rng.state();
				order.updateScore(nodes[i]!, 10 * tie, rng);
				expect(rng.state()).not.toEqual(drawsBefore);
				order.updateScore(nodes[i]!, 10 * i, rng);
			}
		}
		// The same at a leaf's edge, its least member tying with the previous leaf's greatest.
		const edge = new ZOrder();
		const padded = Array.from(
			{ length: 96 },
			(_, i) => new ZNode(`e${String(i).padStart(3, '0')}`, i, 1),
		);
		for (const n of padded) edge.insert(n);
		// An insertion in the middle of the leaf [32, 64) leaves it out of order.
		edge.insert(new ZNode('e040x', 40.5, 1));
		const edgeDraws = rng.state();
		edge.updateScore(padded[32]!, 31, rng);
		expect(rng.state()).not.toEqual(edgeDraws);
		expect(edge.rankOf(padded[32]!)).toBe(32);
		// Passing one neighbour is a new place: the node is inserted again with a new level.
		const drawsBefore = rng.state();
		order.updateScore(nodes[100]!, 1015, rng);
		expect(rng.state()).not.toEqual(drawsBefore);
		expect(order.rankOf(nodes[100]!)).toBe(101);
		expect(order.rankOf(nodes[101]!)).toBe(100);
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

	it('places an updated member by the tie key it was given, among equal and neighbouring keys', () => {
		const rng = new Random(11);
		const order = new ZOrder();
		const model: ZNode[] = [];
		// Two letters and lengths 4–9: many names share their six key characters (equal keys,
		// decided by the names) or differ only in the sixth (keys one apart).
		const seen = new Set<string>();
		while (model.length < 400) {
			const ele = Array.from({ length: 4 + rng.int(6) }, () => 'ab'[rng.int(2)]).join('');
			if (seen.has(ele)) continue;
			seen.add(ele);
			const node = new ZNode(ele, rng.int(2), 1);
			order.insert(node);
			model.push(node);
		}
		for (let step = 0; step < 4000; step++) {
			order.updateScore(model[rng.int(model.length)]!, rng.int(2), rng);
			if (step % 97 === 0) {
				model.sort(cmp);
				check(order, model);
			}
		}
		model.sort(cmp);
		check(order, model);
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
