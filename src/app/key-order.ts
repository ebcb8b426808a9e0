// The keyspace table's rows: filtered by name and sorted by name, TTL, access or bytes. The last
// sort is remembered as positions, so the table need not re-sort 10,000 keys on every clock frame.
import type { KeyView } from '../engine/index.ts';
import { showBytes } from './display.ts';

export type SortKey = 'name' | 'ttl' | 'access' | 'bytes';

type Order = { keys: readonly KeyView[]; sortBy: SortKey; filter: string; index: number[] };

/**
 * Whether `next` holds the same keys in the same places as the last sorted array, with the same
 * name and TTL: then a sort by name or TTL comes out the same, whatever else (idle time, the
 * ghost flag) moved with the clock. At 600× that is every frame, and sorting 10,000 names is not.
 */
function sameOrder(prev: Order, next: readonly KeyView[], by: SortKey, f: string): boolean {
	if (prev.sortBy !== by || prev.filter !== f || prev.keys.length !== next.length) return false;
	if (by !== 'name' && by !== 'ttl') return false;
	for (let i = 0; i < next.length; i++) {
		const a = prev.keys[i]!;
		const b = next[i]!;
		if (a !== b && (a.name !== b.name || a.expiresAt !== b.expiresAt)) return false;
	}
	return true;
}

/** One per table. A memo, not state: read it inside a `$derived` over the keys, sort and filter. */
export class KeyOrder {
	#last: Order | null = null;

	/**
	 * The keys whose name contains `filter` (any case), sorted by `by`; ties keep engine order.
	 * `access` ranks keys for the access sort: higher first (idle seconds, or minus LFU frequency).
	 */
	rows(
		keys: readonly KeyView[],
		by: SortKey,
		filter: string,
		access: (k: KeyView) => number = () => 0,
	): KeyView[] {
		const f = filter.trim().toLowerCase();
		const order = this.#last;
		if (order && sameOrder(order, keys, by, f)) {
			const reuse = order.index.map((i) => keys[i]!);
			this.#last = { ...order, keys };
			return reuse;
		}
		const ttl = (k: KeyView) => (k.expiresAt === null ? Infinity : k.expiresAt);
		const compare: Record<SortKey, (a: KeyView, b: KeyView) => number> = {
			name: (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
			ttl: (a, b) => ttl(a) - ttl(b),
			access: (a, b) => access(b) - access(a),
			bytes: (a, b) => b.bytes - a.bytes,
		};
		const index: number[] = [];
		for (let i = 0; i < keys.length; i++)
			if (!f || showBytes(keys[i]!.name).toLowerCase().includes(f)) index.push(i);
		index.sort((a, b) => compare[by](keys[a]!, keys[b]!) || a - b);
		this.#last = { keys, sortBy: by, filter: f, index };
		return index.map((i) => keys[i]!);
	}
}
