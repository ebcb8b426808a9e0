// Mirrors src/quicklist.c as Redis 7.0 runs it for every list: a doubly linked list of listpack
// nodes, each kept under list-max-listpack-size (-2: 8 kb). The elements live in plain arrays; what
// is modelled byte for byte is each node's listpack size, because MEMORY USAGE and used_memory read
// the node layout (which node splits, merges and fills decide), not the element count.
//
// With list-compress-depth N > 0, every node more than N nodes from both ends is kept LZF-compressed
// when that pays, and its allocation is then the compressed size. Which nodes are compressed follows
// quicklist.c's own calls, not a rule of thumb: a node is (re)compressed when an edit or a read
// leaves it, or when it reaches the boundary N nodes from an end, and decompressed when it comes
// within N of an end; an in-place LINSERT or a partial LTRIM of an uncompressed middle node leaves
// it uncompressed until something visits it. Depth 0 (the default) costs pushes and pops nothing.
//
// An element at least the packed threshold long (1 GB unless DEBUG QUICKLIST-PACKED-THRESHOLD says
// otherwise) gets a PLAIN node of its own: its entry is the element's bytes, not a listpack. Such a
// node never takes another element and never merges or splits; it is compressed like any other
// (the LZF input is the element). The threshold is a process-wide static in quicklist.c; here the
// callers pass their server's, so two engines never share it.
import { toBytes } from './bits.ts';
import { backlenBytes, listpackBytes } from './listpack-bytes.ts';
import { lzfCompressedLength } from './lzf.ts';
import { je } from './memory.ts';

/** LP_HDR_SIZE (total bytes + element count) plus the LP_EOF byte: an empty listpack. */
export const LP_EMPTY_BYTES = 7;
/** SIZE_SAFETY_LIMIT and the byte limits of negative fill levels (optimization_level). */
const SIZE_SAFETY_LIMIT = 8192;
const OPTIMIZATION_LEVEL = [4096, 8192, 16384, 32768, 65536];
/** What quicklist.c adds to an element's length to over-estimate its listpack growth. */
const SIZE_ESTIMATE_OVERHEAD = 8;
/** MIN_COMPRESS_BYTES: smaller listpacks are not worth compressing. */
const MIN_COMPRESS_BYTES = 48;
/** MIN_COMPRESS_IMPROVE: compression is kept only if it saves more than this many bytes. */
const MIN_COMPRESS_IMPROVE = 8;
/** COMPRESS_MAX: the depth is a 16-bit field of the quicklist struct. */
const COMPRESS_MAX = 65535;
/**
 * sizeof(quicklistLZF) before the compressed bytes: its length, a size_t since 7.0 (older
 * releases had an unsigned int; live 7.0.15 allocations show 8).
 */
const LZF_HEADER = 8;

/** Bytes a canonical integer takes in a listpack (its 7/13/16/24/32/64-bit encoding + backlen). */
function intEntryBytes(n: number): number {
	if (n >= 0 && n <= 127) return 2;
	if (n >= -4096 && n <= 4095) return 3;
	if (n >= -32768 && n <= 32767) return 4;
	if (n >= -8388608 && n <= 8388607) return 5;
	if (n >= -2147483648 && n <= 2147483647) return 6;
	return 10;
}

/**
 * Bytes one element takes in a listpack. A string that string2ll accepts (canonical decimal in
 * 64 bits) is stored as an integer; anything else as length-prefixed bytes.
 */
export function lpElementBytes(s: string): number {
	const n = s.length;
	if (n > 0 && n <= 20) {
		const neg = s.charCodeAt(0) === 45;
		const first = s.charCodeAt(neg ? 1 : 0);
		let digits = n > (neg ? 1 : 0) && first >= 48 && first <= 57 && (first !== 48 || n === 1);
		for (let i = neg ? 2 : 1; digits && i < n; i++) {
			const c = s.charCodeAt(i);
			if (c < 48 || c > 57) digits = false;
		}
		if (digits) {
			if (n <= 15) return intEntryBytes(Number(s));
			const v = BigInt(s);
			if (v >= -9223372036854775808n && v <= 9223372036854775807n) return 10;
		}
	}
	const enc = n < 64 ? 1 + n : n < 4096 ? 2 + n : 5 + n;
	return enc + backlenBytes(enc);
}

/**
 * items.unshift(s), done by hand for a short array: V8's unshift leaves compiled code for every
 * call, which made it three times the cost of the whole rest of an LPUSH. A long array is left to
 * the builtin's memmove.
 */
function prepend(items: string[], s: string): void {
	let j = items.length;
	if (j > 32) {
		items.unshift(s);
		return;
	}
	items.push(s);
	for (; j > 0; j--) items[j] = items[j - 1]!;
	items[0] = s;
}

/**
 * A new node's elements: one, with room for three more. `[s]` has room for one only, so the next
 * push grew it into a store allocated elsewhere, and every later push or pop on a random short list
 * read the array and that store as two cache misses; allocated together they tend to be one. With
 * the pops done by hand (unshiftOut), a queue's room is never given back: measured on 100k lists, a
 * LPUSH + LPOP pair ran about 10 % faster.
 */
function oneItem(s: string): string[] {
	const items = [s, s, s, s];
	items.pop();
	items.pop();
	items.pop();
	return items;
}

/**
 * items.shift(), by hand for a short array: the builtin trims the store from the front, one slot of
 * room less each time, until a push has to allocate a new store.
 */
function unshiftOut(items: string[]): string {
	const s = items[0]!;
	const n = items.length - 1;
	if (n >= 32) return items.shift()!;
	for (let j = 0; j < n; j++) items[j] = items[j + 1]!;
	items.pop();
	return s;
}

/** packed_threshold as the server starts, and as DEBUG QUICKLIST-PACKED-THRESHOLD 0 restores it. */
export const PACKED_THRESHOLD_DEFAULT = 2 ** 30;
/** quicklistisSetPackedThreshold refuses anything above 4 GB less 1 MB. */
export const PACKED_THRESHOLD_MAX = 2 ** 32 - 2 ** 20;

/**
 * What headSz and tailSz say while the head or tail is a plain node: a size no element fits
 * beside, so the push fast path refuses it without a test of its own. (A small integer, so the
 * fields stay small integers.)
 */
const NO_ROOM = 2 ** 30 - 1;

/**
 * node->dont_compress, kept in the node's lzf field: while an LSET puts a large element in place of
 * one of a listpack's, nothing compresses that node until the old element is gone. (A field of its
 * own would make every list object bigger, and a push or pop on a large keyspace pays for size.)
 */
const PINNED = -2;

/** quicklistSetFill's clamp of list-max-listpack-size (FILL_MAX, and -5 the largest level). */
export const clampFill = (fill: number) => (fill > 32767 ? 32767 : fill < -5 ? -5 : fill);

export class QuickListNode {
	/**
	 * node->sz, compressed or not: lpBytes of the listpack, or for a plain node the element's
	 * length.
	 */
	sz = LP_EMPTY_BYTES;
	/**
	 * The compressed length (quicklistLZF's sz) while the node is LZF-encoded; 0 while it is raw;
	 * -1 while it is raw because compressing it did not pay and it has not changed since, so the
	 * next attempt (quicklist.c makes one whenever it passes the node) can be answered without LZF;
	 * PINNED while an LSET keeps it raw (only ever inside one call).
	 */
	lzf = 0;
	/** QUICKLIST_NODE_CONTAINER_PLAIN: the one element is the entry itself (items has just it). */
	plain = false;
	constructor(public items: string[]) {}
}

/**
 * zmalloc_size(node->entry): the listpack (or a plain node's element, zmalloc'ed at its length),
 * or the quicklistLZF that replaced it.
 */
export function nodeAllocBytes(node: QuickListNode): number {
	return node.lzf > 0 ? je(LZF_HEADER + node.lzf) : je(node.sz);
}

/** _quicklistNodeSizeMeetsOptimizationRequirement. */
function meetsOptimization(sz: number, fill: number): boolean {
	if (fill >= 0) return false;
	const limit = OPTIMIZATION_LEVEL[-fill - 1];
	return limit !== undefined && sz <= limit;
}

/**
 * _quicklistNodeAllowInsert: would an element of `len` bytes fit? The estimate is quicklist.c's
 * own (length + 8), not the listpack's exact growth; measured node layouts agree with it.
 */
function allowInsert(node: QuickListNode | undefined, fill: number, len: number): boolean {
	return node !== undefined && !node.plain && canInsert(node.sz, node.items.length, fill, len);
}

/** allowInsert for a node of `sz` bytes and `count` elements (count 0: there is no node). */
function canInsert(sz: number, count: number, fill: number, len: number): boolean {
	if (count === 0) return false;
	const newSz = sz + len + SIZE_ESTIMATE_OVERHEAD;
	if (meetsOptimization(newSz, fill)) return true;
	if (newSz > SIZE_SAFETY_LIMIT) return false;
	return count < fill;
}

/** What an empty list's head and tail elements are: never written to (no node holds it). */
const NO_ITEMS: string[] = [];

/**
 * What _quicklistNodeAllowMerge takes off the two sizes for the header and trailer the merge saves:
 * still the ziplist's 11 in 7.0, not the listpack's 7, so a merge may end 4 bytes over the limit
 * (a LINSERT split that merges straight back: measured on 7.0.15).
 */
const MERGE_SAVING = 11;

/** _quicklistNodeAllowMerge. */
function allowMerge(a: QuickListNode | undefined, b: QuickListNode | undefined, fill: number) {
	if (!a || !b || a.plain || b.plain) return false;
	const mergeSz = a.sz + b.sz - MERGE_SAVING;
	if (meetsOptimization(mergeSz, fill)) return true;
	if (mergeSz > SIZE_SAFETY_LIMIT) return false;
	return a.items.length + b.items.length <= fill;
}

export class QuickList {
	/** Head to tail. Only this file changes it, and #ends() follows every change. */
	readonly nodes: QuickListNode[] = [];
	/**
	 * The first and last node, their elements and sizes, and how many nodes there are, copied
	 * beside the array: a push or a pop on a list picked at random then reads no node at all (it
	 * only writes the node's new size), and each read on a large keyspace is a cache miss.
	 */
	head: QuickListNode | undefined = undefined;
	tail: QuickListNode | undefined = undefined;
	headItems: string[] = NO_ITEMS;
	tailItems: string[] = NO_ITEMS;
	headSz = 0;
	tailSz = 0;
	nodeCount = 0;
	/** quicklist->count: elements in all nodes. */
	length = 0;
	/**
	 * Σ zmalloc_size(node->entry): listpacks are realloc'ed to their exact size on every edit, and
	 * a compressed node's quicklistLZF to its compressed size.
	 */
	lpAlloc = 0;
	/** list-compress-depth, fixed when the list is created (see setCompressDepth). */
	compress = 0;
	/**
	 * Some node beyond the depth may be raw and never tried since it changed (lzf 0): only then can
	 * a read, which has quicklist.c try to compress every node it leaves, change anything.
	 */
	#unsettled = false;

	/** list-max-listpack-size, fixed when the list is created (quicklistSetOptions). */
	constructor(readonly fill = -2) {}

	/** quicklistSetCompressDepth, for a list being created (quicklistNew's second argument). */
	setCompressDepth(depth: number): void {
		this.compress = depth > COMPRESS_MAX ? COMPRESS_MAX : depth < 0 ? 0 : depth;
	}

	/**
	 * Makes this empty list a node-for-node copy of `from` (COPY, snapshots, forks): quicklistDup
	 * copies each node as it is, compressed or not, and appends it, and as the appends pass the
	 * depth they try any node LINSERT or LTRIM left raw untried. Only then does a copy differ from
	 * its original (as COPY's does in Redis; a reload from an RDB file tries them too).
	 */
	copyFrom(from: QuickList): void {
		for (const n of from.nodes) {
			const c = new QuickListNode(n.items.slice());
			c.sz = n.sz;
			c.lzf = n.lzf;
			c.plain = n.plain;
			this.nodes.push(c);
		}
		this.#ends();
		this.length = from.length;
		this.lpAlloc = from.lpAlloc;
		this.compress = from.compress;
		if (from.#unsettled) {
			const depth = this.compress;
			for (let k = depth; k < this.nodes.length - depth; k++) this.#pack(this.nodes[k]!);
		}
	}

	/**
	 * rdbLoad's quicklist: the saved nodes appended one by one (their boundaries kept) to this list,
	 * made with the loading server's fill and depth, each node beyond the depth compressed as the
	 * appends pass it; a node saved compressed but now within the depth comes back raw. A plain
	 * node comes back plain (quicklistAppendPlainNode), whatever the threshold is now.
	 */
	loadFrom(from: QuickList): void {
		for (const n of from.nodes) {
			const c = new QuickListNode(n.items.slice());
			c.sz = n.sz;
			c.plain = n.plain;
			this.nodes.push(c);
			this.lpAlloc += je(n.sz);
		}
		this.#ends();
		this.length = from.length;
		const depth = this.compress;
		if (depth !== 0)
			for (let k = depth; k < this.nodes.length - depth; k++) this.#pack(this.nodes[k]!);
	}

	#ends(): void {
		const nodes = this.nodes;
		const head = nodes[0];
		const tail = nodes[nodes.length - 1];
		this.head = head;
		this.tail = tail;
		this.headItems = head?.items ?? NO_ITEMS;
		this.tailItems = tail?.items ?? NO_ITEMS;
		this.headSz = head === undefined ? 0 : head.plain ? NO_ROOM : head.sz;
		this.tailSz = tail === undefined ? 0 : tail.plain ? NO_ROOM : tail.sz;
		this.nodeCount = nodes.length;
	}

	/** Re-prices a raw node whose listpack changed by `delta` bytes. */
	#resize(node: QuickListNode, delta: number): void {
		const sz = node.sz;
		this.lpAlloc += je(sz + delta) - je(sz);
		this.#setSz(node, sz + delta);
	}

	/** #resize for the head or the tail: the node's size is known here, so the node is not read. */
	#resizeEnd(node: QuickListNode, sz: number, delta: number): void {
		this.lpAlloc += je(sz + delta) - je(sz);
		this.#setSz(node, sz + delta);
	}

	#setSz(node: QuickListNode, sz: number): void {
		node.sz = sz;
		if (node === this.head) this.headSz = sz;
		if (node === this.tail) this.tailSz = sz;
	}

	#newNode(items: string[]): QuickListNode {
		const node = new QuickListNode(items);
		let sz = LP_EMPTY_BYTES;
		for (const s of items) sz += lpElementBytes(s);
		node.sz = sz;
		this.lpAlloc += je(sz);
		return node;
	}

	/** __quicklistCreatePlainNode: the element, zmalloc'ed at its length, alone in a node. */
	#newPlainNode(s: string): QuickListNode {
		const node = new QuickListNode([s]);
		node.plain = true;
		node.sz = s.length;
		this.lpAlloc += je(s.length);
		return node;
	}

	/**
	 * __quicklistInsertNode: `fresh` goes in at index `at`, beside `old`; then quicklistCompress
	 * on `old` (only recompressed if an iterator decompressed it for use) and on `fresh`.
	 */
	#addNode(at: number, fresh: QuickListNode, old: QuickListNode, recompress: boolean): void {
		this.nodes.splice(at, 0, fresh);
		this.#ends();
		if (this.compress !== 0) {
			if (recompress) this.#pack(old);
			else this.#compressDepth(old);
			this.#compressDepth(fresh);
		}
	}

	/** __quicklistDelNode: the node goes, and the nodes now at the depth are settled again. */
	#dropNode(i: number): void {
		this.lpAlloc -= nodeAllocBytes(this.nodes[i]!);
		this.nodes.splice(i, 1);
		this.#ends();
		if (this.compress !== 0) this.#compressDepth(undefined);
	}

	/**
	 * __quicklistCompressNode, for a node beyond the depth: LZF-encode its listpack (a plain node's
	 * element) if it is big enough and the result saves enough (out_len is the entry's size, so 0
	 * is "does not fit"). A pinned node returns before anything, as does one already tried.
	 */
	#pack(node: QuickListNode): void {
		if (node.lzf !== 0) return;
		const sz = node.sz;
		let c = 0;
		if (sz >= MIN_COMPRESS_BYTES) {
			const entry = node.plain ? toBytes(node.items[0]!) : listpackBytes(node.items);
			c = lzfCompressedLength(entry, sz);
		}
		if (c === 0 || c + MIN_COMPRESS_IMPROVE >= sz) {
			node.lzf = -1;
			return;
		}
		node.lzf = c;
		this.lpAlloc += je(LZF_HEADER + c) - je(sz);
	}

	/**
	 * __quicklistDecompressNode, or an edit about to change the node: it is raw from now on, and
	 * a failed attempt no longer stands. Returns whether it was compressed (quicklist.c's
	 * recompress flag: such a node is compressed again when the edit is done). A pinned node is
	 * raw already and stays pinned.
	 */
	#unpack(node: QuickListNode): boolean {
		const c = node.lzf;
		if (c <= 0) {
			if (c !== PINNED) node.lzf = 0;
			return false;
		}
		node.lzf = 0;
		this.lpAlloc += je(node.sz) - je(LZF_HEADER + c);
		return true;
	}

	/**
	 * __quicklistCompress(node): decompresses the `compress` nodes at each end, compresses the
	 * first node past them on each side, and `node` too unless it is within the depth. A list too
	 * short to have such a node is left as it is.
	 */
	#compressDepth(node: QuickListNode | undefined): void {
		const nodes = this.nodes;
		const len = nodes.length;
		const depth = this.compress;
		if (depth === 0 || len < depth * 2) return;
		let inDepth = false;
		for (let k = 0; k < depth; k++) {
			const forward = nodes[k]!;
			const reverse = nodes[len - 1 - k]!;
			this.#unpack(forward);
			this.#unpack(reverse);
			if (forward === node || reverse === node) inDepth = true;
			// The two walks met: every node is within the depth of one end.
			if (len - 1 - k <= k + 1) return;
		}
		if (node && !inDepth) this.#pack(node);
		this.#pack(nodes[depth]!);
		this.#pack(nodes[len - 1 - depth]!);
	}

	/**
	 * What an iterator does to the nodes it passes (LINDEX, LRANGE, LINSERT's search): each one it
	 * leaves raw gets __quicklistCompress(node). That only changes anything while a node beyond the
	 * depth has been left raw untried, so otherwise this is skipped.
	 */
	#visit(from: number, to: number): void {
		if (!this.#unsettled) return;
		for (let k = from; k <= to; k++) {
			const node = this.nodes[k]!;
			if (node.lzf <= 0) this.#compressDepth(node);
		}
		this.#settle();
	}

	/** Re-checks whether any node beyond the depth is raw and untried. */
	#settle(): void {
		const depth = this.compress;
		let unsettled = false;
		for (let k = depth; k < this.nodes.length - depth; k++) {
			if (this.nodes[k]!.lzf === 0) unsettled = true;
		}
		this.#unsettled = unsettled;
	}

	/**
	 * quicklistRecompressOnly after an edit of a node the iterator decompressed: compressed again
	 * if it was compressed, else left raw without a try.
	 */
	#recompressOnly(node: QuickListNode, wasCompressed: boolean): void {
		if (this.compress === 0) return;
		if (wasCompressed) this.#pack(node);
		else this.#unsettled = true;
	}

	/**
	 * quicklistPushHead; `threshold` is the server's packed threshold (an element that long or
	 * longer goes into a plain node of its own).
	 */
	pushHead(s: string, threshold = PACKED_THRESHOLD_DEFAULT): void {
		const items = this.headItems;
		const small = s.length < threshold;
		if (small && canInsert(this.headSz, items.length, this.fill, s.length)) {
			prepend(items, s);
			this.#resizeEnd(this.head!, this.headSz, lpElementBytes(s));
		} else {
			this.nodes.unshift(small ? this.#newNode(oneItem(s)) : this.#newPlainNode(s));
			this.#ends();
			// The old head moved one node inwards: the node now at the depth may compress.
			if (this.compress !== 0) this.#compressDepth(undefined);
		}
		this.length++;
	}

	/** quicklistPushTail, with the server's packed threshold as pushHead has it. */
	pushTail(s: string, threshold = PACKED_THRESHOLD_DEFAULT): void {
		const items = this.tailItems;
		const small = s.length < threshold;
		if (small && canInsert(this.tailSz, items.length, this.fill, s.length)) {
			items.push(s);
			this.#resizeEnd(this.tail!, this.tailSz, lpElementBytes(s));
		} else {
			this.nodes.push(small ? this.#newNode(oneItem(s)) : this.#newPlainNode(s));
			this.#ends();
			if (this.compress !== 0) this.#compressDepth(undefined);
		}
		this.length++;
	}

	popHead(): string | null {
		const items = this.headItems;
		if (items.length === 0) return null;
		const s = unshiftOut(items);
		this.length--;
		if (items.length === 0) this.#dropNode(0);
		else this.#resizeEnd(this.head!, this.headSz, -lpElementBytes(s));
		return s;
	}

	popTail(): string | null {
		const items = this.tailItems;
		if (items.length === 0) return null;
		const s = items.pop()!;
		this.length--;
		if (items.length === 0) this.#dropNode(this.nodeCount - 1);
		else this.#resizeEnd(this.tail!, this.tailSz, -lpElementBytes(s));
		return s;
	}

	/** The node holding element `index` (0-based, in range) and the offset inside it. */
	#locate(index: number): { n: number; offset: number } {
		if (index < this.length / 2) {
			for (let n = 0; ; n++) {
				const count = this.nodes[n]!.items.length;
				if (index < count) return { n, offset: index };
				index -= count;
			}
		}
		let fromEnd = this.length - 1 - index;
		for (let n = this.nodes.length - 1; ; n--) {
			const count = this.nodes[n]!.items.length;
			if (fromEnd < count) return { n, offset: count - 1 - fromEnd };
			fromEnd -= count;
		}
	}

	/**
	 * LPOP/RPOP/LMPOP with a count (t_list.c's range pop): up to `count` elements in popping order,
	 * read as LRANGE reads them, then removed with quicklistDelRange. The nodes end as after
	 * `count` single pops, except where a node beyond the depth was left raw untried: the read
	 * compresses it, as it does the nodes it passes.
	 */
	popRange(count: number, fromTail: boolean): string[] {
		const n = Math.min(count, this.length);
		if (n <= 0) return [];
		const start = fromTail ? this.length - n : 0;
		const out = this.range(start, start + n - 1);
		this.deleteRange(start, n);
		return fromTail ? out.reverse() : out;
	}

	/** Normalises a Redis index (negative counts from the tail); -1 when out of range. */
	normalise(index: number): number {
		const i = index < 0 ? this.length + index : index;
		return i >= 0 && i < this.length ? i : -1;
	}

	at(index: number): string | null {
		const i = this.normalise(index);
		if (i < 0) return null;
		const { n, offset } = this.#locate(i);
		this.#visit(n, n);
		return this.nodes[n]!.items[offset]!;
	}

	/** Elements [start, end] (0-based, inclusive, in range), head to tail. */
	range(start: number, end: number): string[] {
		const out: string[] = [];
		if (start > end) return out;
		let { n, offset } = this.#locate(start);
		const first = n;
		let left = end - start + 1;
		while (left > 0) {
			const items = this.nodes[n++]!.items;
			const take = Math.min(left, items.length - offset);
			for (let k = 0; k < take; k++) out.push(items[offset + k]!);
			left -= take;
			offset = 0;
		}
		this.#visit(first, n - 1);
		return out;
	}

	/**
	 * Every element, head to tail, without acting as an iterator over the nodes as range does: LPOS
	 * and LINSERT's search stop at a match only their callers know of.
	 */
	toArray(): string[] {
		const out: string[] = [];
		for (const node of this.nodes) for (const s of node.items) out.push(s);
		return out;
	}

	/**
	 * quicklistReplaceEntry (LSET). A small element over a packed one is replaced in its listpack,
	 * whatever its new size; the other three cases go through nodes (see #replacePlain and
	 * #replaceWithPlain). `threshold` is the server's packed threshold.
	 */
	replace(index: number, s: string, threshold = PACKED_THRESHOLD_DEFAULT): boolean {
		const i = this.normalise(index);
		if (i < 0) return false;
		const { n, offset } = this.#locate(i);
		const node = this.nodes[n]!;
		const large = s.length >= threshold;
		if (node.plain || large) {
			if (!node.plain) this.#replaceWithPlain(n, offset, s);
			else if (large) this.#replacePlain(node, s);
			else {
				// quicklistInsertAfter the plain node, then __quicklistDelNode of it: a node never
				// turns from plain to packed.
				this.#insertAt(n, 0, s, true);
				this.#dropNode(n);
			}
			if (this.compress !== 0) this.#settle();
			return true;
		}
		const old = node.items[offset]!;
		const wasCompressed = this.#unpack(node);
		node.items[offset] = s;
		this.#resize(node, lpElementBytes(s) - lpElementBytes(old));
		// quicklistCompress(node): a node the iterator decompressed is compressed again; a raw one
		// gets the full pass (it may be beyond the depth, and so may the nodes at the boundary).
		if (this.compress !== 0) {
			if (wasCompressed) this.#pack(node);
			else this.#compressDepth(node);
		}
		return true;
	}

	/** A large element over a plain node's: its entry is freed and the element zmalloc'ed anew. */
	#replacePlain(node: QuickListNode, s: string): void {
		const wasCompressed = this.#unpack(node);
		this.lpAlloc += je(s.length) - je(node.sz);
		node.sz = s.length;
		node.items[0] = s;
		if (this.compress !== 0) {
			if (wasCompressed) this.#pack(node);
			else this.#compressDepth(node);
		}
	}

	/**
	 * A large element over a packed node's: the node is pinned raw (dont_compress), the element goes
	 * in a plain node after the old one (quicklistInsertAfter, which splits the node unless the old
	 * element is its last), and then the old element, now the node's last, is deleted, or the node
	 * with it if it was its only one.
	 */
	#replaceWithPlain(n: number, offset: number, s: string): void {
		const node = this.nodes[n]!;
		const recompress = this.#unpack(node);
		node.lzf = PINNED;
		this.#insertPlain(n, offset, s, true, recompress);
		// Raw, untried, and about to lose its old element.
		node.lzf = 0;
		if (node.items.length === 1) {
			this.#dropNode(n);
			return;
		}
		this.#resize(node, -lpElementBytes(node.items.pop()!));
		if (this.compress !== 0) {
			if (recompress) this.#pack(node);
			else this.#compressDepth(node);
			// quicklistCompress(node->next): the plain node, never decompressed for use.
			this.#compressDepth(this.nodes[n + 1]!);
		}
	}

	/**
	 * quicklistDelRange: removes `count` elements from `start` (0-based, in range), node by node;
	 * emptied nodes go, nothing is merged.
	 */
	deleteRange(start: number, count: number): void {
		if (count <= 0) return;
		let { n, offset } = this.#locate(start);
		// The iterator that found the start is released at once, passing its node.
		if (this.compress !== 0) this.#compressDepth(this.nodes[n]);
		let left = Math.min(count, this.length - start);
		this.length -= left;
		while (left > 0) {
			const node = this.nodes[n]!;
			const take = Math.min(left, node.items.length - offset);
			left -= take;
			if (take === node.items.length) {
				this.#dropNode(n);
			} else {
				const wasCompressed = this.#unpack(node);
				let bytes = 0;
				for (const s of node.items.splice(offset, take)) bytes += lpElementBytes(s);
				this.#resize(node, -bytes);
				this.#recompressOnly(node, wasCompressed);
				n++;
			}
			offset = 0;
		}
	}

	/**
	 * Removes elements matching `pred`, scanning from the head (fromTail false) or the tail, at most
	 * `limit` of them (0 = all): LREM's walk with quicklistDelEntry. Returns how many went.
	 */
	removeWhere(pred: (s: string) => boolean, fromTail: boolean, limit: number): number {
		let removed = 0;
		const step = fromTail ? -1 : 1;
		for (let n = fromTail ? this.nodes.length - 1 : 0; n >= 0 && n < this.nodes.length;) {
			const node = this.nodes[n]!;
			const items = node.items;
			let bytes = 0;
			let wasCompressed = false;
			for (let k = fromTail ? items.length - 1 : 0; k >= 0 && k < items.length;) {
				if (pred(items[k]!)) {
					if (bytes === 0) wasCompressed = this.#unpack(node);
					bytes += lpElementBytes(items[k]!);
					items.splice(k, 1);
					removed++;
					if (!fromTail) k--;
					if (limit > 0 && removed === limit) break;
				}
				k += step;
			}
			const done = limit > 0 && removed === limit;
			if (items.length === 0) {
				this.#dropNode(n);
				if (!fromTail) n--;
				// Stopping here, the iterator is released on the node after the deleted one.
				const next = this.nodes[n + step];
				if (done && next && this.compress !== 0) this.#compressDepth(next);
			} else {
				if (bytes > 0) this.#resize(node, -bytes);
				// Leaving the node (or releasing the iterator on it): a compressed node left as it
				// was compresses to what it was, so only a changed or a raw one is worked out.
				if (this.compress !== 0) {
					if (wasCompressed) this.#pack(node);
					else if (node.lzf <= 0) this.#compressDepth(node);
				}
			}
			if (done) break;
			n += step;
		}
		this.length -= removed;
		return removed;
	}

	/**
	 * _quicklistInsert next to element `index` (in range): into its node when the element fits, else
	 * into the neighbour at that end, else a new node there, else a split and a merge. An element
	 * at or over `threshold` (the server's packed threshold) goes into a plain node instead.
	 */
	insert(index: number, s: string, after: boolean, threshold = PACKED_THRESHOLD_DEFAULT): void {
		const { n, offset } = this.#locate(index);
		// LINSERT's search passed every node before the pivot's.
		if (n > 0) this.#visit(0, n - 1);
		this.length++;
		if (s.length < threshold) {
			this.#insertAt(n, offset, s, after);
			return;
		}
		const node = this.nodes[n]!;
		// The pivot's node, as the search left it: decompressed for use if it was compressed.
		this.#insertPlain(n, offset, s, after, node.lzf > 0);
		if (this.compress !== 0) {
			// _quicklistInsert returns early for a large element without resetting the iterator,
			// which LINSERT then releases on the pivot's node: one more quicklistCompress of it.
			this.#compressDepth(node);
			this.#settle();
		}
	}

	/**
	 * _quicklistInsert of a large element: a plain node of its own beside the pivot's node when that
	 * is plain or the pivot is at its edge on the insert's side; else the node is split at the
	 * pivot, the plain node goes in beside it, and the split-off part beside that.
	 */
	#insertPlain(n: number, offset: number, s: string, after: boolean, recompress: boolean): void {
		const node = this.nodes[n]!;
		const plain = this.#newPlainNode(s);
		if (node.plain || offset === (after ? node.items.length - 1 : 0)) {
			this.#addNode(after ? n + 1 : n, plain, node, recompress);
			return;
		}
		// _quicklistSplitNode: after → the node keeps [0, offset] and the rest goes after the plain
		// node; before → the node keeps [offset, end] and [0, offset) goes before the plain node.
		this.#unpack(node);
		const moved = after ? node.items.splice(offset + 1) : node.items.splice(0, offset);
		this.#reprice(node);
		const rest = this.#newNode(moved);
		this.#addNode(after ? n + 1 : n, plain, node, recompress);
		const p = after ? n + 1 : n;
		this.#addNode(after ? p + 1 : p, rest, plain, false);
	}

	/** quicklistNodeUpdateSz after a split: the listpack's size worked out from its elements. */
	#reprice(node: QuickListNode): void {
		this.lpAlloc -= je(node.sz);
		let sz = LP_EMPTY_BYTES;
		for (const x of node.items) sz += lpElementBytes(x);
		this.#setSz(node, sz);
		this.lpAlloc += je(sz);
	}

	/**
	 * _quicklistInsert of a small element next to element `offset` of node `n` (the list's length
	 * is the caller's): the cases of the comment on insert.
	 */
	#insertAt(n: number, offset: number, s: string, after: boolean): void {
		const node = this.nodes[n]!;
		const count = node.items.length;
		const bytes = lpElementBytes(s);
		const full = !allowInsert(node, this.fill, s.length);
		if (!full) {
			const wasCompressed = this.#unpack(node);
			node.items.splice(after ? offset + 1 : offset, 0, s);
			this.#resize(node, bytes);
			this.#recompressOnly(node, wasCompressed);
			return;
		}
		const atTail = after && offset === count - 1;
		const atHead = !after && offset === 0;
		const next = this.nodes[n + 1];
		const prev = this.nodes[n - 1];
		// The pivot's node is recompressed unchanged in the first three cases: nothing to do.
		if (atTail && next && allowInsert(next, this.fill, s.length)) {
			const wasCompressed = this.#unpack(next);
			prepend(next.items, s);
			this.#resize(next, bytes);
			this.#recompressOnly(next, wasCompressed);
		} else if (atHead && prev && allowInsert(prev, this.fill, s.length)) {
			const wasCompressed = this.#unpack(prev);
			prev.items.push(s);
			this.#resize(prev, bytes);
			this.#recompressOnly(prev, wasCompressed);
		} else if (atTail || atHead) {
			// At the node's edge with no room beside it: a node of its own, next to the pivot's,
			// whether or not the list goes on past it (and nothing is merged).
			const fresh = this.#newNode(oneItem(s));
			this.nodes.splice(after ? n + 1 : n, 0, fresh);
			this.#ends();
			// __quicklistInsertNode: quicklistCompress on the pivot's node, then on the new one.
			if (this.compress !== 0) {
				if (node.lzf <= 0) this.#compressDepth(node);
				this.#compressDepth(fresh);
			}
		} else {
			// _quicklistSplitNode: after → the node keeps [0, offset], the new one takes the rest and
			// gets the element at its head; before → the new node takes [0, offset) and the element
			// at its tail, and goes in front.
			const wasCompressed = this.#unpack(node);
			const moved = after ? node.items.splice(offset + 1) : node.items.splice(0, offset);
			this.#reprice(node);
			const fresh = this.#newNode(after ? [s, ...moved] : [...moved, s]);
			this.nodes.splice(after ? n + 1 : n, 0, fresh);
			this.#ends();
			if (this.compress !== 0) {
				if (wasCompressed) this.#pack(node);
				else this.#compressDepth(node);
				this.#compressDepth(fresh);
			}
			this.#mergeAround(after ? n : n + 1);
		}
	}

	/** _quicklistMergeNodes around the node at `c`: prev pair, next pair, then centre with each. */
	#mergeAround(c: number): void {
		const fill = this.fill;
		let center = this.nodes[c]!;
		if (allowMerge(this.nodes[c - 1], this.nodes[c - 2], fill)) this.#merge(c - 2);
		c = this.nodes.indexOf(center);
		if (allowMerge(this.nodes[c + 1], this.nodes[c + 2], fill)) this.#merge(c + 1);
		c = this.nodes.indexOf(center);
		if (allowMerge(center, this.nodes[c - 1], fill)) {
			this.#merge(c - 1);
			c -= 1;
			center = this.nodes[c]!;
		}
		if (allowMerge(center, this.nodes[c + 1], fill)) this.#merge(c);
	}

	/**
	 * _quicklistListpackMerge of nodes i and i+1 into one: both are decompressed, the emptied one
	 * goes (__quicklistDelNode) and the merged one gets quicklistCompress.
	 */
	#merge(i: number): void {
		const a = this.nodes[i]!;
		const b = this.nodes[i + 1]!;
		this.#unpack(a);
		this.#unpack(b);
		this.lpAlloc -= je(a.sz) + je(b.sz);
		a.items = a.items.concat(b.items);
		a.sz += b.sz - LP_EMPTY_BYTES;
		this.lpAlloc += je(a.sz);
		this.nodes.splice(i + 1, 1);
		this.#ends();
		if (this.compress !== 0) {
			this.#compressDepth(undefined);
			this.#compressDepth(a);
		}
	}
}
