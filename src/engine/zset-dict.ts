// The dict half of struct zset (src/server.h, src/t_zset.c): member → node, which holds the score.
// Redis chains entries off a bucket array (src/dict.c); this table probes linearly instead, and
// keeps each slot's hash and node side by side in one array. A lookup in a V8 Map of 100k members
// waited on three cache misses in a row (the name's hash, the bucket, then the entry it chains
// to); here it reads the name, one slot's line and the node it needed anyway. Redis's own
// table sizes and rehash steps, which MEMORY USAGE prices, are modelled apart in zset.ts. The
// hash is unseeded (probe-hash.ts): names chosen to collide move the set to a Map.
import { LONG_RUN, hashOf, homeAfterHole } from './probe-hash.ts';
import type { ZNode } from './zset-order.ts';

const MIN_SLOTS = 8;

export class MemberDict {
	/** Slot i is at [2i] (the hash) and [2i + 1] (the node, or null when empty). */
	#table: (number | ZNode | null)[] = new Array<number | ZNode | null>(2 * MIN_SLOTS).fill(null);
	#mask = MIN_SLOTS - 1;
	#size = 0;
	/** Where the members live once a run grew too long (then the table is no longer used). */
	#map: Map<string, ZNode> | null = null;

	get size(): number {
		return this.#map === null ? this.#size : this.#map.size;
	}

	/** Whether the members moved to a Map (names that collide on purpose). */
	get isMap(): boolean {
		return this.#map !== null;
	}

	/** The slot holding `member`, or -1. */
	#slotOf(member: string, h: number): number {
		const table = this.#table;
		const mask = this.#mask;
		for (let i = h & mask; ; i = (i + 1) & mask) {
			const node = table[2 * i + 1] as ZNode | null;
			if (node === null) return -1;
			if (table[2 * i] === h && node.ele === member) return i;
		}
	}

	get(member: string): ZNode | undefined {
		if (this.#map !== null) return this.#map.get(member);
		const i = this.#slotOf(member, hashOf(member));
		return i < 0 ? undefined : (this.#table[2 * i + 1] as ZNode);
	}

	/** Adds or replaces the node for `node.ele`. */
	set(member: string, node: ZNode): void {
		if (this.#map !== null) {
			this.#map.set(member, node);
			return;
		}
		const h = hashOf(member);
		const at = this.#slotOf(member, h);
		if (at >= 0) {
			this.#table[2 * at + 1] = node;
			return;
		}
		if (2 * (this.#size + 1) > this.#mask + 1) {
			this.#resize(2 * (this.#mask + 1));
			// Members re-placed in the larger table can make a run too long: they are in a Map now.
			if (this.#map !== null) return this.set(member, node);
		}
		this.#size++;
		if (!this.#place(h, node)) this.#toMap();
	}

	/**
	 * Puts a node known to be absent into the first empty slot from its home; false when it had to
	 * walk more than LONG_RUN slots to get there.
	 */
	#place(h: number, node: ZNode): boolean {
		const table = this.#table;
		const mask = this.#mask;
		let i = h & mask;
		let walked = 0;
		while (table[2 * i + 1] !== null) {
			i = (i + 1) & mask;
			walked++;
		}
		table[2 * i] = h;
		table[2 * i + 1] = node;
		return walked <= LONG_RUN;
	}

	#toMap(): void {
		const map = new Map<string, ZNode>();
		for (const node of this.#nodes()) map.set(node.ele, node);
		this.#map = map;
		this.#table = [];
		this.#mask = 0;
		this.#size = 0;
	}

	delete(member: string): boolean {
		if (this.#map !== null) return this.#map.delete(member);
		let i = this.#slotOf(member, hashOf(member));
		if (i < 0) return false;
		const table = this.#table;
		const mask = this.#mask;
		// Backward-shift deletion: later entries of the same run move up into the hole, so no
		// lookup ever stops early at it and no tombstone is needed.
		for (let j = (i + 1) & mask; table[2 * j + 1] !== null; j = (j + 1) & mask) {
			if (homeAfterHole(i, j, (table[2 * j] as number) & mask)) continue;
			table[2 * i] = table[2 * j]!;
			table[2 * i + 1] = table[2 * j + 1]!;
			i = j;
		}
		table[2 * i] = null;
		table[2 * i + 1] = null;
		this.#size--;
		if (this.#mask + 1 > MIN_SLOTS && 8 * this.#size < this.#mask + 1)
			this.#resize((this.#mask + 1) / 2);
		return true;
	}

	#resize(slots: number): void {
		const old = this.#table;
		this.#table = new Array<number | ZNode | null>(2 * slots).fill(null);
		this.#mask = slots - 1;
		let honest = true;
		for (let i = 1; i < old.length; i += 2) {
			const node = old[i] as ZNode | null;
			if (node !== null) honest = this.#place(old[i - 1] as number, node) && honest;
		}
		if (!honest) this.#toMap();
	}

	*#nodes(): Generator<ZNode> {
		const table = this.#table;
		for (let i = 1; i < table.length; i += 2) {
			const node = table[i] as ZNode | null;
			if (node !== null) yield node;
		}
	}

	/** Members in table order (by hash, as a dict iterator goes), or a Map's insertion order. */
	*keys(): Generator<string> {
		if (this.#map !== null) {
			yield* this.#map.keys();
			return;
		}
		for (const node of this.#nodes()) yield node.ele;
	}
}
