// A model of Redis's used_memory (zmalloc_used_memory with jemalloc), not a measurement: JS cannot
// see its own heap per key. It charges each key what Redis 7.0 allocates for it — dictEntry, key
// sds, value object, the expires entry and the hash-table slots — using the jemalloc size classes
// and object.c's MEMORY USAGE formula (exact for strings, checked against a real 7.0.15 server).
import type { HashObject, RedisObject } from './object.ts';

/** used_memory of a fresh 7.0.15 server with one client connected (REDIS-7.0.md §2.7). */
export const USED_MEMORY_STARTUP = 876_440;
export const USED_MEMORY_BASELINE = 914_912;
/** sizeof(dictEntry); jemalloc rounds it to 32 in used_memory but MEMORY USAGE reports 24. */
export const DICT_ENTRY_SIZE = 24;
export const DICT_ENTRY_ALLOC = 32;

/** The jemalloc size class an n-byte request lands in: 8, 16, 32, 48 … 128, then 4 per doubling. */
export function je(n: number): number {
	if (n <= 8) return 8;
	if (n <= 128) return Math.ceil(n / 16) * 16;
	const p = 2 ** Math.floor(Math.log2(n - 1));
	const step = p / 4;
	return Math.ceil(n / step) * step;
}

/** sds header bytes for a string of `len` bytes; keys may use the 1-byte type-5 header. */
export function sdsHeader(len: number, isKey: boolean): number {
	if (len < 32 && isKey) return 1;
	if (len < 256) return 3;
	if (len < 65536) return 5;
	return 9;
}

export function keyBytes(key: string): number {
	return je(sdsHeader(key.length, true) + key.length + 1);
}

/** Bytes of the value object (robj + payload), as objectComputeSize reports them. */
export function valueBytes(obj: RedisObject): number {
	if (obj.type === 'string') {
		const len = obj.value.length;
		if (obj.encoding === 'int') return 16;
		if (obj.encoding === 'embstr') return je(16 + 3 + len + 1);
		return 16 + Math.max(obj.alloc, je(sdsHeader(len, false) + len + 1));
	}
	return hashBytes(obj);
}

/**
 * Hashes are an estimate: a listpack costs its entries (2 bytes of overhead per element plus the
 * bytes) in one allocation; a hashtable costs a dictEntry and two sds per field plus its slots.
 */
function hashBytes(obj: HashObject): number {
	if (obj.encoding === 'listpack') {
		let lp = 6 + 1;
		for (const [f, v] of obj.value) lp += f.length + v.length + 4;
		return 16 + je(lp);
	}
	let total = 16 + 96 + 8 * tableSlots(obj.value.size);
	for (const [f, v] of obj.value)
		total += DICT_ENTRY_ALLOC + keyBytes(f) + je(sdsHeader(v.length, false) + v.length + 1);
	return total;
}

/** MEMORY USAGE key: value + key sds + dictEntry; the expires entry is not counted. */
export function memoryUsage(key: string, obj: RedisObject): number {
	return valueBytes(obj) + keyBytes(key) + DICT_ENTRY_SIZE;
}

/** What one key adds to used_memory, not counting hash-table slots (charged per table). */
export function keyCost(key: string, obj: RedisObject): number {
	return valueBytes(obj) + keyBytes(key) + DICT_ENTRY_ALLOC;
}

/** The expires dict's entry for a key with a TTL (it shares the key sds with the main dict). */
export const EXPIRE_ENTRY_COST = DICT_ENTRY_ALLOC;

/** Slots of a dict holding `size` entries: the next power of two, 0 when empty (dictExpand). */
export function tableSlots(size: number): number {
	if (size === 0) return 0;
	return Math.max(4, 2 ** Math.ceil(Math.log2(size)));
}

/** bytesToHuman from server.c: "893.47K", "1.97M", "0B". */
export function bytesToHuman(n: number): string {
	const units = ['K', 'M', 'G', 'T', 'P'];
	if (n < 1024) return `${n}B`;
	let v = n / 1024;
	let i = 0;
	while (v >= 1024 && i < units.length - 1) {
		v /= 1024;
		i++;
	}
	return `${v.toFixed(2)}${units[i]}`;
}
