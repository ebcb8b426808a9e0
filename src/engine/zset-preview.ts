// Mirrors nothing in Redis: the keyspace view's one-line summary of a sorted set, highest scores
// first (a leaderboard reads from the top), with the member count up front.
import { formatDouble } from './strtod.ts';
import type { ZSet } from './zset.ts';

/** "3 members: carol=120 alice=100 bob=50", cut to `limit` characters. */
export function zsetPreview(z: ZSet, limit: number): string {
	let out = `${z.size} ${z.size === 1 ? 'member' : 'members'}:`;
	for (const x of z.zsl.walk(z.size - 1, true)) {
		if (out.length >= limit) break;
		out += ` ${x.ele}=${formatDouble(x.score)}`;
	}
	return out.slice(0, limit);
}
