// Mirrors src/object.c: the redisObject that every key points to, with its encoding and the 24-bit
// `lru` field that holds either the LRU clock (seconds) or the LFU pair (minutes << 8 | counter).
import { ZSet } from './zset.ts';
import { QuickList } from './quicklist.ts';
import { SetMembers } from './set-members.ts';

export type ObjectType = 'string' | 'hash' | 'zset' | 'list' | 'set';
export type Encoding =
	'int' | 'embstr' | 'raw' | 'listpack' | 'hashtable' | 'skiplist' | 'quicklist' | 'intset';

/** One sds allocation: `usable` bytes from jemalloc (header included) and the header's `alloc`. */
export interface SdsAllocation {
	readonly usable: number;
	readonly alloc: number;
}

// Memory layout (goal: ≤ 2× a bare Map per key). Every object of a type is created with the same
// own fields in the same order (createString/createHash/copyObject as literals; never a spread, never
// an optional field added later), so all strings share one V8 hidden class and all hashes another,
// with the shared prefix (type, encoding, value, lru, slot) at the same offsets in both. The numbers
// stay small integers (Smis, stored in the field itself: never a fraction, never -0). A string
// carries no `cost`: its price is recomputed from (key, object) in a few operations (keyspace.ts),
// which saves a field on the commonest object. (Moving `type` to a class prototype would save
// another 8 bytes per key, but GET measured slower with it.)
//
// A key's expire time is the expires dict's value in Redis; here it is the object's `expire` field
// (keyspace.ts says why). Strings are the exception to "one hidden class": a string gets the field
// only when its key first gets a TTL, as a new object with the same fields and `expire` last
// (volatileString), so the million strings without a TTL pay nothing for it. Every other type
// carries it from creation.

export interface StringObject {
	readonly type: 'string';
	encoding: 'int' | 'embstr' | 'raw';
	value: string;
	lru: number;
	/** Position of the key in its Db's key list (O(1) random sampling, as dictGetSomeKeys needs). */
	slot: number;
	/**
	 * The raw sds that APPEND/SETRANGE grew greedily (sdsMakeRoomFor) or INCRBYFLOAT made exact:
	 * its jemalloc size and header `alloc`. null for every other value (sds.ts derives it).
	 */
	sds: SdsAllocation | null;
	/**
	 * The key's expire time (unix ms) while it has one, else -1; absent on a string whose key
	 * has never had a TTL (see volatileString). Only keyspace.ts writes it.
	 */
	expire?: number;
}

export interface HashObject {
	readonly type: 'hash';
	encoding: 'listpack' | 'hashtable';
	value: Map<string, string>;
	lru: number;
	slot: number;
	/**
	 * Bytes this key costs in the used_memory model, kept by keyspace.ts: a hash is edited in place
	 * (the old price must still be known after the edit) and pricing one walks every field.
	 */
	cost: number;
	/** As StringObject.expire, always present. */
	expire: number;
}

export interface ZsetObject {
	readonly type: 'zset';
	encoding: 'listpack' | 'skiplist';
	value: ZSet;
	lru: number;
	slot: number;
	/** As HashObject.cost: kept by keyspace.ts, since a zset is also edited in place. */
	cost: number;
	expire: number;
}

export interface ListObject {
	readonly type: 'list';
	/** Redis 7.0 has no small-list encoding: every list is a quicklist of listpack nodes. */
	encoding: 'quicklist';
	/** The object itself (see createList). */
	readonly value: QuickList;
	lru: number;
	slot: number;
	/** As HashObject.cost: kept by keyspace.ts, since a list is also edited in place. */
	cost: number;
	expire: number;
}

export interface SetObject {
	readonly type: 'set';
	/** 7.0 has two: intset (integers only, up to set-max-intset-entries) and hashtable. */
	encoding: 'intset' | 'hashtable';
	/** The object itself (see createSet). */
	readonly value: SetMembers;
	lru: number;
	slot: number;
	/** As HashObject.cost: kept by keyspace.ts, since a set is also edited in place. */
	cost: number;
	expire: number;
}

export type RedisObject = StringObject | HashObject | ZsetObject | ListObject | SetObject;

/** OBJ_ENCODING_EMBSTR_SIZE_LIMIT: strings up to this many bytes are embedded in the object. */
export const OBJ_ENCODING_EMBSTR_SIZE_LIMIT = 44;
/** hash-max-listpack-entries / hash-max-listpack-value defaults (512 and 64 in 7.0, verified). */
export const HASH_MAX_LISTPACK_ENTRIES = 512;
export const HASH_MAX_LISTPACK_VALUE = 64;

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

/**
 * string2ll's rules: a canonical decimal (no '+', no leading zeros, no "-0", no spaces) that fits
 * in a signed 64-bit integer. Returns the value or null.
 */
export function parseStrictInt64(s: string): bigint | null {
	const n = s.length;
	if (n === 0 || n > 20) return null;
	if (n === 1 && s === '0') return 0n;
	let i = 0;
	if (s.charCodeAt(0) === 45 /* - */) {
		i = 1;
		if (n === 1) return null;
	}
	const first = s.charCodeAt(i);
	if (first < 49 || first > 57) return null;
	for (let j = i + 1; j < n; j++) {
		const c = s.charCodeAt(j);
		if (c < 48 || c > 57) return null;
	}
	const v = BigInt(s);
	return v > INT64_MAX || v < INT64_MIN ? null : v;
}

/**
 * Characters the fast path of parseLong reads: a sign and 14 digits, or 15 digits, all stay below
 * 2^53, so plain arithmetic is exact.
 */
const FAST_LONG = 15;

/**
 * getLongFromObjectOrReply: a signed 64-bit integer that fits a JS number exactly enough to index.
 * string2ll's grammar: "0", or an optional minus and a digit 1–9 then digits. Indexes and counts
 * are short, so they are read with arithmetic; only longer ones take parseStrictInt64's BigInt
 * range check (a BigInt for every index made LINDEX cost about 200 ns in cache, now about 110).
 */
export function parseLong(s: string): number | null {
	const n = s.length;
	if (n > 0 && n <= FAST_LONG) {
		const negative = s.charCodeAt(0) === 45; /* - */
		let i = negative ? 1 : 0;
		if (i === n) return null;
		let v = s.charCodeAt(i) - 48;
		// A leading zero is allowed only as "0" itself (so "-0" and "007" are refused).
		if (v < 0 || v > 9 || (v === 0 && n > 1)) return null;
		for (i++; i < n; i++) {
			const d = s.charCodeAt(i) - 48;
			if (d < 0 || d > 9) return null;
			v = v * 10 + d;
		}
		return negative ? -v : v;
	}
	const v = parseStrictInt64(s);
	return v === null ? null : Number(v);
}

/** The encoding Redis picks for a freshly created string value (tryObjectEncoding). */
export function stringEncoding(value: string): 'int' | 'embstr' | 'raw' {
	if (value.length <= 20 && parseStrictInt64(value) !== null) return 'int';
	return value.length <= OBJ_ENCODING_EMBSTR_SIZE_LIMIT ? 'embstr' : 'raw';
}

export function createString(value: string, lru: number): StringObject {
	return { type: 'string', encoding: stringEncoding(value), value, lru, slot: -1, sds: null };
}

/** The same string with room for a TTL (`expire` -1): what a string becomes when its key gets one. */
export function volatileString(obj: StringObject): StringObject {
	const { encoding, value, lru, slot, sds } = obj;
	return { type: 'string', encoding, value, lru, slot, sds, expire: -1 };
}

export function createHash(lru: number): HashObject {
	return {
		type: 'hash',
		encoding: 'listpack',
		value: new Map(),
		lru,
		slot: -1,
		cost: 0,
		expire: -1,
	};
}

/**
 * A list's robj and its quicklist in one object (`value` is the object itself): a push or a pop on
 * a list picked at random reads one object fewer, and each is a cache miss on a large keyspace.
 */
class QuickListObject extends QuickList implements ListObject {
	readonly type = 'list';
	readonly encoding = 'quicklist';
	slot = -1;
	cost = 0;
	expire = -1;

	constructor(
		public lru: number,
		fill: number,
	) {
		super(fill);
	}

	get value(): QuickList {
		return this;
	}
}

export function createList(lru: number, fill = -2): ListObject {
	return new QuickListObject(lru, fill);
}

/** A set's robj and its members in one object (`value` is the object itself), as for lists. */
class SetMembersObject extends SetMembers implements SetObject {
	readonly type = 'set';
	encoding: 'intset' | 'hashtable' = 'intset';
	slot = -1;
	cost = 0;
	expire = -1;

	constructor(public lru: number) {
		super();
	}

	get value(): SetMembers {
		return this;
	}
}

/** createIntsetObject; setTypeAdd turns it into a hashtable when a member needs one. */
export function createSet(lru: number): SetObject {
	return new SetMembersObject(lru);
}

export function createZset(lru: number): ZsetObject {
	return {
		type: 'zset',
		encoding: 'listpack',
		value: new ZSet(),
		lru,
		slot: -1,
		cost: 0,
		expire: -1,
	};
}

/** hashTypeConvert: a listpack hash turns into a hashtable once it grows past the limits, never back. */
export function updateHashEncoding(
	obj: HashObject,
	field: string,
	value: string,
	maxEntries = HASH_MAX_LISTPACK_ENTRIES,
	maxValue = HASH_MAX_LISTPACK_VALUE,
): void {
	if (obj.encoding === 'hashtable') return;
	if (obj.value.size > maxEntries || field.length > maxValue || value.length > maxValue)
		obj.encoding = 'hashtable';
}

/**
 * A detached copy (slot -1, no TTL: a TTL is its key's, and whoever stores the copy gives it one),
 * made by the same constructor as the original (never a spread).
 */
export function copyObject(obj: RedisObject): RedisObject {
	if (obj.type === 'string') {
		const { encoding, value, lru, sds } = obj;
		return { type: 'string', encoding, value, lru, slot: -1, sds };
	}
	if (obj.type === 'list') {
		const copy = createList(obj.lru, obj.value.fill);
		copy.value.copyFrom(obj.value);
		copy.cost = obj.cost;
		return copy;
	}
	if (obj.type === 'set') {
		const copy = obj.value.copyInto(new SetMembersObject(obj.lru));
		copy.encoding = obj.encoding;
		copy.cost = obj.cost;
		return copy;
	}
	if (obj.type === 'zset') {
		const { encoding, value, lru, cost } = obj;
		return { type: 'zset', encoding, value: value.clone(), lru, slot: -1, cost, expire: -1 };
	}
	const { encoding, value, lru, cost } = obj;
	return { type: 'hash', encoding, value: new Map(value), lru, slot: -1, cost, expire: -1 };
}
