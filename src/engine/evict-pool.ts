// Mirrors evictionPoolPopulate() and the eviction pool of src/evict.c: one global pool of the best
// candidates seen so far, kept across evictions, scored once and never rescored.
import type { EvictionCandidate } from './events.ts';
import type { Db } from './keyspace.ts';
import { lfuDecrAndReturn } from './lfu.ts';
import type { Random } from './random.ts';
import type { Server } from './server.ts';

export const EVPOOL_SIZE = 16;
/** LRU_CLOCK_MAX: the 24-bit clock wraps after 2^24 − 1 ticks (194 days at 1 s). */
const LRU_CLOCK_MAX = 0xffffff;
/**
 * Stands in for ULLONG_MAX in volatile-ttl's score (ULLONG_MAX − when): the largest integer a
 * double holds exactly, so the score still orders keys by expiry and stays exact.
 */
export const TTL_SCORE_MAX = Number.MAX_SAFE_INTEGER;

/**
 * The pool as plain data in server.ext, so engine.fork()'s structuredClone copies it. Occupied
 * entries always form a prefix sorted by ascending score (Redis fills from the left and empties
 * from the right), so the array holds just them.
 */
export function evictionPool(server: Server): EvictionCandidate[] {
	let pool = server.ext['evictionPool'] as EvictionCandidate[] | undefined;
	if (!pool) server.ext['evictionPool'] = pool = [];
	return pool;
}

/**
 * The insertion rule: k = entries scoring below s (ties go left of equal scores). A full pool
 * drops a sample no better than its worst entry, otherwise throws entry 0 away to make room at k−1;
 * a pool with room shifts k… right. Duplicates are not checked for.
 */
export function poolInsert(pool: EvictionCandidate[], entry: EvictionCandidate): boolean {
	let k = 0;
	while (k < pool.length && pool[k]!.score < entry.score) k++;
	if (pool.length < EVPOOL_SIZE) {
		pool.splice(k, 0, entry);
		return true;
	}
	if (k === 0) return false;
	pool.shift();
	pool.splice(k - 1, 0, entry);
	return true;
}

/**
 * dictGetSomeKeys, modelled as `count` distinct keys drawn uniformly (Floyd's algorithm, one draw
 * each). Redis walks neighbouring buckets from a random start, so its samples are clusters; a
 * uniform model lands within 1–3 points of real Redis on the LRU figure (SCENARIOS.md §3.2).
 */
export function sampleKeys(rng: Random, keys: readonly string[], count: number): string[] {
	const n = keys.length;
	if (n <= count) return keys.slice();
	const picked: number[] = [];
	// A linear scan beats a Set for the usual handful of samples; a Set keeps big ones O(count).
	const set = count > 32 ? new Set<number>() : null;
	for (let j = n - count; j < n; j++) {
		const t = rng.int(j + 1);
		const i = (set ? set.has(t) : picked.includes(t)) ? j : t;
		picked.push(i);
		set?.add(i);
	}
	return picked.map((i) => keys[i]!);
}

/** estimateObjectIdleTime: ms since the object's LRU stamp, at the clock's resolution. */
export function estimateObjectIdleTime(server: Server, lru: number): number {
	const clock = server.lruClock();
	const ticks = clock >= lru ? clock - lru : clock + (LRU_CLOCK_MAX - lru);
	return ticks * server.lruResolutionMs;
}

/** The pool score of one key under the current policy: higher means evict first. */
export function evictionScore(server: Server, db: Db, key: string): number {
	const policy = server.config['maxmemory-policy'];
	if (policy === 'volatile-ttl') return TTL_SCORE_MAX - (db.expires.get(key) ?? 0);
	const obj = db.dict.get(key)!;
	if (policy.endsWith('-lfu'))
		return 255 - lfuDecrAndReturn(obj.lru, server.now(), server.config['lfu-decay-time']);
	return estimateObjectIdleTime(server, obj.lru);
}

/**
 * evictionPoolPopulate for one database: samples maxmemory-samples candidates (all keys, or the keys
 * with a TTL for volatile-*) and offers each to the pool. Returns how many keys were sampled; when
 * `seen` is given, every sample is recorded there with its score (for the x-ray).
 */
export function evictionPoolPopulate(
	server: Server,
	db: Db,
	candidates: readonly string[],
	pool: EvictionCandidate[],
	seen?: EvictionCandidate[],
): number {
	const samples = sampleKeys(server.rng, candidates, server.config['maxmemory-samples']);
	for (const key of samples) {
		const entry = { key, db: db.id, score: evictionScore(server, db, key) };
		seen?.push(entry);
		poolInsert(pool, entry);
	}
	return samples.length;
}
