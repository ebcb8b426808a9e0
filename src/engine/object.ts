// Mirrors src/object.c: the redisObject that every key points to, with its encoding and the 24-bit
// `lru` field that holds either the LRU clock (seconds) or the LFU pair (minutes << 8 | counter).

export type ObjectType = 'string' | 'hash';
export type Encoding = 'int' | 'embstr' | 'raw' | 'listpack' | 'hashtable';

export interface StringObject {
	type: 'string';
	encoding: 'int' | 'embstr' | 'raw';
	value: string;
	/** Allocated bytes of a raw sds that APPEND/SETRANGE grew greedily (sdsMakeRoomFor); 0 otherwise. */
	alloc: number;
	/** The sds header's `alloc` (bytes the string can reach without a realloc), when `alloc` is set. */
	sdsAlloc?: number;
	lru: number;
	/** Bytes this key costs in the used_memory model (memory.ts keeps it current). */
	cost: number;
	/** Position of the key in its Db's key list (O(1) random sampling, as dictGetSomeKeys needs). */
	slot: number;
}

export interface HashObject {
	type: 'hash';
	encoding: 'listpack' | 'hashtable';
	value: Map<string, string>;
	alloc: number;
	lru: number;
	cost: number;
	slot: number;
}

export type RedisObject = StringObject | HashObject;

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

/** The encoding Redis picks for a freshly created string value (tryObjectEncoding). */
export function stringEncoding(value: string): 'int' | 'embstr' | 'raw' {
	if (value.length <= 20 && parseStrictInt64(value) !== null) return 'int';
	return value.length <= OBJ_ENCODING_EMBSTR_SIZE_LIMIT ? 'embstr' : 'raw';
}

export function createString(value: string, lru: number): StringObject {
	return {
		type: 'string',
		encoding: stringEncoding(value),
		value,
		alloc: 0,
		lru,
		cost: 0,
		slot: -1,
	};
}

export function createHash(lru: number): HashObject {
	return { type: 'hash', encoding: 'listpack', value: new Map(), alloc: 0, lru, cost: 0, slot: -1 };
}

/** hashTypeConvert: a listpack hash turns into a hashtable once it grows past the limits, never back. */
export function updateHashEncoding(obj: HashObject, field: string, value: string): void {
	if (obj.encoding === 'hashtable') return;
	if (
		obj.value.size > HASH_MAX_LISTPACK_ENTRIES ||
		field.length > HASH_MAX_LISTPACK_VALUE ||
		value.length > HASH_MAX_LISTPACK_VALUE
	)
		obj.encoding = 'hashtable';
}

export function copyObject(obj: RedisObject): RedisObject {
	if (obj.type === 'string') return { ...obj, slot: -1 };
	return { ...obj, value: new Map(obj.value), slot: -1 };
}
