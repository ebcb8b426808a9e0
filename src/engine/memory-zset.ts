// Mirrors the sorted-set half of object.c's objectComputeSize and the allocations of t_zset.c: a
// listpack of member/score pairs, or robj + zset + zskiplist + dict + table + the 32-level header
// and, per member, its sds, a dictEntry and a skiplist node of 24 + 16 × level bytes.
import { lpEntryBytes } from './memory-hash.ts';
import { DICT_ENTRY_ALLOC, DICT_ENTRY_SIZE, ROBJ_SIZE, je, keyBytes } from './memory.ts';
import { d2string } from './strtod.ts';
import type { ZSet } from './zset.ts';
import { ZSKIPLIST_MAXLEVEL } from './zset-order.ts';

/** sizeof(zset), sizeof(zskiplist), sizeof(dict) in 7.0. */
const ZSET_STRUCT = 16;
const ZSKIPLIST_STRUCT = 32;
const DICT_STRUCT = 56;
/** LP_HDR_SIZE + the LP_EOF byte. */
const LP_OVERHEAD = 7;
/** OBJ_COMPUTE_SIZE_DEF_SAMPLES: MEMORY USAGE's default sample of nested elements. */
export const DEFAULT_SAMPLES = 5;
/** double2ll's safe range: integral scores inside it are stored as listpack integers. */
const LL_HALF = 4611686018427387904;

/** zskiplistNode with `level` levels, as jemalloc rounds it. */
export const nodeAlloc = (level: number) => je(24 + 16 * level);
const HEADER_ALLOC = nodeAlloc(ZSKIPLIST_MAXLEVEL);

/** Bytes a score takes in a listpack: an integer when double2ll accepts it, else d2string's text. */
export function lpScoreBytes(score: number): number {
	if (Number.isInteger(score) && score >= -LL_HALF && score <= LL_HALF) {
		if (score >= 0 && score <= 127) return 2;
		if (score >= -4096 && score <= 4095) return 3;
		if (score >= -32768 && score <= 32767) return 4;
		if (score >= -8388608 && score <= 8388607) return 5;
		if (score >= -2147483648 && score <= 2147483647) return 6;
		return 10;
	}
	return lpEntryBytes(d2string(score));
}

/** One member and its score in a listpack. */
export const lpPairBytes = (member: string, score: number) =>
	lpEntryBytes(member) + lpScoreBytes(score);

/** One member of a skiplist zset in used_memory, without its dictEntry: sds + node. */
export const skipMemberAlloc = (member: string, level: number) =>
	keyBytes(member) + nodeAlloc(level);

/** lpBytes of the listpack the zset would be. */
export function listpackBytes(z: ZSet): number {
	return LP_OVERHEAD + z.lpSum;
}

function skiplistFixed(z: ZSet): number {
	return ZSET_STRUCT + ZSKIPLIST_STRUCT + 8 * (z.slots + z.oldSlots) + HEADER_ALLOC;
}

/**
 * The value part of MEMORY USAGE: a listpack exactly; a skiplist from the average of its first
 * `samples` members (0 = all) times its size, truncated, as objectComputeSize estimates it.
 */
export function zsetUsageBytes(encoding: string, z: ZSet, samples = DEFAULT_SAMPLES): number {
	if (encoding === 'listpack') return ROBJ_SIZE + je(listpackBytes(z));
	const asize = ROBJ_SIZE + DICT_STRUCT + skiplistFixed(z);
	let elesize = 0;
	let seen = 0;
	for (const x of z.zsl.walk(0, false, samples === 0 ? Infinity : samples)) {
		elesize += keyBytes(x.ele) + DICT_ENTRY_SIZE + nodeAlloc(x.level);
		seen++;
	}
	// size_t += double: the sum is taken in double, then truncated once.
	return seen > 0 ? Math.trunc(asize + (elesize / seen) * z.size) : asize;
}

/** The same zset as used_memory sees it: every member's real allocations, dict struct rounded. */
export function zsetAllocBytes(encoding: string, z: ZSet): number {
	if (encoding === 'listpack') return ROBJ_SIZE + je(listpackBytes(z));
	return ROBJ_SIZE + je(DICT_STRUCT) + skiplistFixed(z) + z.nodeSum + DICT_ENTRY_ALLOC * z.size;
}
