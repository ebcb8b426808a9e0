// Mirrors src/quicklist.c as Redis 7.0 runs it for every list: a doubly linked list of listpack
// nodes, each kept under list-max-listpack-size (-2: 8 kb). The elements live in plain arrays; what
// is modelled byte for byte is each node's listpack size, because MEMORY USAGE and used_memory read
// the node layout (which node splits, merges and fills decide), not the element count.
import { je } from './memory.ts';

/** LP_HDR_SIZE (total bytes + element count) plus the LP_EOF byte: an empty listpack. */
export const LP_EMPTY_BYTES = 7;
/** SIZE_SAFETY_LIMIT and the byte limits of negative fill levels (optimization_level). */
const SIZE_SAFETY_LIMIT = 8192;
const OPTIMIZATION_LEVEL = [4096, 8192, 16384, 32768, 65536];
/** What quicklist.c adds to an element's length to over-estimate its listpack growth. */
const SIZE_ESTIMATE_OVERHEAD = 8;

/** lpEncodeBacklen's size: an entry's length written backwards, 7 bits per byte. */
function backlenBytes(l: number): number {
	if (l <= 127) return 1;
	if (l < 16383) return 2;
	if (l < 2097151) return 3;
	if (l < 268435455) return 4;
	return 5;
}

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

export class QuickListNode {
	/** lpBytes of this node's listpack (node->sz). */
	sz = LP_EMPTY_BYTES;
	constructor(public items: string[]) {}
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
	return node !== undefined && canInsert(node.sz, node.items.length, fill, len);
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

/** _quicklistNodeAllowMerge: the merged listpack loses one header and trailer. */
function allowMerge(a: QuickListNode | undefined, b: QuickListNode | undefined, fill: number) {
	if (!a || !b) return false;
	const mergeSz = a.sz + b.sz - LP_EMPTY_BYTES;
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
	/** Σ zmalloc_size(node->entry): listpacks are realloc'ed to their exact size on every edit. */
	lpAlloc = 0;

	/** list-max-listpack-size, fixed when the list is created (quicklistSetOptions). */
	constructor(readonly fill = -2) {}

	/** Makes this empty list a node-for-node copy of `from` (COPY, snapshots). */
	copyFrom(from: QuickList): void {
		for (const n of from.nodes) {
			const c = new QuickListNode(n.items.slice());
			c.sz = n.sz;
			this.nodes.push(c);
		}
		this.#ends();
		this.length = from.length;
		this.lpAlloc = from.lpAlloc;
	}

	#ends(): void {
		const nodes = this.nodes;
		const head = nodes[0];
		const tail = nodes[nodes.length - 1];
		this.head = head;
		this.tail = tail;
		this.headItems = head?.items ?? NO_ITEMS;
		this.tailItems = tail?.items ?? NO_ITEMS;
		this.headSz = head?.sz ?? 0;
		this.tailSz = tail?.sz ?? 0;
		this.nodeCount = nodes.length;
	}

	/** Re-prices a node whose listpack changed by `delta` bytes. */
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

	#dropNode(i: number): void {
		this.lpAlloc -= je(this.nodes[i]!.sz);
		this.nodes.splice(i, 1);
		this.#ends();
	}

	pushHead(s: string): void {
		const items = this.headItems;
		if (canInsert(this.headSz, items.length, this.fill, s.length)) {
			prepend(items, s);
			this.#resizeEnd(this.head!, this.headSz, lpElementBytes(s));
		} else {
			this.nodes.unshift(this.#newNode(oneItem(s)));
			this.#ends();
		}
		this.length++;
	}

	pushTail(s: string): void {
		const items = this.tailItems;
		if (canInsert(this.tailSz, items.length, this.fill, s.length)) {
			items.push(s);
			this.#resizeEnd(this.tail!, this.tailSz, lpElementBytes(s));
		} else {
			this.nodes.push(this.#newNode(oneItem(s)));
			this.#ends();
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

	/** Normalises a Redis index (negative counts from the tail); -1 when out of range. */
	normalise(index: number): number {
		const i = index < 0 ? this.length + index : index;
		return i >= 0 && i < this.length ? i : -1;
	}

	at(index: number): string | null {
		const i = this.normalise(index);
		if (i < 0) return null;
		const { n, offset } = this.#locate(i);
		return this.nodes[n]!.items[offset]!;
	}

	/** Elements [start, end] (0-based, inclusive, in range), head to tail. */
	range(start: number, end: number): string[] {
		const out: string[] = [];
		if (start > end) return out;
		let { n, offset } = this.#locate(start);
		let left = end - start + 1;
		while (left > 0) {
			const items = this.nodes[n++]!.items;
			const take = Math.min(left, items.length - offset);
			for (let k = 0; k < take; k++) out.push(items[offset + k]!);
			left -= take;
			offset = 0;
		}
		return out;
	}

	/** Every element, head to tail. */
	toArray(): string[] {
		return this.length === 0 ? [] : this.range(0, this.length - 1);
	}

	/** quicklistReplaceEntry: the listpack entry is replaced in place, whatever its new size. */
	replace(index: number, s: string): boolean {
		const i = this.normalise(index);
		if (i < 0) return false;
		const { n, offset } = this.#locate(i);
		const node = this.nodes[n]!;
		const old = node.items[offset]!;
		node.items[offset] = s;
		this.#resize(node, lpElementBytes(s) - lpElementBytes(old));
		return true;
	}

	/**
	 * quicklistDelRange: removes `count` elements from `start` (0-based, in range), node by node;
	 * emptied nodes go, nothing is merged.
	 */
	deleteRange(start: number, count: number): void {
		if (count <= 0) return;
		let { n, offset } = this.#locate(start);
		let left = Math.min(count, this.length - start);
		this.length -= left;
		while (left > 0) {
			const node = this.nodes[n]!;
			const take = Math.min(left, node.items.length - offset);
			left -= take;
			if (take === node.items.length) {
				this.#dropNode(n);
			} else {
				let bytes = 0;
				for (const s of node.items.splice(offset, take)) bytes += lpElementBytes(s);
				this.#resize(node, -bytes);
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
			for (let k = fromTail ? items.length - 1 : 0; k >= 0 && k < items.length;) {
				if (pred(items[k]!)) {
					bytes += lpElementBytes(items[k]!);
					items.splice(k, 1);
					removed++;
					if (!fromTail) k--;
					if (limit > 0 && removed === limit) break;
				}
				k += step;
			}
			if (items.length === 0) {
				this.#dropNode(n);
				if (!fromTail) n--;
			} else if (bytes > 0) this.#resize(node, -bytes);
			if (limit > 0 && removed === limit) break;
			n += step;
		}
		this.length -= removed;
		return removed;
	}

	/**
	 * _quicklistInsert next to element `index` (in range): into its node when the element fits, else
	 * into the neighbour at that end, else a new node at the list's end, else a split and a merge.
	 */
	insert(index: number, s: string, after: boolean): void {
		const { n, offset } = this.#locate(index);
		const node = this.nodes[n]!;
		const count = node.items.length;
		const bytes = lpElementBytes(s);
		this.length++;
		const full = !allowInsert(node, this.fill, s.length);
		if (!full) {
			node.items.splice(after ? offset + 1 : offset, 0, s);
			this.#resize(node, bytes);
			return;
		}
		const atTail = after && offset === count - 1;
		const atHead = !after && offset === 0;
		const next = this.nodes[n + 1];
		const prev = this.nodes[n - 1];
		if (atTail && next && allowInsert(next, this.fill, s.length)) {
			prepend(next.items, s);
			this.#resize(next, bytes);
		} else if (atHead && prev && allowInsert(prev, this.fill, s.length)) {
			prev.items.push(s);
			this.#resize(prev, bytes);
		} else if ((atTail && !next) || (atHead && !prev)) {
			this.nodes.splice(after ? n + 1 : n, 0, this.#newNode(oneItem(s)));
			this.#ends();
		} else {
			// _quicklistSplitNode: after → the node keeps [0, offset], the new one takes the rest and
			// gets the element at its head; before → the new node takes [0, offset) and the element
			// at its tail, and goes in front.
			const moved = after ? node.items.splice(offset + 1) : node.items.splice(0, offset);
			this.lpAlloc -= je(node.sz);
			node.sz = LP_EMPTY_BYTES;
			for (const x of node.items) node.sz += lpElementBytes(x);
			this.lpAlloc += je(node.sz);
			const fresh = this.#newNode(after ? [s, ...moved] : [...moved, s]);
			this.nodes.splice(after ? n + 1 : n, 0, fresh);
			this.#ends();
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

	/** _quicklistListpackMerge of nodes i and i+1 into one. */
	#merge(i: number): void {
		const a = this.nodes[i]!;
		const b = this.nodes[i + 1]!;
		this.lpAlloc -= je(a.sz) + je(b.sz);
		a.items = a.items.concat(b.items);
		a.sz += b.sz - LP_EMPTY_BYTES;
		this.lpAlloc += je(a.sz);
		this.nodes.splice(i + 1, 1);
		this.#ends();
	}
}
