// Mirrors the factor table of redis.conf's LFU section (re-measured on a real Redis):
// the Morris counter of one key after N hits within the same minute, for a given lfu-log-factor.
import { LFU_INIT_VAL, lfuInitField, lfuUpdateField } from '../lfu.ts';
import { Random } from '../random.ts';

/** The counter after `hits` accesses to a key created just before (SET, then N GETs). */
export function lfuCounterAfterHits(hits: number, factor: number, seed = 1): number {
	const rng = new Random(seed);
	const now = 0;
	let field = lfuInitField(now);
	for (let i = 0; i < hits && (field & 255) < 255; i++)
		field = lfuUpdateField(field, now, 1, factor, rng);
	return field & 255;
}

export const LFU_TABLE_FACTORS = [0, 1, 10, 100] as const;
export const LFU_TABLE_HITS = [100, 1_000, 100_000, 1_000_000] as const;

/** redis.conf's table: rows by factor, columns by hits. */
export function lfuFactorTable(seed = 1): number[][] {
	return LFU_TABLE_FACTORS.map((factor, i) =>
		LFU_TABLE_HITS.map((hits, j) => lfuCounterAfterHits(hits, factor, seed * 97 + i * 13 + j)),
	);
}

/** Expected hits to lift a fresh key's counter to c: (c − 5) + f·(c − 5)(c − 6)/2. */
export function expectedHitsFor(counter: number, factor: number): number {
	const d = counter - LFU_INIT_VAL;
	return d <= 0 ? 0 : d + (factor * d * (d - 1)) / 2;
}
