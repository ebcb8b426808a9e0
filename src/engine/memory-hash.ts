// Mirrors the hash half of object.c's objectComputeSize and listpack.c's entry encoding: what a hash
// costs in MEMORY USAGE and in used_memory. Calibrated against a real 7.0.15 server (memory.test.ts
// holds the table); the one simplification is that a listpack's allocation is taken as the size
// class of its current length (lpInsert reallocs only to grow, so this is exact while a hash grows).
import {
	DICT_ENTRY_ALLOC,
	DICT_ENTRY_SIZE,
	ROBJ_SIZE,
	je,
	keyBytes,
	tableSlots,
} from './memory.ts';
import { backlenBytes } from './listpack-bytes.ts';
import { parseStrictInt64, type HashObject } from './object.ts';

/** sizeof(dict) in 7.0 (two table pointers, two used counts, rehashidx, pauserehash, two exps). */
export const DICT_STRUCT_SIZE = 56;
/** LP_HDR_SIZE (total bytes + element count) and the LP_EOF byte. */
const LP_HDR_SIZE = 6;
const LP_EOF_SIZE = 1;

/** Bytes one element takes in a listpack: integer or string encoding, then its backlen. */
export function lpEntryBytes(s: string): number {
	let enc: number;
	const n = s.length <= 20 ? parseStrictInt64(s) : null;
	if (n !== null) {
		if (n >= 0n && n <= 127n) enc = 1;
		else if (n >= -4096n && n <= 4095n) enc = 2;
		else if (n >= -32768n && n <= 32767n) enc = 3;
		else if (n >= -8388608n && n <= 8388607n) enc = 4;
		else if (n >= -2147483648n && n <= 2147483647n) enc = 5;
		else enc = 9;
	} else if (s.length < 64) enc = 1 + s.length;
	else if (s.length < 4096) enc = 2 + s.length;
	else enc = 5 + s.length;
	return enc + backlenBytes(enc);
}

/** lpBytes of a listpack holding every field and value of the hash. */
export function listpackBytes(obj: HashObject): number {
	let total = LP_HDR_SIZE + LP_EOF_SIZE;
	for (const [f, v] of obj.value) total += lpEntryBytes(f) + lpEntryBytes(v);
	return total;
}

function fieldsBytes(obj: HashObject, entrySize: number): number {
	let total = 0;
	for (const [f, v] of obj.value) total += keyBytes(f) + keyBytes(v) + entrySize;
	return total;
}

/** The value part of MEMORY USAGE: robj + listpack, or robj + dict + slots + entries. */
export function hashUsageBytes(obj: HashObject): number {
	if (obj.encoding === 'listpack') return ROBJ_SIZE + je(listpackBytes(obj));
	return (
		ROBJ_SIZE +
		DICT_STRUCT_SIZE +
		8 * tableSlots(obj.value.size) +
		fieldsBytes(obj, DICT_ENTRY_SIZE)
	);
}

/** The same hash as used_memory sees it: the dict struct and each dictEntry in their size classes. */
export function hashAllocBytes(obj: HashObject): number {
	if (obj.encoding === 'listpack') return ROBJ_SIZE + je(listpackBytes(obj));
	return (
		ROBJ_SIZE +
		je(DICT_STRUCT_SIZE) +
		8 * tableSlots(obj.value.size) +
		fieldsBytes(obj, DICT_ENTRY_ALLOC)
	);
}
