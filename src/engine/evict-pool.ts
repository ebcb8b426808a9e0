// Mirrors evictionPoolPopulate() and the eviction pool of src/evict.c: one global pool of the best
// candidates seen so far, kept across evictions, scored once and never rescored.
import type { EvictionCandidate } from './events.ts';
import type { Db } from './keyspace.ts';
import { lfuDecrAndReturn } from './lfu.ts';
import { lruIdleTicks } from './lru.ts';
import type { Random } from './random.ts';
import type { Server } from './server.ts';

export const EVPOOL_SIZE = 16;
/**
 * Stands in for ULLONG_MAX in volatile-ttl's score (ULLONG_MAX − when): the largest integer a
 * double holds exactly, so the score still orders keys by expiry and stays exact.
 */
export const TTL_SCORE_MAX = Number.MAX_SAFE_INTEGER;

/**
 * The pool as plain data on the server (fork copies it entry by entry). Occupied entries always
 * form a prefix sorted by ascending score (Redis fills from the left and empties from the right),
 * so the array holds just them.
 */
export function evictionPool(server: Server): EvictionCandidate[] {
	return server.eviction.pool;
}

/**
 * The insertion rule: k = entries scoring below s (ties go left of equal scores). A full pool
 * drops a sample no better than its worst entry, otherwise throws entry 0 away to make room at k−1;
 * a pool with room shifts k… right. Duplicates are not checked for.
 */
export function poolInsert(pool: EvictionCandidate[], entry: EvictionCandidate): boolean {
	const n = pool.length;
	let k = 0;
	while (k < n && pool[k]!.score < entry.score) k++;
	// Entries move by hand, as evict.c's memmove does: splice and shift cost more on 16 entries.
	if (n < EVPOOL_SIZE) {
		pool.push(entry);
		for (let i = n; i > k; i--) pool[i] = pool[i - 1]!;
		pool[k] = entry;
		return true;
	}
	if (k === 0) return false;
	for (let i = 0; i < k - 1; i++) pool[i] = pool[i + 1]!;
	pool[k - 1] = entry;
	return true;
}

/**
 * dictGetSomeKeys, modelled as `count` distinct positions out of n drawn uniformly (Floyd's
 * algorithm, one draw each), or all of them when n ≤ count. Redis walks neighbouring buckets from a
 * random start, so its samples are clusters; a uniform model lands within 1–3 points of real Redis
 * on antirez's LRU figure (src/engine/experiments/antirez-figure.ts).
 */
export function sampleIndices(rng: Random, n: number, count: number): number[] {
	const out = new Int32Array(Math.min(n, count));
	return Array.from(out.subarray(0, sampleInto(rng, n, count, out)));
}

/**
 * sampleIndices into `out` (the same draws, in the same order), returning how many: the eviction
 * path samples on every eviction and allocates nothing for it.
 */
export function sampleInto(rng: Random, n: number, count: number, out: Int32Array): number {
	if (n <= count) {
		for (let i = 0; i < n; i++) out[i] = i;
		return n;
	}
	// A linear scan beats a Set for the usual handful of samples; a Set keeps big ones O(count).
	const set = count > 32 ? new Set<number>() : null;
	let len = 0;
	for (let j = n - count; j < n; j++) {
		const t = rng.int(j + 1);
		let seen = false;
		if (set) seen = set.has(t);
		else for (let k = 0; k < len && !seen; k++) seen = out[k] === t;
		const i = seen ? j : t;
		out[len++] = i;
		set?.add(i);
	}
	return len;
}

/** The sampler's scratch buffer, grown to the largest maxmemory-samples seen. */
let scratch = new Int32Array(16);

/** estimateObjectIdleTime: ms since the object's LRU stamp, at the clock's resolution. */
export function estimateObjectIdleTime(server: Server, lru: number): number {
	return lruIdleTicks(server.lruClock(), lru) * server.lruResolutionMs;
}

/** The pool score of a key under an LRU or LFU policy, from its object's `lru` field. */
function objectScore(server: Server, lru: number): number {
	if (server.isLfu())
		return 255 - lfuDecrAndReturn(lru, server.now(), server.config['lfu-decay-time']);
	return estimateObjectIdleTime(server, lru);
}

/** The pool score of one key under the current policy: higher means evict first. */
export function evictionScore(server: Server, db: Db, key: string): number {
	if (server.config['maxmemory-policy'] === 'volatile-ttl')
		return TTL_SCORE_MAX - (db.expires.get(key) ?? 0);
	return objectScore(server, db.dict.get(key)!.lru);
}

/**
 * evictionPoolPopulate for one database: samples maxmemory-samples candidates (all keys, or the keys
 * with a TTL for volatile-*) and offers each to the pool. Returns how many keys were sampled; when
 * `seen` is given, every sample is recorded there with its score (for the x-ray).
 */
export function evictionPoolPopulate(
	server: Server,
	db: Db,
	allkeys: boolean,
	pool: EvictionCandidate[],
	seen?: EvictionCandidate[],
): number {
	const keys = allkeys ? db.keys : db.volatile;
	const count = server.config['maxmemory-samples'];
	if (scratch.length < count) scratch = new Int32Array(count);
	const picked = scratch;
	const taken = sampleInto(server.rng, keys.length, count, picked);
	const byObject = allkeys && server.config['maxmemory-policy'] !== 'volatile-ttl';
	for (let p = 0; p < taken; p++) {
		const i = picked[p]!;
		// allkeys-lru/lfu score a slot from the packed LRU array; the key is read only if it enters.
		const score = byObject
			? objectScore(server, db.lruBySlot[i]!)
			: evictionScore(server, db, keys[i]!);
		if (seen) seen.push({ key: keys[i]!, db: db.id, score });
		// The common case once the pool is full: no better than its worst entry, nothing to build.
		if (pool.length === EVPOOL_SIZE && score <= pool[0]!.score) continue;
		poolInsert(pool, { key: keys[i]!, db: db.id, score });
	}
	return taken;
}
