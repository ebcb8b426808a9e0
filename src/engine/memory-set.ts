// Mirrors the set half of object.c's objectComputeSize and the allocations of t_set.c: an intset is
// robj + one blob (8-byte header + width × members); a hashtable is robj + dict + its table(s) and,
// per member, a dictEntry and the member's sds. MEMORY USAGE estimates a hashtable from its first
// SAMPLES members, as Redis does (which members those are depends on Redis's seeded table order).
import { DICT_ENTRY_ALLOC, DICT_ENTRY_SIZE, ROBJ_SIZE, je, keyBytes } from './memory.ts';
import type { SetMembers } from './set-members.ts';

/** sizeof(dict) and sizeof(intset) (encoding + length) in 7.0. */
const DICT_STRUCT = 56;
const INTSET_HEADER = 8;
/** OBJ_COMPUTE_SIZE_DEF_SAMPLES. */
const DEFAULT_SAMPLES = 5;

const intsetBytes = (s: SetMembers) => ROBJ_SIZE + je(INTSET_HEADER + s.width * s.size);
const tableBytes = (s: SetMembers) => 8 * (s.slots + s.oldSlots);

/** The value part of MEMORY USAGE. */
export function setUsageBytes(s: SetMembers, samples = DEFAULT_SAMPLES): number {
	if (!s.isDict) return intsetBytes(s);
	const asize = ROBJ_SIZE + DICT_STRUCT + tableBytes(s);
	const limit = samples === 0 ? Infinity : samples;
	let elesize = 0;
	let seen = 0;
	for (const m of s.members) {
		if (seen >= limit) break;
		elesize += DICT_ENTRY_SIZE + keyBytes(m);
		seen++;
	}
	// size_t += double: the sum is taken in double, then truncated once.
	return seen > 0 ? Math.trunc(asize + (elesize / seen) * s.size) : asize;
}

/** The same set as used_memory sees it: every allocation in its jemalloc size class. */
export function setAllocBytes(s: SetMembers): number {
	if (!s.isDict) return intsetBytes(s);
	return ROBJ_SIZE + je(DICT_STRUCT) + tableBytes(s) + DICT_ENTRY_ALLOC * s.size + s.sdsSum;
}
