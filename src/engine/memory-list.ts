// Mirrors the list half of object.c's objectComputeSize and the allocations of quicklist.c: robj +
// quicklist struct + one quicklistNode and one listpack per node (a plain node's element instead,
// zmalloc'ed at its length; a quicklistLZF for a node that list-compress-depth keeps compressed).
// MEMORY USAGE estimates from the first SAMPLES nodes (as Redis does); used_memory counts every
// node in its jemalloc size class.
import { ROBJ_SIZE, je } from './memory.ts';
import { nodeAllocBytes, type QuickList } from './quicklist.ts';

/** sizeof(quicklist) and sizeof(quicklistNode) in 7.0 (the node's bitfields pad it to 40). */
const QUICKLIST_STRUCT = 40;
const QUICKLIST_NODE = 40;
/** OBJ_COMPUTE_SIZE_DEF_SAMPLES. */
const DEFAULT_SAMPLES = 5;

/** The value part of MEMORY USAGE: the sampled nodes' average size times the node count. */
export function listUsageBytes(ql: QuickList, samples = DEFAULT_SAMPLES): number {
	const nodes = ql.nodes;
	const limit = samples === 0 ? Infinity : samples;
	let elesize = 0;
	let n = 0;
	// Redis's do/while samples the head even when the sample size is 0 ("all").
	do {
		const node = nodes[n];
		elesize += QUICKLIST_NODE + (node ? nodeAllocBytes(node) : 0);
		n++;
	} while (n < nodes.length && n < limit);
	return Math.floor(ROBJ_SIZE + QUICKLIST_STRUCT + (elesize / n) * nodes.length);
}

/** The quicklist struct and one node, in their size classes (re-priced on every list edit). */
const STRUCT_ALLOC = je(QUICKLIST_STRUCT);
const NODE_ALLOC = je(QUICKLIST_NODE);

/**
 * The same list as used_memory sees it: every struct in its size class, every listpack (or
 * compressed node) exact.
 */
export function listAllocBytes(ql: QuickList): number {
	return ROBJ_SIZE + STRUCT_ALLOC + ql.nodeCount * NODE_ALLOC + ql.lpAlloc;
}
