// Mirrors nothing in Redis: the keyspace view's one-line summary of a list, head first (the end
// LPUSH and LPOP work on), with the length up front.
import type { QuickList } from './quicklist.ts';

/** "3 elements: c b a", cut to `limit` characters. */
export function listPreview(ql: QuickList, limit: number): string {
	let out = `${ql.length} ${ql.length === 1 ? 'element' : 'elements'}:`;
	for (const node of ql.nodes) {
		for (const s of node.items) {
			if (out.length >= limit) return out.slice(0, limit);
			out += ` ${s}`;
		}
	}
	return out.slice(0, limit);
}
