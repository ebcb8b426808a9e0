// Mirrors nothing in Redis: the keyspace view's one-line summary of a set — the member count, then
// members in the set's own order (ascending for an intset) until the line is full.
import type { SetMembers } from './set-members.ts';

/** "3 members: 1 2 3", cut to `limit` characters. */
export function setPreview(s: SetMembers, limit: number): string {
	let out = `${s.size} ${s.size === 1 ? 'member' : 'members'}:`;
	const members = s.isDict ? s.members : s.ordered();
	for (const m of members) {
		if (out.length >= limit) break;
		out += ` ${m}`;
	}
	return out.slice(0, limit);
}
