// What the engine's two open-addressing tables share (key-table.ts for a database's keys,
// zset-dict.ts for a sorted set's members): the hash, the bound on a probe run, and the test that
// backward-shift deletion makes. Redis's dict.c chains entries off buckets and seeds its hash
// (siphash); these tables probe linearly, and their hash has no secret seed so that a lesson
// replays the same, which is why each hands its names to a Map once a run grows too long.

/** FNV-1a over the name's code units, cut to 30 bits so that it is always a small integer. */
export function hashOf(s: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
	return h & 0x3fffffff;
}

/**
 * Slots an insertion may walk before its table moves to a Map. At a load of one half a run this
 * long has odds far below one in a billion for names that are not chosen to collide.
 */
export const LONG_RUN = 64;

/**
 * Backward-shift deletion: with a hole at slot i, the entry at slot j (later in the same run, at
 * home slot `home`) may move up into it unless its home lies cyclically in (i, j], where the
 * entry would then sit before its home and no lookup would find it.
 */
export const homeAfterHole = (i: number, j: number, home: number): boolean =>
	i <= j ? home > i && home <= j : home > i || home <= j;
