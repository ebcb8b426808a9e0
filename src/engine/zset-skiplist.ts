// Mirrors the zsl* half of src/t_zset.c: a skiplist ordered by (score, member) whose forward links
// carry spans, so a rank is found in O(log n) on the way down, as ZRANK and ZRANGE need.
import type { Random } from './random.ts';

/** ZSKIPLIST_MAXLEVEL: the header always has this many levels. */
export const ZSKIPLIST_MAXLEVEL = 32;
/** ZSKIPLIST_P × 2^32: a node gets one more level while a 32-bit draw is under this. */
const LEVEL_THRESHOLD = 0.25 * 4294967296;

export class ZNode {
	readonly forward: (ZNode | null)[];
	readonly span: number[];
	backward: ZNode | null = null;

	constructor(
		readonly ele: string,
		public score: number,
		level: number,
	) {
		this.forward = new Array<ZNode | null>(level).fill(null);
		this.span = new Array<number>(level).fill(0);
	}

	get level(): number {
		return this.forward.length;
	}
}

/** zslRandomLevel, drawing from the engine's seeded generator where Redis calls random(). */
export function randomLevel(rng: Random): number {
	let level = 1;
	while (rng.uint32() < LEVEL_THRESHOLD && level < ZSKIPLIST_MAXLEVEL) level++;
	return level;
}

/** zrangespec: a score interval whose ends may be excluded. */
export interface ScoreRange {
	readonly min: number;
	readonly max: number;
	readonly minex: boolean;
	readonly maxex: boolean;
}

/**
 * zlexrangespec: member bounds, where `null` with `minInf`/`maxInf` set means "-" or "+".
 * Exclusivity follows `(`; `[` includes.
 */
export interface LexRange {
	readonly min: string;
	readonly max: string;
	readonly minex: boolean;
	readonly maxex: boolean;
	/** 1 = "+" (beyond every member), -1 = "-" (before every member), 0 = a real bound. */
	readonly minInf: -1 | 0 | 1;
	readonly maxInf: -1 | 0 | 1;
}

export const scoreGteMin = (v: number, r: ScoreRange) => (r.minex ? v > r.min : v >= r.min);
export const scoreLteMax = (v: number, r: ScoreRange) => (r.maxex ? v < r.max : v <= r.max);

/** sdscmplex: "-" sorts before everything, "+" after everything, else byte order. */
function lexCmp(a: string, bound: string, inf: -1 | 0 | 1): number {
	if (inf !== 0) return -inf;
	return a < bound ? -1 : a > bound ? 1 : 0;
}
export const lexGteMin = (v: string, r: LexRange) =>
	r.minex ? lexCmp(v, r.min, r.minInf) > 0 : lexCmp(v, r.min, r.minInf) >= 0;
export const lexLteMax = (v: string, r: LexRange) =>
	r.maxex ? lexCmp(v, r.max, r.maxInf) < 0 : lexCmp(v, r.max, r.maxInf) <= 0;

/** Whether any value could fall in the range at all (zslIsInRange's first test). */
export function scoreRangeEmpty(r: ScoreRange): boolean {
	return r.min > r.max || (r.min === r.max && (r.minex || r.maxex));
}
export function lexRangeEmpty(r: LexRange): boolean {
	const c =
		r.minInf !== 0 || r.maxInf !== 0
			? r.minInf - r.maxInf
			: r.min < r.max
				? -1
				: r.min > r.max
					? 1
					: 0;
	return c > 0 || (c === 0 && (r.minex || r.maxex));
}

/** Does (score, ele) sort before (s, e)? */
const before = (n: ZNode, s: number, e: string) => n.score < s || (n.score === s && n.ele < e);

export class ZSkiplist {
	readonly header = new ZNode('', 0, ZSKIPLIST_MAXLEVEL);
	tail: ZNode | null = null;
	length = 0;
	level = 1;
	readonly #update = new Array<ZNode>(ZSKIPLIST_MAXLEVEL);
	readonly #rank = new Array<number>(ZSKIPLIST_MAXLEVEL).fill(0);

	first(): ZNode | null {
		return this.header.forward[0]!;
	}

	/** zslInsert: the caller guarantees the member is not already in the list. */
	insert(score: number, ele: string, level: number): ZNode {
		const update = this.#update;
		const rank = this.#rank;
		let x = this.header;
		for (let i = this.level - 1; i >= 0; i--) {
			let r = i === this.level - 1 ? 0 : rank[i + 1]!;
			let next = x.forward[i]!;
			while (next !== null && before(next, score, ele)) {
				r += x.span[i]!;
				x = next;
				next = x.forward[i]!;
			}
			rank[i] = r;
			update[i] = x;
		}
		if (level > this.level) {
			for (let i = this.level; i < level; i++) {
				rank[i] = 0;
				update[i] = this.header;
				update[i]!.span[i] = this.length;
			}
			this.level = level;
		}
		const node = new ZNode(ele, score, level);
		for (let i = 0; i < level; i++) {
			const u = update[i]!;
			node.forward[i] = u.forward[i]!;
			u.forward[i] = node;
			node.span[i] = u.span[i]! - (rank[0]! - rank[i]!);
			u.span[i] = rank[0]! - rank[i]! + 1;
		}
		for (let i = level; i < this.level; i++) update[i]!.span[i]!++;
		node.backward = update[0] === this.header ? null : update[0]!;
		if (node.forward[0]) node.forward[0].backward = node;
		else this.tail = node;
		this.length++;
		return node;
	}

	/** zslDeleteNode, with `update` filled by the search that found the node. */
	#unlink(x: ZNode, update: ZNode[]): void {
		for (let i = 0; i < this.level; i++) {
			const u = update[i]!;
			if (u.forward[i] === x) {
				u.span[i]! += x.span[i]! - 1;
				u.forward[i] = x.forward[i]!;
			} else {
				u.span[i]!--;
			}
		}
		if (x.forward[0]) x.forward[0].backward = x.backward;
		else this.tail = x.backward;
		while (this.level > 1 && this.header.forward[this.level - 1] === null) this.level--;
		this.length--;
	}

	/** Fills the update vector with the last node before (score, ele) on each level. */
	#search(score: number, ele: string): ZNode {
		const update = this.#update;
		let x = this.header;
		for (let i = this.level - 1; i >= 0; i--) {
			let next = x.forward[i]!;
			while (next !== null && before(next, score, ele)) {
				x = next;
				next = x.forward[i]!;
			}
			update[i] = x;
		}
		return x;
	}

	/** zslDelete: true if the element was found and removed. */
	delete(score: number, ele: string): boolean {
		const x = this.#search(score, ele).forward[0];
		if (!x || x.score !== score || x.ele !== ele) return false;
		this.#unlink(x, this.#update);
		return true;
	}

	/**
	 * zslUpdateScore: the node stays in place when its new score keeps it between its neighbours,
	 * else it is unlinked and a new node (with a new random level) is inserted, which is returned.
	 */
	updateScore(node: ZNode, newscore: number, rng: Random): ZNode {
		const x = this.#search(node.score, node.ele).forward[0]!;
		const prev = x.backward;
		const next = x.forward[0]!;
		if ((prev === null || prev.score < newscore) && (next === null || next.score > newscore)) {
			x.score = newscore;
			return x;
		}
		this.#unlink(x, this.#update);
		return this.insert(newscore, x.ele, randomLevel(rng));
	}

	/** zslGetRank: the 1-based rank of an element known to be in the list. */
	getRank(score: number, ele: string): number {
		let rank = 0;
		let x = this.header;
		for (let i = this.level - 1; i >= 0; i--) {
			let next = x.forward[i]!;
			while (
				next !== null &&
				(before(next, score, ele) || (next.score === score && next.ele === ele))
			) {
				rank += x.span[i]!;
				x = next;
				next = x.forward[i]!;
			}
			if (x !== this.header && x.ele === ele) return rank;
		}
		return 0;
	}

	/** zslGetElementByRank: 1-based. */
	byRank(rank: number): ZNode | null {
		let traversed = 0;
		let x = this.header;
		for (let i = this.level - 1; i >= 0; i--) {
			while (x.forward[i] && traversed + x.span[i]! <= rank) {
				traversed += x.span[i]!;
				x = x.forward[i]!;
			}
			if (traversed === rank) return x;
		}
		return null;
	}

	/** zslFirstInRange (`gte` tells whether a node is at or past the range's start). */
	firstWhere(gte: (n: ZNode) => boolean, lteEnd: (n: ZNode) => boolean): ZNode | null {
		let x = this.header;
		for (let i = this.level - 1; i >= 0; i--) {
			while (x.forward[i] && !gte(x.forward[i]!)) x = x.forward[i]!;
		}
		const first = x.forward[0];
		return first && lteEnd(first) ? first : null;
	}

	/** zslLastInRange. */
	lastWhere(gte: (n: ZNode) => boolean, lteEnd: (n: ZNode) => boolean): ZNode | null {
		let x = this.header;
		for (let i = this.level - 1; i >= 0; i--) {
			while (x.forward[i] && lteEnd(x.forward[i]!)) x = x.forward[i]!;
		}
		return x !== this.header && gte(x) ? x : null;
	}

	firstInRange(r: ScoreRange): ZNode | null {
		if (scoreRangeEmpty(r)) return null;
		return this.firstWhere(
			(n) => scoreGteMin(n.score, r),
			(n) => scoreLteMax(n.score, r),
		);
	}
	lastInRange(r: ScoreRange): ZNode | null {
		if (scoreRangeEmpty(r)) return null;
		return this.lastWhere(
			(n) => scoreGteMin(n.score, r),
			(n) => scoreLteMax(n.score, r),
		);
	}
	firstInLexRange(r: LexRange): ZNode | null {
		if (lexRangeEmpty(r)) return null;
		return this.firstWhere(
			(n) => lexGteMin(n.ele, r),
			(n) => lexLteMax(n.ele, r),
		);
	}
	lastInLexRange(r: LexRange): ZNode | null {
		if (lexRangeEmpty(r)) return null;
		return this.lastWhere(
			(n) => lexGteMin(n.ele, r),
			(n) => lexLteMax(n.ele, r),
		);
	}

	/** Removes `x` (found by the caller, e.g. a pop), searching again for its update vector. */
	deleteNode(x: ZNode): void {
		this.#search(x.score, x.ele);
		this.#unlink(x, this.#update);
	}
}
