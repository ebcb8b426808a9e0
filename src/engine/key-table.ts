// The main dict of a database (src/dict.c as db.c uses it): key name → object. Redis chains
// entries off a bucket array; this table probes linearly, with every slot's hash in a typed array
// and its name and object side by side in another. On 100k keys a GET waits mostly on memory: in a
// V8 Map a lookup read the name's cached hash, the bucket, its first entry, and then the name of
// each other entry chained before the one it wanted (V8 keeps two entries per bucket), each one
// a cache miss in a row before the object itself. Here it reads the name, one line of hashes and
// the line holding the slot's name and object, whose two reads do not wait on each other. Redis's
// own table sizes, which used_memory prices, are modelled apart (memory.ts, resizedSlots).
//
// The hash is unseeded (probe-hash.ts), so names chosen to share a home slot move the database's
// keys to a Map, as a sorted set's members do. Iteration follows the slots, not insertion (a
// dict's order is its hash's, too); what must keep an order uses the database's `keys` array.
import { LONG_RUN, hashOf, homeAfterHole } from './probe-hash.ts';

const MIN_SLOTS = 16;

export class KeyTable<V> {
	/** Slot i's hash plus one (0 marks an empty slot), so a probe compares names only on a match. */
	#hashes = new Int32Array(MIN_SLOTS);
	/** Slot i's name at [2i] and its value at [2i + 1], null when empty. */
	#pairs: (string | V | null)[] = new Array<string | V | null>(2 * MIN_SLOTS).fill(null);
	#mask = MIN_SLOTS - 1;
	#size = 0;
	/** Where the keys live once a run grew too long (then the table is no longer used). */
	#map: Map<string, V> | null = null;

	get size(): number {
		return this.#map === null ? this.#size : this.#map.size;
	}

	/** Whether the keys moved to a Map (names that collide on purpose). */
	get isMap(): boolean {
		return this.#map !== null;
	}

	/** The slot holding `key` (whose hash plus one is `h`), or -1. */
	#slotOf(key: string, h: number): number {
		const hashes = this.#hashes;
		const mask = this.#mask;
		for (let i = h & mask; ; i = (i + 1) & mask) {
			const x = hashes[i]!;
			if (x === 0) return -1;
			if (x === h && this.#pairs[2 * i] === key) return i;
		}
	}

	get(key: string): V | undefined {
		if (this.#map !== null) return this.#map.get(key);
		const i = this.#slotOf(key, hashOf(key) + 1);
		return i < 0 ? undefined : (this.#pairs[2 * i + 1] as V);
	}

	has(key: string): boolean {
		if (this.#map !== null) return this.#map.has(key);
		return this.#slotOf(key, hashOf(key) + 1) >= 0;
	}

	/** Adds `key` or replaces its value. */
	set(key: string, value: V): this {
		if (this.#map !== null) {
			this.#map.set(key, value);
			return this;
		}
		const h = hashOf(key) + 1;
		const at = this.#slotOf(key, h);
		if (at >= 0) {
			this.#pairs[2 * at + 1] = value;
			return this;
		}
		if (2 * (this.#size + 1) > this.#mask + 1) {
			this.#resize(2 * (this.#mask + 1));
			// Names re-placed in the larger table can make a run too long: they are in a Map now.
			if (this.#map !== null) return this.set(key, value);
		}
		this.#size++;
		if (!this.#place(h, key, value)) this.#toMap();
		return this;
	}

	/**
	 * Puts a key known to be absent into the first empty slot from its home; false when it had to
	 * walk more than LONG_RUN slots to get there.
	 */
	#place(h: number, key: string, value: V): boolean {
		const hashes = this.#hashes;
		const mask = this.#mask;
		let i = h & mask;
		let walked = 0;
		while (hashes[i] !== 0) {
			i = (i + 1) & mask;
			walked++;
		}
		hashes[i] = h;
		this.#pairs[2 * i] = key;
		this.#pairs[2 * i + 1] = value;
		return walked <= LONG_RUN;
	}

	delete(key: string): boolean {
		if (this.#map !== null) return this.#map.delete(key);
		let i = this.#slotOf(key, hashOf(key) + 1);
		if (i < 0) return false;
		const hashes = this.#hashes;
		const pairs = this.#pairs;
		const mask = this.#mask;
		// Later entries of the same run move up into the hole: no tombstones, no early stops.
		for (let j = (i + 1) & mask; hashes[j] !== 0; j = (j + 1) & mask) {
			if (homeAfterHole(i, j, hashes[j]! & mask)) continue;
			hashes[i] = hashes[j]!;
			pairs[2 * i] = pairs[2 * j]!;
			pairs[2 * i + 1] = pairs[2 * j + 1]!;
			i = j;
		}
		hashes[i] = 0;
		pairs[2 * i] = null;
		pairs[2 * i + 1] = null;
		this.#size--;
		if (this.#mask + 1 > MIN_SLOTS && 8 * this.#size < this.#mask + 1)
			this.#resize((this.#mask + 1) / 2);
		return true;
	}

	clear(): void {
		this.#allocate(MIN_SLOTS);
		this.#size = 0;
		this.#map = null;
	}

	/** Empty arrays of `slots` slots (a power of two) in place of the current ones. */
	#allocate(slots: number): void {
		this.#hashes = new Int32Array(slots);
		this.#pairs = new Array<string | V | null>(2 * slots).fill(null);
		this.#mask = slots - 1;
	}

	#resize(slots: number): void {
		const hashes = this.#hashes;
		const pairs = this.#pairs;
		this.#allocate(slots);
		let honest = true;
		for (let i = 0; i < hashes.length; i++) {
			const h = hashes[i]!;
			if (h !== 0) honest = this.#place(h, pairs[2 * i] as string, pairs[2 * i + 1] as V) && honest;
		}
		if (!honest) this.#toMap();
	}

	#toMap(): void {
		const map = new Map<string, V>(this.entries());
		this.#map = map;
		this.#hashes = new Int32Array(0);
		this.#pairs = [];
		this.#mask = 0;
		this.#size = 0;
	}

	/** [name, value] for every key, in slot order (or a Map's insertion order). */
	*entries(): Generator<[string, V]> {
		if (this.#map !== null) {
			yield* this.#map.entries();
			return;
		}
		const hashes = this.#hashes;
		const pairs = this.#pairs;
		for (let i = 0; i < hashes.length; i++)
			if (hashes[i] !== 0) yield [pairs[2 * i] as string, pairs[2 * i + 1] as V];
	}

	[Symbol.iterator](): Generator<[string, V]> {
		return this.entries();
	}
}
