// Mirrors the LRU half of src/evict.c and server.h: the 24-bit LRU clock stamped into every object's
// `lru` field, the idle time read back from it (with the wrap), and which policies use LFU instead.
import type { MaxmemoryPolicy } from './config.ts';

/** LRU_CLOCK_MAX: the 24-bit clock wraps after 2^24 − 1 ticks (194 days at 1 s). */
export const LRU_CLOCK_MAX = 0xffffff;

/** LRU_CLOCK() at virtual time `nowMs`: now / LRU_CLOCK_RESOLUTION, 24 bits. */
export function lruClockAt(nowMs: number, resolutionMs: number): number {
	return Math.floor(nowMs / resolutionMs) & LRU_CLOCK_MAX;
}

/** estimateObjectIdleTime's tick count: clock − stamp, across one wrap of the 24-bit clock. */
export function lruIdleTicks(clock: number, lru: number): number {
	return clock >= lru ? clock - lru : clock + (LRU_CLOCK_MAX - lru);
}

/** MAXMEMORY_FLAG_LFU: the policies whose `lru` field holds the LFU pair. */
export function isLfuPolicy(policy: MaxmemoryPolicy): boolean {
	return policy.endsWith('-lfu');
}
