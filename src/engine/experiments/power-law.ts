// Mirrors redis-cli's powerLawRand and LRUTestGenKey (--lru-test): keys `lru:<n>`, n drawn from a
// power law on 1…N with alpha 6.2, the "80-20 distribution" redis-cli uses to test a cache.
import type { Random } from '../random.ts';

export const LRU_TEST_ALPHA = 6.2;

/** A power-law integer in [min, max]: low numbers are the popular ones. */
export function powerLawRand(rng: Random, min: number, max: number, alpha: number): number {
	const top = max + 1;
	const r = rng.next();
	const pl =
		((top ** (alpha + 1) - min ** (alpha + 1)) * r + min ** (alpha + 1)) ** (1 / (alpha + 1));
	return top - 1 - Math.floor(pl) + min;
}

export const lruTestKey = (rng: Random, keys: number, alpha = LRU_TEST_ALPHA) =>
	`lru:${powerLawRand(rng, 1, keys, alpha)}`;
