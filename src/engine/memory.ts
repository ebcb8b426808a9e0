// Mirrors zmalloc's used_memory and object.c's objectComputeSize (MEMORY USAGE). A model, not a
// measurement — JS cannot see its own heap per key — that charges each key what Redis 7.0.15
// allocates for it under jemalloc: dictEntry, key sds, value object, the expires entry and the
// hash-table slots. Exact for strings (MEMORY USAGE and used_memory growth, checked against a real
// server); for hashes see memory-hash.ts.
import { hashAllocBytes, hashUsageBytes } from './memory-hash.ts';
import { zsetAllocBytes, zsetUsageBytes } from './memory-zset.ts';
import { listAllocBytes, listUsageBytes } from './memory-list.ts';
import { setAllocBytes, setUsageBytes } from './memory-set.ts';
import type { RedisObject, ZsetObject } from './object.ts';

/**
 * used_memory of a fresh 7.0.15 server with one client connected (measured). Not modelled:
 * the first call of each command allocates its latency histogram (24,688 bytes; CONFIG RESETSTAT
 * frees them), so a real server's used_memory also steps up by that much per distinct command.
 */
export const USED_MEMORY_STARTUP = 876_440;
export const USED_MEMORY_BASELINE = 914_912;
/** sizeof(dictEntry); jemalloc rounds it to 32 in used_memory but MEMORY USAGE reports 24. */
export const DICT_ENTRY_SIZE = 24;
export const DICT_ENTRY_ALLOC = 32;
/** sizeof(robj). */
export const ROBJ_SIZE = 16;

/**
 * The jemalloc size class an n-byte request lands in: 8, 16, 32, 48 … 128, then four classes per
 * doubling (160, 192, 224, 256, 320 …).
 */
export function je(n: number): number {
	if (n <= 8) return 8;
	if (n <= 128) return (n + 15) & ~15;
	// Every string write prices its value: whole-number arithmetic rather than a logarithm.
	if (n <= 0x40000000) {
		// A quarter of the power of two below n: 2 ** (floor(log2(n - 1)) - 2).
		const step = 1 << (29 - Math.clz32(n - 1));
		return (n + step - 1) & -step;
	}
	const step = 2 ** Math.floor(Math.log2(n - 1)) / 4;
	return Math.ceil(n / step) * step;
}

/**
 * sds header bytes for a string of `len` bytes. sdsnewlen picks the 1-byte type-5 header below 32
 * bytes (keys, hash fields and values); string values never get it (embstr and raw use sdshdr8+).
 */
export function sdsHeader(len: number, type5Allowed: boolean): number {
	if (len < 32 && type5Allowed) return 1;
	if (len < 256) return 3;
	if (len < 65536) return 5;
	return 9;
}

/** sdsZmallocSize of an sds made by sdsnewlen (a key, a hash field or a hash value). */
export function keyBytes(key: string): number {
	return je(sdsHeader(key.length, true) + key.length + 1);
}

/** Bytes of a string value (robj + payload), as objectComputeSize reports them. */
function stringBytes(obj: Extract<RedisObject, { type: 'string' }>): number {
	const len = obj.value.length;
	if (obj.encoding === 'int') return ROBJ_SIZE;
	if (obj.encoding === 'embstr') return je(ROBJ_SIZE + 3 + len + 1);
	return ROBJ_SIZE + (obj.sds ? obj.sds.usable : je(sdsHeader(len, false) + len + 1));
}

/**
 * The value part of MEMORY USAGE (sizeof(dict) and sizeof(dictEntry) unrounded, as Redis counts);
 * `samples` is MEMORY USAGE's SAMPLES (a skiplist zset is estimated from that many members).
 */
export function valueBytes(obj: RedisObject, samples?: number): number {
	if (obj.type === 'string') return stringBytes(obj);
	if (obj.type === 'zset') return zsetUsageBytes(obj.encoding, obj.value, samples);
	if (obj.type === 'list') return listUsageBytes(obj.value, samples);
	if (obj.type === 'set') return setUsageBytes(obj.value, samples);
	return hashUsageBytes(obj);
}

/** MEMORY USAGE key: value + key sds + dictEntry; the expires entry is not counted. */
export function memoryUsage(key: string, obj: RedisObject, samples?: number): number {
	return valueBytes(obj, samples) + keyBytes(key) + DICT_ENTRY_SIZE;
}

/** keyCost of a sorted set's key. */
export function zsetKeyCost(key: string, obj: ZsetObject): number {
	return zsetAllocBytes(obj.encoding, obj.value) + keyBytes(key) + DICT_ENTRY_ALLOC;
}

/** What one key adds to used_memory, not counting the keyspace's table slots (charged per Db). */
export function keyCost(key: string, obj: RedisObject): number {
	if (obj.type === 'zset') return zsetKeyCost(key, obj);
	const value =
		obj.type === 'string'
			? stringBytes(obj)
			: obj.type === 'list'
				? listAllocBytes(obj.value)
				: obj.type === 'set'
					? setAllocBytes(obj.value)
					: hashAllocBytes(obj);
	return value + keyBytes(key) + DICT_ENTRY_ALLOC;
}

/** The expires dict's entry for a key with a TTL (it shares the key sds with the main dict). */
export const EXPIRE_ENTRY_COST = DICT_ENTRY_ALLOC;

/** DICT_HT_INITIAL_SIZE and HASHTABLE_MIN_FILL (server.h): a table's floor and shrink trigger. */
export const DICT_HT_INITIAL_SIZE = 4;
export const HASHTABLE_MIN_FILL = 10;

/** _dictNextExp: the smallest power of two ≥ size, at least DICT_HT_INITIAL_SIZE. */
export function nextPower(size: number): number {
	return size <= DICT_HT_INITIAL_SIZE ? DICT_HT_INITIAL_SIZE : 2 ** Math.ceil(Math.log2(size));
}

/** Slots of a dict that grew to `size` entries one add at a time (dictExpand when used ≥ size). */
export function tableSlots(size: number): number {
	return size === 0 ? 0 : nextPower(size);
}

/**
 * A dict's slot count after its size changed to `used`, from `slots` before: _dictExpandIfNeeded
 * grows it on an add that finds it full; htNeedsResize/dictResize shrink it only once it is under
 * 10 % full (Redis does that from databasesCron; we do it at once). It never shrinks to nothing:
 * only FLUSHDB/FLUSHALL free the table.
 */
export function resizedSlots(slots: number, used: number): number {
	if (used > slots) return nextPower(used);
	if (slots > DICT_HT_INITIAL_SIZE && (used * 100) / slots < HASHTABLE_MIN_FILL)
		return nextPower(used);
	return slots;
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
