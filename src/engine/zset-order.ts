// Mirrors the zsl* half of src/t_zset.c (zslInsert, zslDelete, zslUpdateScore, zslGetRank,
// zslGetElementByRank, zsl{First,Last}In{,Lex}Range) with another layout: members sorted by
// (score, member) in blocks of at most 2 × LOAD, a Fenwick tree of block sizes giving ranks in
// O(log n). A pointer-per-level skiplist costs a cache miss per hop in JS; blocks of contiguous
// scores keep a 100k-member ZADD within a small multiple of SET. Each member still draws the
// level Redis's skiplist would give it, because the memory model prices its node by that level.
import type { Random } from './random.ts';

/** ZSKIPLIST_MAXLEVEL: the header Redis allocates always has this many levels. */
export const ZSKIPLIST_MAXLEVEL = 32;
/** ZSKIPLIST_P × 2^32: a node gets one more level while a 32-bit draw is under this. */
const LEVEL_THRESHOLD = 0.25 * 4294967296;
/** Half the largest block; a block splits past 2 × LOAD and merges below LOAD / 4. */
const LOAD = 128;

/** zslRandomLevel, drawing from the engine's seeded generator where Redis calls random(). */
export function randomLevel(rng: Random): number {
	let level = 1;
	while (rng.uint32() < LEVEL_THRESHOLD && level < ZSKIPLIST_MAXLEVEL) level++;
	return level;
}

export class ZNode {
	constructor(
		readonly ele: string,
		public score: number,
		/** The level Redis's zslInsert would have drawn (priced by memory-zset.ts). */
		public level: number,
	) {}
}

/** zrangespec: a score interval whose ends may be excluded. */
export interface ScoreRange {
	readonly min: number;
	readonly max: number;
	readonly minex: boolean;
	readonly maxex: boolean;
}

/** zlexrangespec: member bounds; `minInf`/`maxInf` 1 = "+", -1 = "-", 0 = a real bound. */
export interface LexRange {
	readonly min: string;
	readonly max: string;
	readonly minex: boolean;
	readonly maxex: boolean;
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

/** zslIsInRange's first test: a range nothing can fall in. */
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

interface Block {
	nodes: ZNode[];
	/** The nodes' scores, contiguous, for the binary searches. */
	scores: number[];
}

export class ZOrder {
	#blocks: Block[] = [];
	/** Each block's last score, contiguous: the block search reads one array, not three. */
	#maxes: number[] = [];
	/** Fenwick tree over block sizes (1-based), rebuilt when blocks split or merge. */
	#tree: number[] = [0];
	length = 0;

	#rebuild(): void {
		const n = this.#blocks.length;
		this.#maxes = this.#blocks.map((b) => b.scores[b.scores.length - 1]!);
		const tree = new Array<number>(n + 1).fill(0);
		for (let i = 1; i <= n; i++) {
			tree[i]! += this.#blocks[i - 1]!.nodes.length;
			const j = i + (i & -i);
			if (j <= n) tree[j]! += tree[i]!;
		}
		this.#tree = tree;
	}

	#add(b: number, delta: number): void {
		const tree = this.#tree;
		for (let i = b + 1; i < tree.length; i += i & -i) tree[i]! += delta;
	}

	/** Members in blocks before block `b`. */
	#before(b: number): number {
		let sum = 0;
		for (let i = b; i > 0; i -= i & -i) sum += this.#tree[i]!;
		return sum;
	}

	/** The block holding 0-based `rank` and the offset in it (rank < length). */
	#locate(rank: number): [number, number] {
		const tree = this.#tree;
		let pos = 0;
		let rest = rank;
		let step = 1;
		while (step * 2 < tree.length) step *= 2;
		for (; step > 0; step >>= 1) {
			const next = pos + step;
			if (next < tree.length && tree[next]! <= rest) {
				pos = next;
				rest -= tree[next]!;
			}
		}
		return [pos, rest];
	}

	/** First block whose last member is not before (score, ele); the last block if none. */
	#blockFor(score: number, ele: string): number {
		const maxes = this.#maxes;
		let lo = 0;
		let hi = maxes.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			const s = maxes[mid]!;
			// The member name is read only on a tie, sparing pointer chases per probe.
			if (s < score || (s === score && this.#blocks[mid]!.nodes.at(-1)!.ele < ele)) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/** Offset of the first member of block `b` not before (score, ele). */
	#offsetIn(b: Block, score: number, ele: string): number {
		const scores = b.scores;
		let lo = 0;
		let hi = scores.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			const s = scores[mid]!;
			if (s < score || (s === score && b.nodes[mid]!.ele < ele)) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/** zslInsert: the caller guarantees the member is not in the list yet. */
	insert(node: ZNode): void {
		this.length++;
		if (this.#blocks.length === 0) {
			this.#blocks.push({ nodes: [node], scores: [node.score] });
			this.#rebuild();
			return;
		}
		const bi = this.#blockFor(node.score, node.ele);
		const b = this.#blocks[bi]!;
		const at = this.#offsetIn(b, node.score, node.ele);
		if (at === b.nodes.length) {
			b.nodes.push(node);
			b.scores.push(node.score);
		} else {
			b.nodes.splice(at, 0, node);
			b.scores.splice(at, 0, node.score);
		}
		if (b.nodes.length > 2 * LOAD) {
			this.#blocks.splice(bi + 1, 0, {
				nodes: b.nodes.splice(LOAD),
				scores: b.scores.splice(LOAD),
			});
			this.#rebuild();
		} else {
			this.#add(bi, 1);
			this.#maxes[bi] = b.scores[b.scores.length - 1]!;
		}
	}

	/** Block index and offset of a member known to be in the list. */
	#find(node: ZNode): [number, number] {
		const bi = this.#blockFor(node.score, node.ele);
		return [bi, this.#offsetIn(this.#blocks[bi]!, node.score, node.ele)];
	}

	/** zslDeleteNode for a member known to be in the list. */
	delete(node: ZNode): void {
		const [bi, at] = this.#find(node);
		this.#removeAt(bi, at);
	}

	#removeAt(bi: number, at: number): void {
		const b = this.#blocks[bi]!;
		b.nodes.splice(at, 1);
		b.scores.splice(at, 1);
		this.length--;
		if (b.nodes.length === 0) {
			this.#blocks.splice(bi, 1);
			this.#rebuild();
		} else if (b.nodes.length < LOAD / 4 && this.#blocks.length > 1) {
			const into = bi > 0 ? bi - 1 : bi;
			const a = this.#blocks[into]!;
			const c = this.#blocks[into + 1]!;
			a.nodes.push(...c.nodes);
			a.scores.push(...c.scores);
			this.#blocks.splice(into + 1, 1);
			if (a.nodes.length > 2 * LOAD) {
				this.#blocks.splice(into + 1, 0, {
					nodes: a.nodes.splice(LOAD),
					scores: a.scores.splice(LOAD),
				});
			}
			this.#rebuild();
		} else {
			this.#add(bi, -1);
			this.#maxes[bi] = b.scores[b.scores.length - 1]!;
		}
	}

	/**
	 * zslUpdateScore: the member stays in place when the new score leaves it between its
	 * neighbours; otherwise it is taken out and inserted again with a new random level.
	 * Returns the member's node (the same object either way).
	 */
	updateScore(node: ZNode, score: number, rng: Random): ZNode {
		const [bi, at] = this.#find(node);
		const blocks = this.#blocks;
		const b = blocks[bi]!;
		const prev = at > 0 ? b.scores[at - 1]! : bi > 0 ? blocks[bi - 1]!.scores.at(-1)! : null;
		const next =
			at + 1 < b.scores.length
				? b.scores[at + 1]!
				: bi + 1 < blocks.length
					? blocks[bi + 1]!.scores[0]!
					: null;
		if ((prev === null || prev < score) && (next === null || next > score)) {
			node.score = score;
			b.scores[at] = score;
			if (at === b.scores.length - 1) this.#maxes[bi] = score;
			return node;
		}
		this.#removeAt(bi, at);
		// Redis frees the node and inserts a new one with a new level; the object is reused here.
		node.score = score;
		node.level = randomLevel(rng);
		this.insert(node);
		return node;
	}

	/** zslGetRank, 0-based, for a member known to be in the list. */
	rankOf(node: ZNode): number {
		const [bi, at] = this.#find(node);
		return this.#before(bi) + at;
	}

	/** zslGetElementByRank, 0-based; null out of range. */
	at(rank: number): ZNode | null {
		if (rank < 0 || rank >= this.length) return null;
		const [bi, at] = this.#locate(rank);
		return this.#blocks[bi]!.nodes[at]!;
	}

	/**
	 * The rank of the first member for which `atOrPast` holds, `atOrPast` being false then true
	 * along the list (length when it never holds).
	 */
	firstRank(atOrPast: (n: ZNode) => boolean): number {
		const blocks = this.#blocks;
		let lo = 0;
		let hi = blocks.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			const b = blocks[mid]!;
			if (atOrPast(b.nodes[b.nodes.length - 1]!)) hi = mid;
			else lo = mid + 1;
		}
		if (lo === blocks.length) return this.length;
		const nodes = blocks[lo]!.nodes;
		let l = 0;
		let h = nodes.length - 1;
		while (l < h) {
			const mid = (l + h) >> 1;
			if (atOrPast(nodes[mid]!)) h = mid;
			else l = mid + 1;
		}
		return this.#before(lo) + l;
	}

	/** [first, last] ranks of the members in a score range; first > last when there are none. */
	scoreRanks(r: ScoreRange): [number, number] {
		if (scoreRangeEmpty(r)) return [0, -1];
		const first = this.firstRank((n) => scoreGteMin(n.score, r));
		const last = this.firstRank((n) => !scoreLteMax(n.score, r)) - 1;
		return [first, last];
	}

	/** The same for a lex range (meaningful when all scores are equal, as in Redis). */
	lexRanks(r: LexRange): [number, number] {
		if (lexRangeEmpty(r)) return [0, -1];
		const first = this.firstRank((n) => lexGteMin(n.ele, r));
		const last = this.firstRank((n) => !lexLteMax(n.ele, r)) - 1;
		return [first, last];
	}

	/** Nodes from rank `from` walking up (or down with `reverse`), at most `count` of them. */
	*walk(from: number, reverse = false, count = Infinity): Generator<ZNode> {
		if (from < 0 || from >= this.length || count <= 0) return;
		let [bi, at] = this.#locate(from);
		const blocks = this.#blocks;
		let left = count;
		while (bi >= 0 && bi < blocks.length) {
			const nodes = blocks[bi]!.nodes;
			if (reverse) {
				for (; at >= 0; at--) {
					yield nodes[at]!;
					if (--left === 0) return;
				}
				bi--;
				at = bi >= 0 ? blocks[bi]!.nodes.length - 1 : 0;
			} else {
				for (; at < nodes.length; at++) {
					yield nodes[at]!;
					if (--left === 0) return;
				}
				bi++;
				at = 0;
			}
		}
	}

	/** Up to `count` nodes from rank `from` into an array (the hot path of ZRANGE, no generator). */
	slice(from: number, count: number, reverse = false): ZNode[] {
		const out: ZNode[] = [];
		if (from < 0 || from >= this.length || count <= 0) return out;
		const blocks = this.#blocks;
		let [bi, at] = this.#locate(from);
		while (out.length < count && bi >= 0 && bi < blocks.length) {
			const nodes = blocks[bi]!.nodes;
			if (reverse) {
				for (; at >= 0 && out.length < count; at--) out.push(nodes[at]!);
				bi--;
				at = bi >= 0 ? blocks[bi]!.nodes.length - 1 : 0;
			} else {
				for (; at < nodes.length && out.length < count; at++) out.push(nodes[at]!);
				bi++;
				at = 0;
			}
		}
		return out;
	}

	first(): ZNode | null {
		return this.at(0);
	}

	last(): ZNode | null {
		return this.at(this.length - 1);
	}
}
