// Mirrors the zsl* half of src/t_zset.c (zslInsert, zslDelete, zslUpdateScore, zslGetRank,
// zslGetElementByRank, zsl{First,Last}In{,Lex}Range) with another layout: members in leaves of
// at most LEAF entries, each leaf holding a run of the (score, member) order, the leaves'
// greatest scores searched as one array, and a Fenwick tree of leaf sizes giving ranks in
// O(log n). A pointer-per-level skiplist costs a cache miss per hop in JS; leaves held in the
// same two typed arrays cost a few cache lines per insert or removal and allocate nothing.
// Inside a leaf only the greatest entry has a fixed place, the last: a write puts a member in
// or takes it out by moving two entries, and a read that walks or indexes a leaf first sorts it
// (it stays sorted until the next write to it). Members that tie on score are told apart by a
// number packed from their names (tieKey) before the names are read.
// Each member still draws the level Redis's skiplist would give it, because the memory model
// prices its node by that level.
import type { Random } from './random.ts';
import type { Reply } from './reply.ts';
import { formatDouble } from './strtod.ts';

/** ZSKIPLIST_MAXLEVEL: the header Redis allocates always has this many levels. */
export const ZSKIPLIST_MAXLEVEL = 32;
/** ZSKIPLIST_P × 2^32: a node gets one more level while a 32-bit draw is under this. */
const LEVEL_THRESHOLD = 0.25 * 4294967296;
/** zslRandomLevel, drawing from the engine's seeded generator where Redis calls random(). */
export function randomLevel(rng: Random): number {
	let level = 1;
	while (rng.uint32() < LEVEL_THRESHOLD && level < ZSKIPLIST_MAXLEVEL) level++;
	return level;
}

export class ZNode {
	/** Its index in its ZOrder's node pool (the leaves hold indexes, not pointers). */
	id = -1;
	/**
	 * The leaf slot that holds it (-1 while out of the list): an update or a removal goes straight
	 * to it, and to its entry there by the offset its ZOrder keeps, instead of searching the whole
	 * list by (score, member), whose ties read other members.
	 */
	leaf = -1;
	/**
	 * Its tie key (tieKey) as two small integers, the first three characters' digits and the last
	 * three's, set whenever its ZOrder keys it: an update reads them from the node its dict lookup
	 * has just brought in, where packing the name again cost some 180 instructions. As one field
	 * the key would be a boxed double, a cache miss of its own.
	 */
	keyHi = 0;
	keyLo = 0;
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
 * Entries a leaf holds at most. Every leaf of a ZOrder has this much room in the same two typed
 * arrays: with k = slot × LEAF + j, leaf `slot` keeps its j-th entry's score at pairs[2k], that
 * member's tie key at pairs[2k + 1] and its node index at ids[k]. A leaf is thus a few cache
 * lines with no object in front of it: a random update on 100k members reads its own entry and
 * the two leaves' greatest, and writes a few lines.
 */
const LEAF = 64;
/** k & LEAF_MASK is flat entry k's offset in its leaf (LEAF is a power of two). */
const LEAF_MASK = LEAF - 1;
/** A leaf with fewer entries merges with (or borrows from) a neighbour. */
const LEAF_MIN = LEAF / 4;

/** Characters a tie key packs, and the longest shared prefix a ZOrder strips before them. */
const KEY_CHARS = 6;
const PREFIX_MAX = 64;
/** Times a ZOrder shortens its prefix (re-keying every member) before it gives the prefix up. */
const REKEYS_MAX = 4;

/**
 * Members that tie on score sort by their bytes (sdscmp), and comparing two names reads a node
 * and two strings far from the leaf: on a leaderboard of integer scores most insertions meet a
 * tie, and each such comparison is a chain of cache misses. So each member also has a number
 * that orders as its name does, as far as the KEY_CHARS characters after the prefix every member
 * shares (names like `user:1234` share one): each character is a digit in base 258, 0 for "no
 * character", so a name sorts before its extensions, and a code unit above 255 (never in a byte
 * string) becomes the top digit and ends the key. 258^6 < 2^53, so the number is exact. Only
 * equal keys still compare the names.
 */
export function tieKey(ele: string, from: number): number {
	let key = 0;
	let open = true;
	for (let i = from; i < from + KEY_CHARS; i++) {
		let digit = 0;
		if (open && i < ele.length) {
			const c = ele.charCodeAt(i);
			digit = c > 255 ? 257 : c + 1;
			open = c <= 255;
		}
		key = key * 258 + digit;
	}
	return key;
}

/** 258^3: a tie key is keyHi × KEY_HALF + keyLo (both exact, the key being under 2^53). */
const KEY_HALF = 258 ** 3;

/** Keys `node` with tieKey(node.ele, from), kept on the node in halves; returns the key. */
function keyNode(node: ZNode, from: number): number {
	const key = tieKey(node.ele, from);
	const hi = Math.floor(key / KEY_HALF);
	node.keyHi = hi;
	node.keyLo = key - hi * KEY_HALF;
	return key;
}

/** Where ZOrder's #touchFrom and #touchTo write their sums, so the compiler keeps the loads. */
const TOUCHED = new Float64Array(1);

export class ZOrder {
	/**
	 * Each entry's score and, right after it, its tie key (tieKey): the key is read where scores
	 * tie, which on a leaderboard of whole-number scores is most comparisons inside a leaf. Side by
	 * side, an entry a move reads or writes is one cache line, where a score array and a key array
	 * made it two (a random update took about 8 % longer on 100k members).
	 */
	#pairs = new Float64Array(2 * LEAF);
	#ids = new Int32Array(LEAF);
	/** Entries in each leaf slot. */
	#n = new Int32Array(1);
	/**
	 * Whether each leaf slot's entries are in order. Every leaf keeps its greatest entry last, so
	 * the leaf search and the boundaries hold either way; the rest are put in order (#sortLeaf)
	 * only when a read needs them so.
	 */
	#sorted = new Uint8Array(1);
	/** Leaf slots in list order, and each one's greatest (last) score, for the leaf search. */
	#order: number[] = [];
	#maxes: number[] = [];
	/** Each slot's index in #order, rewritten for the leaves a split or a merge moves (#renumber). */
	#pos = new Int32Array(1);
	#freeSlots: number[] = [];
	#slots = 0;
	/**
	 * Fenwick tree over leaf sizes in list order (1-based). A split or a merge only marks it stale:
	 * the next rank query rebuilds it, so updates that never ask for a rank never pay for it.
	 */
	#tree: number[] = [0];
	#treeStale = false;
	/** Node by index; freed indexes are reused. */
	#pool: (ZNode | null)[] = [];
	#free: number[] = [];
	/**
	 * Each pooled member's offset in its leaf, by node index, rewritten wherever an entry moves.
	 * An update or a removal reads its entry's place here instead of scanning its leaf's ids for
	 * it (four cache lines and some 300 instructions a random update); the writes need only the
	 * index the moved entry carries, never its node. One byte a member: LEAF is 64.
	 */
	#offs = new Uint8Array(16);
	length = 0;
	/** Where #find and #locate leave their answer (leaf index in #order, offset): no tuple per call. */
	#bi = 0;
	#at = 0;
	/** A prefix every member starts with (null while empty): tie keys start after it. */
	#prefix: string | null = null;
	#rekeys = 0;
	/**
	 * The tie key of the member being placed: worked out from its name by insert, put together
	 * from the node's two halves by updateScore.
	 */
	#key = 0;

	#node(id: number): ZNode {
		return this.#pool[id]!;
	}

	/**
	 * Reads, without waiting on either, the cache lines an update of `node` out of its leaf
	 * needs: its own entry's id (checked there) and the leaf's greatest entry (moved or compared).
	 * The processor sends for both together, and the code that needs them later finds them
	 * arriving (JS has no prefetch instruction; independent loads are one). The entries an update
	 * overwrites are not read: a store does not wait for its line.
	 */
	#touchFrom(node: ZNode): void {
		const base = node.leaf * LEAF;
		const last = base + this.#n[node.leaf]! - 1;
		TOUCHED[0] = this.#ids[base + this.#offs[node.id]!]! + this.#pairs[2 * last]!;
	}

	/** The same for leaf `to`, where the member goes: its greatest entry, compared and moved. */
	#touchTo(to: number): void {
		const toLast = to * LEAF + this.#n[to]! - 1;
		TOUCHED[0] = this.#ids[toLast]! + this.#pairs[2 * toLast]!;
	}

	/** A free leaf slot, the arrays grown (doubled) when none is left. */
	#newSlot(): number {
		if (this.#freeSlots.length > 0) {
			const slot = this.#freeSlots.pop()!;
			this.#n[slot] = 0;
			this.#sorted[slot] = 1;
			return slot;
		}
		const slot = this.#slots++;
		if (slot * LEAF >= this.#ids.length) {
			const cap = Math.max(1, slot * 2);
			const pairs = new Float64Array(2 * cap * LEAF);
			pairs.set(this.#pairs);
			this.#pairs = pairs;
			const ids = new Int32Array(cap * LEAF);
			ids.set(this.#ids);
			this.#ids = ids;
			const n = new Int32Array(cap);
			n.set(this.#n);
			this.#n = n;
			const pos = new Int32Array(cap);
			pos.set(this.#pos);
			this.#pos = pos;
			const sorted = new Uint8Array(cap);
			sorted.set(this.#sorted);
			this.#sorted = sorted;
		}
		this.#n[slot] = 0;
		this.#sorted[slot] = 1;
		return slot;
	}

	/** Puts leaf `slot` into the list at index `bi`. */
	#insertLeaf(bi: number, slot: number): void {
		this.#order.splice(bi, 0, slot);
		this.#maxes.splice(bi, 0, this.#pairs[2 * (slot * LEAF + this.#n[slot]! - 1)]!);
		this.#renumber(bi);
		this.#treeStale = true;
	}

	#removeLeaf(bi: number): void {
		this.#freeSlots.push(this.#order[bi]!);
		this.#order.splice(bi, 1);
		this.#maxes.splice(bi, 1);
		this.#renumber(bi);
		this.#treeStale = true;
	}

	/**
	 * Rewrites #pos for the leaves from index `from` on, which a split or a merge just moved. Left
	 * stale and checked on use, half the updates of a random workload met a moved leaf and searched
	 * for it again (a member name read, a cache miss); the rewrite is one pass over the splice's own
	 * range.
	 */
	#renumber(from: number): void {
		const order = this.#order;
		const pos = this.#pos;
		for (let i = from; i < order.length; i++) pos[order[i]!] = i;
	}

	#lastScore(bi: number): number {
		const slot = this.#order[bi]!;
		return this.#pairs[2 * (slot * LEAF + this.#n[slot]! - 1)]!;
	}

	/**
	 * Whether flat entry `k` sorts before the entry (score, key) of pooled node `id`: the names are
	 * read only on a full tie.
	 */
	#sortsBefore(k: number, score: number, key: number, id: number): boolean {
		const s = this.#pairs[2 * k]!;
		if (s !== score) return s < score;
		const q = this.#pairs[2 * k + 1]!;
		if (q !== key) return q < key;
		return this.#node(this.#ids[k]!).ele < this.#node(id).ele;
	}

	/** Whether flat entry `k` sorts before flat entry `j`. */
	#entryBefore(k: number, j: number): boolean {
		return this.#sortsBefore(k, this.#pairs[2 * j]!, this.#pairs[2 * j + 1]!, this.#ids[j]!);
	}

	/** Copies flat entry `from` (score, tie key, node index) over flat entry `to`. */
	#move(to: number, from: number): void {
		this.#pairs[2 * to] = this.#pairs[2 * from]!;
		this.#pairs[2 * to + 1] = this.#pairs[2 * from + 1]!;
		const id = this.#ids[from]!;
		this.#ids[to] = id;
		this.#offs[id] = to & LEAF_MASK;
	}

	#put(k: number, score: number, key: number, id: number): void {
		this.#pairs[2 * k] = score;
		this.#pairs[2 * k + 1] = key;
		this.#ids[k] = id;
		this.#offs[id] = k & LEAF_MASK;
	}

	#swap(a: number, b: number): void {
		const score = this.#pairs[2 * a]!;
		const key = this.#pairs[2 * a + 1]!;
		const id = this.#ids[a]!;
		this.#move(a, b);
		this.#put(b, score, key, id);
	}

	/** Flat entries [from, end) copied to start at `to` (copyWithin on both arrays). */
	#copy(to: number, from: number, end: number): void {
		this.#pairs.copyWithin(2 * to, 2 * from, 2 * end);
		const ids = this.#ids;
		ids.copyWithin(to, from, end);
		for (let k = to; k < to + end - from; k++) this.#offs[ids[k]!] = k & LEAF_MASK;
	}

	/**
	 * Puts leaf `slot`'s entries in order, for a read that walks or indexes them. An insertion
	 * sort: a leaf is short, and one that has only met a few updates since it was last in order
	 * is nearly sorted, which this sort passes over in a single sweep.
	 */
	#sortLeaf(slot: number): void {
		if (this.#sorted[slot] === 0) this.#sort(slot);
	}

	#sort(slot: number): void {
		const pairs = this.#pairs;
		const ids = this.#ids;
		const base = slot * LEAF;
		const end = base + this.#n[slot]!;
		for (let i = base + 1; i < end; i++) {
			const score = pairs[2 * i]!;
			const key = pairs[2 * i + 1]!;
			const id = ids[i]!;
			let j = i - 1;
			while (j >= base && !this.#sortsBefore(j, score, key, id)) {
				this.#move(j + 1, j);
				j--;
			}
			this.#put(j + 1, score, key, id);
		}
		this.#sorted[slot] = 1;
	}

	/** Flat index of leaf `bi`'s last entry. */
	#lastAt(bi: number): number {
		const slot = this.#order[bi]!;
		return slot * LEAF + this.#n[slot]! - 1;
	}

	/** Points the nodes of `count` entries of leaf `slot` from `from` on at it (they moved in). */
	#adopt(slot: number, from: number, count: number): void {
		const ids = this.#ids;
		const base = slot * LEAF;
		for (let k = from; k < from + count; k++) this.#pool[ids[base + k]!]!.leaf = slot;
	}

	/**
	 * Entries [from, to) of the flat arrays moved by `by` (±1 or more) positions, by hand: a move
	 * stays inside one leaf (at most LEAF entries), and copyWithin's call into the runtime cost more
	 * than such a copy (a random score update ran about 5% faster without it).
	 */
	#shift(from: number, to: number, by: number): void {
		if (by > 0) for (let k = to - 1; k >= from; k--) this.#move(k + by, k);
		else for (let k = from; k < to; k++) this.#move(k + by, k);
	}

	#freshTree(): void {
		if (!this.#treeStale) return;
		const order = this.#order;
		const sizes = this.#n;
		const count = order.length;
		const tree = new Array<number>(count + 1).fill(0);
		for (let i = 1; i <= count; i++) {
			tree[i]! += sizes[order[i - 1]!]!;
			const j = i + (i & -i);
			if (j <= count) tree[j]! += tree[i]!;
		}
		this.#tree = tree;
		this.#treeStale = false;
	}

	/** Leaf `bi` gained or lost `delta` entries without a split or a merge. */
	#resized(bi: number, delta: number): void {
		if (this.#treeStale) return;
		const tree = this.#tree;
		for (let i = bi + 1; i < tree.length; i += i & -i) tree[i]! += delta;
	}

	/** Members in leaves before leaf `bi`. */
	#before(bi: number): number {
		this.#freshTree();
		let sum = 0;
		for (let i = bi; i > 0; i -= i & -i) sum += this.#tree[i]!;
		return sum;
	}

	/** Sets #bi/#at to the leaf holding 0-based `rank` and the offset in it (rank < length). */
	#locate(rank: number): void {
		// The two ends, where a leaderboard's top or bottom N start, need no search: no leaf is
		// ever empty (one that empties is removed), so they are the first and the last leaf's ends.
		if (rank === 0) {
			this.#bi = 0;
			this.#at = 0;
			return;
		}
		if (rank === this.length - 1) {
			const last = this.#order.length - 1;
			this.#bi = last;
			this.#at = this.#n[this.#order[last]!]! - 1;
			return;
		}
		this.#freshTree();
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

	/**
	 * First leaf whose last member is not before `node`'s place at `score`; the last leaf if none.
	 * The search on scores alone is written so that each step picks its next half without a
	 * branch (a probe's outcome is a coin toss, which a predicted branch pays for in stalls); only
	 * when it lands on an equal score does a second search compare tie keys and names.
	 */
	#leafFor(score: number, node: ZNode): number {
		const maxes = this.#maxes;
		let lo = 0;
		let len = maxes.length;
		while (len > 1) {
			const half = len >> 1;
			lo = maxes[lo + half - 1]! < score ? lo + half : lo;
			len -= half;
		}
		if (maxes[lo] !== score) return lo;
		let hi = maxes.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (maxes[mid]! === score && this.#sortsBefore(this.#lastAt(mid), score, this.#key, node.id))
				lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/** Offset of the first member of leaf `slot` not before `node`'s place at `score`. */
	#offsetIn(slot: number, score: number, node: ZNode): number {
		const pairs = this.#pairs;
		const base = slot * LEAF;
		const n = this.#n[slot]!;
		let lo = 0;
		let len = n;
		while (len > 0) {
			const half = len >> 1;
			const below = pairs[2 * (base + lo + half)]! < score;
			lo = below ? lo + half + 1 : lo;
			len = below ? len - half - 1 : half;
		}
		if (lo === n || pairs[2 * (base + lo)] !== score) return lo;
		let hi = n;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (
				pairs[2 * (base + mid)]! === score &&
				this.#sortsBefore(base + mid, score, this.#key, node.id)
			)
				lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/**
	 * Gives `node` its tie key, first shortening the shared prefix (and re-keying every member)
	 * when its name does not start with it; after REKEYS_MAX shortenings the prefix is given up,
	 * so names built to shorten it one character at a time cost at most that many passes.
	 */
	#keyFor(node: ZNode): void {
		const ele = node.ele;
		let prefix = this.#prefix;
		if (prefix === null) {
			prefix = ele.length > PREFIX_MAX ? ele.slice(0, PREFIX_MAX) : ele;
			this.#prefix = prefix;
		} else if (!ele.startsWith(prefix)) {
			let common = 0;
			if (this.#rekeys < REKEYS_MAX)
				while (common < prefix.length && prefix.charCodeAt(common) === ele.charCodeAt(common))
					common++;
			this.#rekeys++;
			prefix = prefix.slice(0, common);
			this.#prefix = prefix;
			this.#rekey(common);
		}
		this.#key = keyNode(node, prefix.length);
	}

	/** Every member's tie key again, for a prefix now `from` characters long. */
	#rekey(from: number): void {
		for (const slot of this.#order) {
			const base = slot * LEAF;
			for (let k = base; k < base + this.#n[slot]!; k++) {
				const node = this.#node(this.#ids[k]!);
				this.#pairs[2 * k + 1] = keyNode(node, from);
			}
		}
	}

	/** zslInsert: the caller guarantees the member is not in the list yet. */
	insert(node: ZNode): void {
		if (this.length === 0) {
			this.#prefix = null;
			this.#rekeys = 0;
		}
		this.#keyFor(node);
		this.length++;
		if (node.id === -1 || this.#pool[node.id] !== node) {
			const id = this.#free.length > 0 ? this.#free.pop()! : this.#pool.length;
			node.id = id;
			this.#pool[id] = node;
			if (id >= this.#offs.length) {
				const offs = new Uint8Array(2 * this.#offs.length);
				offs.set(this.#offs);
				this.#offs = offs;
			}
		}
		if (this.#order.length === 0) {
			const slot = this.#newSlot();
			this.#put(slot * LEAF, node.score, this.#key, node.id);
			this.#n[slot] = 1;
			node.leaf = slot;
			this.#insertLeaf(0, slot);
			return;
		}
		this.#insertInto(this.#leafFor(node.score, node), node);
	}

	/**
	 * Puts `node` (pooled, with its new score) into leaf `bi`, which #leafFor chose for it: last
	 * when it is the leaf's new greatest entry, else just before the greatest, which moves up one.
	 * Two entries written, none shifted.
	 */
	#insertInto(bi: number, node: ZNode): void {
		const score = node.score;
		let slot = this.#order[bi]!;
		if (this.#n[slot] === LEAF) {
			// Full: its upper half moves to a new leaf after it, and the member goes to whichever
			// half it sorts into. Both halves are in order after the sort.
			this.#sortLeaf(slot);
			const half = LEAF >> 1;
			const next = this.#newSlot();
			this.#copy(next * LEAF, slot * LEAF + half, slot * LEAF + LEAF);
			this.#n[slot] = half;
			this.#n[next] = LEAF - half;
			this.#adopt(next, 0, LEAF - half);
			this.#maxes[bi] = this.#lastScore(bi);
			this.#insertLeaf(bi + 1, next);
			if (this.#sortsBefore(this.#lastAt(bi), score, this.#key, node.id)) {
				bi++;
				slot = next;
			}
		}
		const n = this.#n[slot]!;
		const end = slot * LEAF + n;
		if (n === 0 || this.#sortsBefore(end - 1, score, this.#key, node.id)) {
			this.#put(end, score, this.#key, node.id);
			this.#maxes[bi] = score;
		} else {
			// Still in order when it also sorts after the entry before the greatest.
			if (n > 1 && !this.#sortsBefore(end - 2, score, this.#key, node.id)) this.#sorted[slot] = 0;
			this.#move(end, end - 1);
			this.#put(end - 1, score, this.#key, node.id);
		}
		this.#n[slot] = n + 1;
		node.leaf = slot;
		this.#resized(bi, 1);
	}

	/** Sets #bi/#at to the leaf and offset of a member known to be in the list. */
	#find(node: ZNode): void {
		const slot = node.leaf;
		this.#bi = this.#pos[slot]!;
		const at = this.#offs[node.id]!;
		// Only a broken invariant fails this; failing loudly beats corrupting the order.
		if (at >= this.#n[slot]! || this.#ids[slot * LEAF + at] !== node.id)
			throw new Error(`sorted set member ${node.ele} is not where its leaf keeps it`);
		this.#at = at;
	}

	/** zslDeleteNode for a member known to be in the list. */
	delete(node: ZNode): void {
		this.#find(node);
		this.#removeAt(this.#bi, this.#at);
		this.#pool[node.id] = null;
		this.#free.push(node.id);
		node.id = -1;
		node.leaf = -1;
	}

	/**
	 * Takes entry `at` out of leaf `bi`: the entry before the greatest fills its place and the
	 * greatest moves down one, so nothing shifts. Taking the greatest itself out brings the next
	 * greatest to the end. True when leaves were removed, merged or rebalanced (an index or a
	 * boundary a caller found before may have moved).
	 */
	#removeAt(bi: number, at: number): boolean {
		const slot = this.#order[bi]!;
		const base = slot * LEAF;
		const n = this.#n[slot]! - 1;
		const last = base + n;
		if (at === n) {
			if (n > 1 && this.#sorted[slot] === 0) {
				let m = base;
				for (let k = base + 1; k < last; k++) if (this.#entryBefore(m, k)) m = k;
				this.#swap(m, last - 1);
			}
		} else {
			if (at < n - 1) {
				this.#move(base + at, last - 1);
				this.#sorted[slot] = 0;
			}
			this.#move(last - 1, last);
		}
		this.#n[slot] = n;
		this.length--;
		if (n === 0) {
			this.#removeLeaf(bi);
			return true;
		}
		if (n < LEAF_MIN && this.#order.length > 1) {
			this.#rebalance(bi > 0 ? bi - 1 : bi);
			return true;
		}
		this.#resized(bi, -1);
		if (at === n) this.#maxes[bi] = this.#pairs[2 * (base + n - 1)]!;
		return false;
	}

	/**
	 * Leaves `bi` and `bi + 1`, one of them short: merged when they fit in one, else evened out.
	 * A merge puts the second leaf's entries after the first's, so its greatest stays last.
	 */
	#rebalance(bi: number): void {
		const a = this.#order[bi]!;
		const c = this.#order[bi + 1]!;
		const na = this.#n[a]!;
		const nc = this.#n[c]!;
		if (na + nc <= LEAF) {
			this.#copy(a * LEAF + na, c * LEAF, c * LEAF + nc);
			this.#n[a] = na + nc;
			this.#sorted[a] = this.#sorted[a]! & this.#sorted[c]!;
			this.#adopt(a, na, nc);
			this.#removeLeaf(bi + 1);
		} else {
			// Entries move across the boundary by rank: both leaves in order first.
			this.#sortLeaf(a);
			this.#sortLeaf(c);
			const want = (na + nc) >> 1;
			if (na > want) {
				// a's tail goes to the front of c.
				const k = na - want;
				this.#shift(c * LEAF, c * LEAF + nc, k);
				this.#copy(c * LEAF, a * LEAF + want, a * LEAF + na);
				this.#n[a] = want;
				this.#n[c] = nc + k;
				this.#adopt(c, 0, k);
			} else {
				// c's head goes to the end of a.
				const k = want - na;
				this.#copy(a * LEAF + na, c * LEAF, c * LEAF + k);
				this.#shift(c * LEAF + k, c * LEAF + nc, -k);
				this.#n[a] = want;
				this.#n[c] = nc - k;
				this.#adopt(a, na, k);
			}
			this.#treeStale = true;
			this.#maxes[bi + 1] = this.#lastScore(bi + 1);
		}
		this.#maxes[bi] = this.#lastScore(bi);
	}

	/**
	 * zslUpdateScore: the member stays in place when the new score leaves it between its
	 * neighbours; otherwise it is taken out and inserted again with a new random level.
	 * Returns the member's node (the same object either way).
	 */
	updateScore(node: ZNode, score: number, rng: Random): ZNode {
		// The leaf the member leaves is asked for first, so that its lines are on their way while
		// the new place is found in the leaf index (small, so in cache). That search is made
		// while the old entry is still there: it sorts on the same side of the new key in either
		// case, as the old score differs. The target leaf's lines are asked for as soon as it is
		// known, so the two leaves' cache misses overlap instead of following one another.
		this.#touchFrom(node);
		this.#key = node.keyHi * KEY_HALF + node.keyLo;
		const to = this.#leafFor(score, node);
		this.#touchTo(this.#order[to]!);
		this.#find(node);
		const bi = this.#bi;
		const at = this.#at;
		const order = this.#order;
		const slot = order[bi]!;
		const n = this.#n[slot]!;
		// Only a member that stays in its leaf, or is its leaf's greatest and goes to the next
		// one, can keep its place; the others have a whole leaf's greatest entry in between.
		if (to === bi || (at === n - 1 && to === bi + 1)) {
			if (this.#keepsPlace(bi, at, node, score)) {
				node.score = score;
				this.#pairs[2 * (slot * LEAF + at)] = score;
				if (at === n - 1) this.#maxes[bi] = score;
				return node;
			}
			if (to === bi && this.#sorted[slot] === 0) {
				this.#moveInLeaf(bi, at, node, score);
				node.level = randomLevel(rng);
				return node;
			}
		}
		if (to === bi) {
			const base = slot * LEAF;
			const dest = this.#offsetIn(slot, score, node);
			let put: number;
			if (dest > at) {
				put = dest - 1;
				this.#shift(base + at + 1, base + dest, -1);
			} else {
				put = dest;
				this.#shift(base + dest, base + at, 1);
			}
			this.#put(base + put, score, this.#key, node.id);
			this.#maxes[bi] = this.#pairs[2 * (base + n - 1)]!;
			node.score = score;
			node.level = randomLevel(rng);
			return node;
		}
		// Redis frees the node and inserts a new one with a new level; the object is reused here.
		const moved = this.#removeAt(bi, at);
		node.score = score;
		node.level = randomLevel(rng);
		this.length++;
		// Leaf indexes and boundaries hold unless the removal emptied or merged a leaf.
		this.#insertInto(moved ? this.#leafFor(score, node) : to, node);
		return node;
	}

	/**
	 * zslUpdateScore's test for an update in place: the scores of the member's neighbours in the
	 * order, the one before and the one after, are below and above the new score. In a leaf out
	 * of order the neighbours are not at hand, so the entries are scanned for one that would be a
	 * neighbour in the way: above the member but not above the new score, or the other way down.
	 */
	#keepsPlace(bi: number, at: number, node: ZNode, score: number): boolean {
		const pairs = this.#pairs;
		const order = this.#order;
		const slot = order[bi]!;
		const base = slot * LEAF;
		const n = this.#n[slot]!;
		const old = node.score;
		if (score > old) {
			// The neighbour after is in the next leaf when the member is its leaf's greatest.
			if (at === n - 1) return bi + 1 === order.length || this.#allAbove(order[bi + 1]!, score);
			if (this.#sorted[slot] === 1) return pairs[2 * (base + at + 1)]! > score;
			for (let k = base; k < base + n; k++)
				if (pairs[2 * k]! <= score && k !== base + at && this.#entryBefore(base + at, k))
					return false;
			return true;
		}
		if (this.#sorted[slot] === 1 && at > 0) return pairs[2 * (base + at - 1)]! < score;
		if (this.#sorted[slot] === 1) return bi === 0 || this.#maxes[bi - 1]! < score;
		let below = false;
		for (let k = base; k < base + n; k++) {
			if (k === base + at || !this.#entryBefore(k, base + at)) continue;
			if (pairs[2 * k]! >= score) return false;
			below = true;
		}
		// The neighbour before is the previous leaf's greatest when none in this leaf is below.
		return below || bi === 0 || this.#maxes[bi - 1]! < score;
	}

	/** Whether every entry of leaf `slot` has a score above `score`. */
	#allAbove(slot: number, score: number): boolean {
		const pairs = this.#pairs;
		const base = slot * LEAF;
		if (this.#sorted[slot] === 1) return pairs[2 * base]! > score;
		const end = base + this.#n[slot]!;
		for (let k = base; k < end; k++) if (pairs[2 * k]! <= score) return false;
		return true;
	}

	/**
	 * A new score for entry `at` of leaf `bi`, which is out of order and keeps the member: only
	 * the greatest's place at the end has to be kept, by a swap when the member passes it or,
	 * when the member was the greatest and goes down, with the next greatest.
	 */
	#moveInLeaf(bi: number, at: number, node: ZNode, score: number): void {
		const base = this.#order[bi]! * LEAF;
		const last = base + this.#n[this.#order[bi]!]! - 1;
		const up = score > node.score;
		this.#pairs[2 * (base + at)] = score;
		node.score = score;
		let m = base + at;
		if (m === last) {
			if (!up) for (let k = base; k < last; k++) if (this.#entryBefore(m, k)) m = k;
		} else if (!up || this.#entryBefore(m, last)) m = last;
		if (m !== last) this.#swap(m, last);
		this.#maxes[bi] = this.#pairs[2 * last]!;
	}

	/** zslGetRank, 0-based, for a member known to be in the list. */
	rankOf(node: ZNode): number {
		this.#sortLeaf(node.leaf);
		this.#find(node);
		return this.#before(this.#bi) + this.#at;
	}

	/** zslGetElementByRank, 0-based; null out of range. */
	at(rank: number): ZNode | null {
		if (rank < 0 || rank >= this.length) return null;
		this.#locate(rank);
		this.#sortLeaf(this.#order[this.#bi]!);
		return this.#node(this.#ids[this.#order[this.#bi]! * LEAF + this.#at]!);
	}

	/**
	 * The rank of the first member for which `atOrPast` holds, `atOrPast` being false then true
	 * along the list (length when it never holds).
	 */
	firstRank(atOrPast: (n: ZNode) => boolean): number {
		const order = this.#order;
		const ids = this.#ids;
		let lo = 0;
		let hi = order.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			const slot = order[mid]!;
			if (atOrPast(this.#node(ids[slot * LEAF + this.#n[slot]! - 1]!))) hi = mid;
			else lo = mid + 1;
		}
		if (lo === order.length) return this.length;
		this.#sortLeaf(order[lo]!);
		const base = order[lo]! * LEAF;
		let l = 0;
		let h = this.#n[order[lo]!]! - 1;
		while (l < h) {
			const mid = (l + h) >> 1;
			if (atOrPast(this.#node(ids[base + mid]!))) h = mid;
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
		const order = this.#order;
		let left = count;
		while (bi >= 0 && bi < order.length) {
			const slot = order[bi]!;
			this.#sortLeaf(slot);
			if (reverse) {
				for (; at >= 0; at--) {
					yield this.#node(this.#ids[slot * LEAF + at]!);
					if (--left === 0) return;
				}
				bi--;
				at = bi >= 0 ? this.#n[order[bi]!]! - 1 : 0;
			} else {
				for (; at < this.#n[slot]!; at++) {
					yield this.#node(this.#ids[slot * LEAF + at]!);
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
		const order = this.#order;
		const ids = this.#ids;
		this.#locate(from);
		let bi = this.#bi;
		let at = this.#at;
		while (out.length < count && bi >= 0 && bi < order.length) {
			this.#sortLeaf(order[bi]!);
			const base = order[bi]! * LEAF;
			if (reverse) {
				for (; at >= 0 && out.length < count; at--) out.push(this.#node(ids[base + at]!));
				bi--;
				at = bi >= 0 ? this.#n[order[bi]!]! - 1 : 0;
			} else {
				const n = this.#n[order[bi]!]!;
				for (; at < n && out.length < count; at++) out.push(this.#node(ids[base + at]!));
				bi++;
				at = 0;
			}
		}
		return out;
	}

	/**
	 * slice's walk writing each member's reply, and its score's after it with `withScores`,
	 * straight into an array of the exact length: ZRANGE's rank path, one allocation fewer.
	 */
	replies(from: number, count: number, reverse: boolean, withScores: boolean): Reply[] {
		if (from < 0 || from >= this.length || count <= 0) return [];
		const total = Math.min(count, reverse ? from + 1 : this.length - from);
		const out = new Array<Reply>(withScores ? 2 * total : total);
		const order = this.#order;
		const ids = this.#ids;
		const pool = this.#pool;
		this.#locate(from);
		let bi = this.#bi;
		let at = this.#at;
		let k = 0;
		const step = reverse ? -1 : 1;
		for (let left = total; ;) {
			const slot = order[bi]!;
			this.#sortLeaf(slot);
			const base = slot * LEAF;
			const take = Math.min(left, reverse ? at + 1 : this.#n[slot]! - at);
			for (let i = base + at, end = i + step * take; i !== end; i += step) {
				const node = pool[ids[i]!]!;
				out[k++] = node.eleReply;
				if (withScores) out[k++] = node.scoreReply;
			}
			left -= take;
			if (left === 0) return out;
			bi += step;
			at = reverse ? this.#n[order[bi]!]! - 1 : 0;
		}
	}

	first(): ZNode | null {
		return this.at(0);
	}

	last(): ZNode | null {
		return this.at(this.length - 1);
	}
}
