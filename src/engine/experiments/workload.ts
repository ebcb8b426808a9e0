// Mirrors no Redis file: the seeded request trace behind the hit-rate sweep, generated once and
// replayed by every policy and by the reference curves, so they all face the very same requests.
import { Random } from '../random.ts';

export interface WorkloadOptions {
	/** N: distinct keys, ids 0 … N−1 (key id 0 is the most popular). */
	readonly keys: number;
	/**
	 * The skew: key id k (rank k + 1) is asked for with probability ∝ 1 / (k + 1)^alpha. 0 is flat
	 * (every key alike), 1 is the classic Zipf of web caches (the top 1 % of 10,000 keys draw about
	 * half of the requests), above 1 a few keys take nearly everything.
	 */
	readonly alpha: number;
	readonly requests: number;
	/** Share of requests (0…1) that are writes: a SET of the key whatever the cache holds. */
	readonly writeShare?: number;
	/** Share of keys (0…1) whose every SET carries a TTL of `ttlSeconds`. */
	readonly ttlShare?: number;
	readonly ttlSeconds?: number;
	/**
	 * A one-off sequential read of every key (id order) half-way through: the batch job that
	 * flushes an LRU cache's hot keys. It adds N requests to the trace.
	 */
	readonly scanBurst?: boolean;
	/** Virtual time between requests is 1000 / requestsPerSecond ms (default 1,000 a second). */
	readonly requestsPerSecond?: number;
	/** Bytes of every value (default 16). */
	readonly valueBytes?: number;
	readonly seed: number;
}

export const OP_GET = 0;
export const OP_SET = 1;

export interface Trace {
	readonly options: WorkloadOptions;
	readonly keys: number;
	/** ids[i]: the key of request i. */
	readonly ids: Int32Array;
	/** ops[i]: OP_GET or OP_SET. */
	readonly ops: Uint8Array;
	/** volatile[k] = 1 when key k is set with a TTL. */
	readonly volatile: Uint8Array;
	/** Where the scan burst starts (−1 when there is none). */
	readonly scanAt: number;
}

/** The cumulative Zipf weights of ranks 1…N, normalised to end at 1. */
export function zipfCdf(keys: number, alpha: number): Float64Array {
	const cdf = new Float64Array(keys);
	let sum = 0;
	for (let k = 0; k < keys; k++) {
		sum += 1 / (k + 1) ** alpha;
		cdf[k] = sum;
	}
	for (let k = 0; k < keys; k++) cdf[k]! /= sum;
	return cdf;
}

/** The first id whose cumulative weight exceeds u (binary search). */
function drawId(cdf: Float64Array, u: number): number {
	let lo = 0;
	let hi = cdf.length - 1;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (cdf[mid]! > u) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}

export function generateTrace(o: WorkloadOptions): Trace {
	if (!(o.keys > 0) || !(o.requests >= 0)) throw new RangeError('keys > 0 and requests ≥ 0');
	const rng = new Random(o.seed ^ 0x7ace);
	const cdf = zipfCdf(o.keys, o.alpha);
	const writeShare = o.writeShare ?? 0;
	const scanAt = o.scanBurst ? Math.floor(o.requests / 2) : -1;
	const total = o.requests + (scanAt >= 0 ? o.keys : 0);
	const ids = new Int32Array(total);
	const ops = new Uint8Array(total);
	for (let i = 0; i < total; i++) {
		if (scanAt >= 0 && i >= scanAt && i < scanAt + o.keys) {
			ids[i] = i - scanAt;
			continue;
		}
		ids[i] = drawId(cdf, rng.next());
		if (writeShare > 0 && rng.next() < writeShare) ops[i] = OP_SET;
	}
	const volatile = new Uint8Array(o.keys);
	const ttlShare = o.ttlShare ?? 0;
	// Its own stream: the TTL choice does not shift the request draws.
	const ttlRng = new Random(o.seed ^ 0x771);
	for (let k = 0; k < o.keys; k++) if (ttlShare > 0 && ttlRng.next() < ttlShare) volatile[k] = 1;
	return { options: o, keys: o.keys, ids, ops, volatile, scanAt };
}

/** The key string of id k: built once per trace, so no request formats one. */
export function keyTable(keys: number): string[] {
	return Array.from({ length: keys }, (_, k) => `key:${k}`);
}
