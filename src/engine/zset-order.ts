// Mirrors the zsl* half of src/t_zset.c (zslInsert, zslDelete, zslUpdateScore, zslGetRank,
// zslGetElementByRank, zsl{First,Last}In{,Lex}Range) with another layout: members sorted by
// (score, member) in blocks of at most 2 × LOAD, a Fenwick tree of block sizes giving ranks in
// O(log n). A pointer-per-level skiplist costs a cache miss per hop in JS; blocks of contiguous
// scores keep a 100k-member ZADD within a small multiple of SET. A block is a typed array of scores
// beside one of node indexes, so an insert or a removal inside it is a memmove and allocates
// nothing. Each member still draws the level Redis's skiplist would give it, because the memory
// model prices its node by that level.
import type { Random } from './random.ts';
import type { Reply } from './reply.ts';
import { formatDouble } from './strtod.ts';

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
	/** Its index in its ZOrder's node pool (the blocks hold indexes, not pointers). */
	id = -1;
	/**
	 * The block that holds it (null while out of the list): an update or a removal finds its
	 * member by scanning one block's indexes, not by two searches whose ties read other members.
	 */
	block: ZBlock | null = null;
	#score: number;
	/**
	 * The member and its score as a range reply sends them, made on first use and shared by every
	 * reply after: a leaderboard's top ten are read far more often than they change, and
	 * formatting the double and building the two replies are most of what a read of them costs.
	 * Replies are never mutated, so sharing them is safe.
	 */
	#eleReply: Reply | null = null;
	#scoreReply: Reply | null = null;

	constructor(
		readonly ele: string,
		score: number,
		/** The level Redis's zslInsert would have drawn (priced by memory-zset.ts). */
		public level: number,
	) {
		this.#score = score;
	}

	get score(): number {
		return this.#score;
	}

	set score(score: number) {
		this.#score = score;
		this.#scoreReply = null;
	}

	/** The member as a bulk reply. */
	get eleReply(): Reply {
		return (this.#eleReply ??= { type: 'bulk', value: this.ele });
	}

	/** The score as a double reply (formatDouble), remembered until the score changes. */
	get scoreReply(): Reply {
		return (this.#scoreReply ??= { type: 'double', value: formatDouble(this.#score) });
	}
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

/**
 * A run of members in order, with spare room: entry i has its score at s[i] and its node index
 * at id[i]. A search probes only the scores (eight bytes an entry, half the cache lines of
 * interleaved pairs) and reads a node index only on a tie; a move is one memmove per array.
 */
interface Block {
	s: Float64Array;
	id: Int32Array;
	n: number;
	/** Its index in the list of blocks, set whenever that list changes (#rebuild). */
	i: number;
}

/** A block, as a node sees it: only this module reads one. */
export type ZBlock = object;

/** Room a block is created with; it doubles up to BLOCK_MAX. */
const BLOCK_START = 8;
const BLOCK_MAX = 2 * LOAD + 1;

function newBlock(capacity: number): Block {
	return { s: new Float64Array(capacity), id: new Int32Array(capacity), n: 0, i: -1 };
}

/** Makes room for `need` entries in `b`. */
function reserve(b: Block, need: number): void {
	if (need <= b.s.length) return;
	let cap = b.s.length;
	while (cap < need) cap *= 2;
	if (cap > BLOCK_MAX && need <= BLOCK_MAX) cap = BLOCK_MAX;
	const s = new Float64Array(cap);
	s.set(b.s.subarray(0, b.n));
	const id = new Int32Array(cap);
	id.set(b.id.subarray(0, b.n));
	b.s = s;
	b.id = id;
}

/** The entries of `b` from `from` on, moved into a new block (`b` keeps the ones before). */
function cut(b: Block, from: number): Block {
	const count = b.n - from;
	let cap = BLOCK_START;
	while (cap < count + 1) cap *= 2;
	const c = newBlock(Math.min(cap, BLOCK_MAX));
	c.s.set(b.s.subarray(from, b.n));
	c.id.set(b.id.subarray(from, b.n));
	c.n = count;
	b.n = from;
	return c;
}

export class ZOrder {
	#blocks: Block[] = [];
	/** Each block's last score, contiguous: the block search reads one array, not three. */
	#maxes: number[] = [];
	/** Fenwick tree over block sizes (1-based), rebuilt when blocks split or merge. */
	#tree: number[] = [0];
	/** Node by index; freed indexes are reused. */
	#pool: (ZNode | null)[] = [];
	#free: number[] = [];
	length = 0;
	/** Where #find and #locate leave their answer (block, offset): no tuple per call. */
	#bi = 0;
	#at = 0;

	#node(id: number): ZNode {
		return this.#pool[id]!;
	}

	#rebuild(): void {
		const blocks = this.#blocks;
		const n = blocks.length;
		for (let i = 0; i < n; i++) blocks[i]!.i = i;
		this.#maxes = blocks.map((b) => b.s[b.n - 1]!);
		const tree = new Array<number>(n + 1).fill(0);
		for (let i = 1; i <= n; i++) {
			tree[i]! += blocks[i - 1]!.n;
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

	/** Sets #bi/#at to the block holding 0-based `rank` and the offset in it (rank < length). */
	#locate(rank: number): void {
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
		this.#bi = pos;
		this.#at = rest;
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
			if (s < score || (s === score && this.#lastEle(this.#blocks[mid]!) < ele)) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	#lastEle(b: Block): string {
		return this.#node(b.id[b.n - 1]!).ele;
	}

	/** Offset of the first member of block `b` not before (score, ele). */
	#offsetIn(b: Block, score: number, ele: string): number {
		const d = b.s;
		let lo = 0;
		let hi = b.n;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			const s = d[mid]!;
			if (s < score || (s === score && this.#node(b.id[mid]!).ele < ele)) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/** zslInsert: the caller guarantees the member is not in the list yet. */
	insert(node: ZNode): void {
		this.length++;
		if (node.id === -1 || this.#pool[node.id] !== node) {
			const id = this.#free.length > 0 ? this.#free.pop()! : this.#pool.length;
			node.id = id;
			this.#pool[id] = node;
		}
		const score = node.score;
		if (this.#blocks.length === 0) {
			const b = newBlock(BLOCK_START);
			b.s[0] = score;
			b.id[0] = node.id;
			b.n = 1;
			node.block = b;
			this.#blocks.push(b);
			this.#rebuild();
			return;
		}
		this.#insertInto(this.#blockFor(score, node.ele), node);
	}

	/** Puts `node` (pooled, with its new score) into block `bi`, which #blockFor chose for it. */
	#insertInto(bi: number, node: ZNode): void {
		const score = node.score;
		const b = this.#blocks[bi]!;
		const at = this.#offsetIn(b, score, node.ele);
		reserve(b, b.n + 1);
		const d = b.s;
		if (at < b.n) {
			d.copyWithin(at + 1, at, b.n);
			b.id.copyWithin(at + 1, at, b.n);
		}
		d[at] = score;
		b.id[at] = node.id;
		b.n++;
		node.block = b;
		if (b.n > 2 * LOAD) {
			this.#blocks.splice(bi + 1, 0, this.#adopt(cut(b, LOAD)));
			this.#rebuild();
		} else {
			this.#add(bi, 1);
			this.#maxes[bi] = d[b.n - 1]!;
		}
	}

	/** Points the nodes of block `b` at it (after entries moved into it); returns `b`. */
	#adopt(b: Block): Block {
		const { id, n } = b;
		for (let k = 0; k < n; k++) this.#pool[id[k]!]!.block = b;
		return b;
	}

	/** Sets #bi/#at to the block and offset of a member known to be in the list. */
	#find(node: ZNode): void {
		const b = node.block as Block;
		this.#bi = b.i;
		// The entries past b.n may hold stale indexes, but the live one comes first.
		this.#at = b.id.indexOf(node.id);
	}

	/** zslDeleteNode for a member known to be in the list. */
	delete(node: ZNode): void {
		this.#find(node);
		this.#removeAt(this.#bi, this.#at);
		this.#pool[node.id] = null;
		this.#free.push(node.id);
		node.id = -1;
		node.block = null;
	}

	/** Takes entry `at` out of block `bi`; true when that emptied or merged a block (indexes moved). */
	#removeAt(bi: number, at: number): boolean {
		const b = this.#blocks[bi]!;
		b.s.copyWithin(at, at + 1, b.n);
		b.id.copyWithin(at, at + 1, b.n);
		b.n--;
		this.length--;
		if (b.n === 0) {
			this.#blocks.splice(bi, 1);
			this.#rebuild();
			return true;
		}
		if (b.n < LOAD / 4 && this.#blocks.length > 1) {
			const into = bi > 0 ? bi - 1 : bi;
			const a = this.#blocks[into]!;
			const c = this.#blocks[into + 1]!;
			reserve(a, a.n + c.n);
			a.s.set(c.s.subarray(0, c.n), a.n);
			a.id.set(c.id.subarray(0, c.n), a.n);
			a.n += c.n;
			this.#blocks.splice(into + 1, 1);
			this.#adopt(a);
			if (a.n > 2 * LOAD) this.#blocks.splice(into + 1, 0, this.#adopt(cut(a, LOAD)));
			this.#rebuild();
			return true;
		}
		this.#add(bi, -1);
		this.#maxes[bi] = b.s[b.n - 1]!;
		return false;
	}

	/**
	 * zslUpdateScore: the member stays in place when the new score leaves it between its
	 * neighbours; otherwise it is taken out and inserted again with a new random level.
	 * Returns the member's node (the same object either way).
	 */
	updateScore(node: ZNode, score: number, rng: Random): ZNode {
		this.#find(node);
		const bi = this.#bi;
		const at = this.#at;
		const blocks = this.#blocks;
		const b = blocks[bi]!;
		const prev = at > 0 ? b.s[at - 1]! : bi > 0 ? this.#maxes[bi - 1]! : null;
		const next =
			at + 1 < b.n ? b.s[at + 1]! : bi + 1 < blocks.length ? blocks[bi + 1]!.s[0]! : null;
		if ((prev === null || prev < score) && (next === null || next > score)) {
			node.score = score;
			b.s[at] = score;
			if (at === b.n - 1) this.#maxes[bi] = score;
			return node;
		}
		// One search for the new place, made while the old entry is still there: it sorts on the
		// same side of the new key in either case, since the key did not fit between neighbours.
		const to = this.#blockFor(score, node.ele);
		if (to === bi) {
			const d = b.s;
			const ids = b.id;
			const id = ids[at]!;
			const dest = this.#offsetIn(b, score, node.ele);
			let put: number;
			if (dest > at) {
				put = dest - 1;
				d.copyWithin(at, at + 1, dest);
				ids.copyWithin(at, at + 1, dest);
			} else {
				put = dest;
				d.copyWithin(dest + 1, dest, at);
				ids.copyWithin(dest + 1, dest, at);
			}
			d[put] = score;
			ids[put] = id;
			this.#maxes[bi] = d[b.n - 1]!;
			node.score = score;
			node.level = randomLevel(rng);
			return node;
		}
		// Redis frees the node and inserts a new one with a new level; the object is reused here.
		const moved = this.#removeAt(bi, at);
		node.score = score;
		node.level = randomLevel(rng);
		this.length++;
		// Block indexes hold unless the removal emptied or merged a block.
		this.#insertInto(moved ? this.#blockFor(score, node.ele) : to, node);
		return node;
	}

	/** zslGetRank, 0-based, for a member known to be in the list. */
	rankOf(node: ZNode): number {
		this.#find(node);
		return this.#before(this.#bi) + this.#at;
	}

	/** zslGetElementByRank, 0-based; null out of range. */
	at(rank: number): ZNode | null {
		if (rank < 0 || rank >= this.length) return null;
		this.#locate(rank);
		return this.#node(this.#blocks[this.#bi]!.id[this.#at]!);
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
			if (atOrPast(this.#node(b.id[b.n - 1]!))) hi = mid;
			else lo = mid + 1;
		}
		if (lo === blocks.length) return this.length;
		const b = blocks[lo]!;
		let l = 0;
		let h = b.n - 1;
		while (l < h) {
			const mid = (l + h) >> 1;
			if (atOrPast(this.#node(b.id[mid]!))) h = mid;
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
		this.#locate(from);
		let bi = this.#bi;
		let at = this.#at;
		const blocks = this.#blocks;
		let left = count;
		while (bi >= 0 && bi < blocks.length) {
			const b = blocks[bi]!;
			if (reverse) {
				for (; at >= 0; at--) {
					yield this.#node(b.id[at]!);
					if (--left === 0) return;
				}
				bi--;
				at = bi >= 0 ? blocks[bi]!.n - 1 : 0;
			} else {
				for (; at < b.n; at++) {
					yield this.#node(b.id[at]!);
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
		this.#locate(from);
		let bi = this.#bi;
		let at = this.#at;
		while (out.length < count && bi >= 0 && bi < blocks.length) {
			const b = blocks[bi]!;
			if (reverse) {
				for (; at >= 0 && out.length < count; at--) out.push(this.#node(b.id[at]!));
				bi--;
				at = bi >= 0 ? blocks[bi]!.n - 1 : 0;
			} else {
				for (; at < b.n && out.length < count; at++) out.push(this.#node(b.id[at]!));
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
