// Mirrors the set core of src/t_set.c with intset.c and dict.c: the members of a set, the intset's
// integer width (which only ever widens) and, once the set is a hashtable, its table slots grown,
// shrunk and incrementally rehashed as dict.c does — what MEMORY USAGE and used_memory read.
import { keyBytes, nextPower } from './memory.ts';
import { parseStrictInt64 } from './object.ts';

/** set-max-intset-entries' default: one more member turns an intset into a hashtable. */
export const SET_MAX_INTSET_ENTRIES = 512;

/**
 * intsetValueEncoding of a member, in bytes (2, 4 or 8), or 0 when string2ll refuses it (then it
 * can only live in a hashtable). Short decimals are checked without a BigInt: SADD's hot path.
 */
export function intWidth(s: string): number {
	const n = s.length;
	if (n === 0 || n > 20) return 0;
	if (n > 15) {
		const v = parseStrictInt64(s);
		if (v === null) return 0;
		return v < -2147483648n || v > 2147483647n ? 8 : 4;
	}
	let i = s.charCodeAt(0) === 45 /* - */ ? 1 : 0;
	if (i === n) return 0;
	const first = s.charCodeAt(i);
	if (first < 49 || first > 57) return n === 1 && first === 48 ? 2 : 0;
	for (i++; i < n; i++) {
		const c = s.charCodeAt(i);
		if (c < 48 || c > 57) return 0;
	}
	const v = Number(s);
	if (v >= -32768 && v <= 32767) return 2;
	return v >= -2147483648 && v <= 2147483647 ? 4 : 8;
}

/** Numeric order of two canonical int64 decimals (an intset keeps its members sorted). */
function compareInts(a: string, b: string): number {
	const x = Number(a);
	const y = Number(b);
	if (x !== y) return x < y ? -1 : 1;
	if (a.length < 16 && b.length < 16) return 0;
	const p = BigInt(a);
	const q = BigInt(b);
	return p < q ? -1 : p > q ? 1 : 0;
}

/**
 * Steps dictRehash needs for a table of `slots` buckets holding `used` entries: one non-empty
 * bucket per step (about 1 − e^(−load) of them), or ten empty ones. Redis's hash is seeded at
 * random, so this is the expected count.
 */
function rehashSteps(slots: number, used: number): number {
	const nonEmpty = slots * (1 - Math.exp(-used / slots));
	return Math.max(1, Math.round(Math.max(nonEmpty, slots / 11)));
}

/** Set's own add, for a copy that must not redo the bookkeeping (the copy sets it itself). */
const rawAdd = Set.prototype.add;

/**
 * The set is its own member store (a Set subclass, not a wrapper around one): a command reaches
 * the members with one object fewer to load, which on 100k sets is a cache miss fewer per lookup.
 */
export class SetMembers extends Set<string> {
	/** True once the set is a hashtable (an intset never comes back). */
	isDict = false;
	/** intset: bytes per member; intsetUpgradeAndAdd widens it, a removal never narrows it. */
	width = 2;
	/** Slots of the dict's table, of the table being rehashed away, and rehash steps owed. */
	slots = 0;
	oldSlots = 0;
	rehashLeft = 0;
	/**
	 * Set when a rehash frees the old table outside a re-price (a read can finish it): until the
	 * key is re-priced, its charged cost still counts that table. Nothing else moves a price
	 * without the write that changed it re-pricing, so while this is false the cost is current.
	 */
	priceStale = false;
	/** Σ of each member's sds allocation (what a hashtable holds per member beside its entry). */
	sdsSum = 0;
	#sorted: string[] | null = null;

	/** The members as a plain Set view (the set itself). */
	get members(): Set<string> {
		return this;
	}

	/** dictFind / intsetFind. */
	override has(member: string): boolean {
		if (this.rehashLeft > 0) this.rehashStep();
		return super.has(member);
	}

	/** Set's add, kept honest: the member goes through setTypeAdd's bookkeeping. */
	override add(member: string): this {
		this.addMember(member);
		return this;
	}

	/**
	 * setTypeAdd: an intset takes a member string2ll accepts (widening if needed); any other
	 * member, or one past `maxIntset` (set-max-intset-entries), turns it into a hashtable. True if
	 * new.
	 */
	addMember(member: string, maxIntset = SET_MAX_INTSET_ENTRIES): boolean {
		if (this.isDict) {
			if (this.rehashLeft > 0) this.rehashStep();
			if (super.has(member)) return false;
			super.add(member);
			this.sdsSum += keyBytes(member);
			this.#grow();
			return true;
		}
		const w = intWidth(member);
		if (w === 0) {
			this.toDict();
			return this.addMember(member, maxIntset);
		}
		if (super.has(member)) return false;
		super.add(member);
		this.sdsSum += keyBytes(member);
		this.#sorted = null;
		if (w > this.width) this.width = w;
		if (this.size > maxIntset) this.toDict();
		return true;
	}

	/** setTypeRemove: a hashtable may shrink after the delete (htNeedsResize + dictResize). */
	override delete(member: string): boolean {
		if (this.isDict && this.rehashLeft > 0) this.rehashStep();
		if (!super.delete(member)) return false;
		this.sdsSum -= keyBytes(member);
		this.#sorted = null;
		if (this.isDict) this.#shrink();
		return true;
	}

	/** setTypeConvert(…, OBJ_ENCODING_HT): a dict presized (dictExpand) for every member. */
	toDict(): void {
		if (this.isDict) return;
		this.isDict = true;
		this.slots = nextPower(this.size);
		this.oldSlots = 0;
		this.rehashLeft = 0;
		this.#sorted = null;
	}

	/**
	 * rdbLoadObject's set tail: a set of at most `maxIntset` integers comes back an intset (a saved
	 * intset keeps its width; a saved hashtable gets the narrowest one), anything else a hashtable
	 * presized for every member (dictTryExpand), with no rehash in flight.
	 */
	reload(maxIntset: number): void {
		const ints =
			this.size <= maxIntset && (!this.isDict || [...this].every((m) => intWidth(m) > 0));
		this.#sorted = null;
		this.oldSlots = 0;
		this.rehashLeft = 0;
		this.priceStale = false;
		if (ints) {
			if (this.isDict) {
				this.isDict = false;
				this.slots = 0;
				this.width = 2;
				for (const m of this) this.width = Math.max(this.width, intWidth(m));
			}
			return;
		}
		this.isDict = true;
		this.slots = nextPower(this.size);
	}

	/** Members in the set's own order: an intset's is ascending; a hashtable's is table order. */
	ordered(): string[] {
		if (this.isDict) return [...this];
		this.#sorted ??= [...this].sort(compareInts);
		return this.#sorted.slice();
	}

	/** _dictRehashStep: lookups, adds, deletes and random picks each move a rehash along. */
	rehashStep(): void {
		if (this.rehashLeft > 0 && --this.rehashLeft === 0) {
			this.oldSlots = 0;
			this.priceStale = true;
		}
	}

	#grow(): void {
		const used = this.size;
		if (this.slots === 0) {
			this.slots = 4;
			return;
		}
		if (used <= this.slots || this.rehashLeft > 0) return;
		this.oldSlots = this.slots;
		this.rehashLeft = rehashSteps(this.slots, used - 1);
		this.slots = nextPower(used);
	}

	#shrink(): void {
		const used = this.size;
		const slots = this.slots + this.oldSlots;
		if (slots <= 4 || (used * 100) / slots >= 10 || this.rehashLeft > 0) return;
		const next = nextPower(used);
		if (next >= this.slots) return;
		this.oldSlots = this.slots;
		this.rehashLeft = rehashSteps(this.slots, used);
		this.slots = next;
	}

	/** setTypeDup (COPY): an intset copied byte for byte; a hashtable rebuilt in a presized dict. */
	clone(): SetMembers {
		return this.copyInto(new SetMembers());
	}

	/** Fills `copy` (empty) as clone() would, and returns it. */
	copyInto<T extends SetMembers>(copy: T): T {
		for (const m of this) rawAdd.call(copy, m);
		copy.isDict = this.isDict;
		copy.width = this.width;
		copy.sdsSum = this.sdsSum;
		if (this.isDict) copy.slots = nextPower(this.size);
		return copy;
	}
}
