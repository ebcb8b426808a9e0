// The keyspace table's rows: filtered by name and sorted by name, TTL, access or bytes. The last
// sort is remembered as positions, so the table need not re-sort 10,000 keys on every clock frame,
// nor after a command that added, removed or re-timed a few of them.
import type { KeyView } from '../engine/index.ts';
import { showBytes } from './display.ts';

export type SortKey = 'name' | 'ttl' | 'access' | 'bytes';

type Order = { keys: readonly KeyView[]; sortBy: SortKey; filter: string; index: number[] };

/**
 * Past this many changed positions a fresh sort is cheaper than patching: each patch is a binary
 * search plus a splice that moves up to 10,000 indexes.
 */
const PATCH_LIMIT = 32;

const ttlOf = (k: KeyView) => (k.expiresAt === null ? Infinity : k.expiresAt);

const matches = (k: KeyView, f: string) => !f || showBytes(k.name).toLowerCase().includes(f);

/**
 * Whether the key at one position sorts differently now: another key, or (by TTL) another TTL.
 * Idle time, the ghost flag and the value move with the clock and commands but sort nothing by
 * name or TTL.
 */
function moved(a: KeyView | undefined, b: KeyView | undefined, by: SortKey): boolean {
	if (a === b) return false;
	if (a === undefined || b === undefined || a.name !== b.name) return true;
	return by === 'ttl' && a.expiresAt !== b.expiresAt;
}

/**
 * The last order brought up to date for `next` by taking out the positions whose key changed and
 * putting them back by binary search, or null when too many changed (or the sort is not by name
 * or TTL, whose keys move with the clock). The positions that did not change hold keys that
 * compare as before, so their relative order stands.
 */
function patched(
	prev: Order,
	next: readonly KeyView[],
	by: SortKey,
	f: string,
	compare: (a: KeyView, b: KeyView) => number,
): number[] | null {
	if (prev.sortBy !== by || prev.filter !== f || (by !== 'name' && by !== 'ttl')) return null;
	const changed: number[] = [];
	const n = Math.max(prev.keys.length, next.length);
	for (let i = 0; i < n; i++) {
		if (!moved(prev.keys[i], next[i], by)) continue;
		if (changed.length === PATCH_LIMIT) return null;
		changed.push(i);
	}
	if (changed.length === 0) return prev.index;
	const gone = new Set(changed);
	const index = prev.index.filter((i) => !gone.has(i));
	for (const i of changed) {
		if (i >= next.length || !matches(next[i]!, f)) continue;
		const key = next[i]!;
		let lo = 0;
		let hi = index.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			const j = index[mid]!;
			if ((compare(next[j]!, key) || j - i) < 0) lo = mid + 1;
			else hi = mid;
		}
		index.splice(lo, 0, i);
	}
	return index;
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
		const compare: Record<SortKey, (a: KeyView, b: KeyView) => number> = {
			name: (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
			ttl: (a, b) => ttlOf(a) - ttlOf(b),
			access: (a, b) => access(b) - access(a),
			bytes: (a, b) => b.bytes - a.bytes,
		};
		let index = this.#last && patched(this.#last, keys, by, f, compare[by]);
		if (!index) {
			index = [];
			for (let i = 0; i < keys.length; i++) if (matches(keys[i]!, f)) index.push(i);
			index.sort((a, b) => compare[by](keys[a]!, keys[b]!) || a - b);
		}
		this.#last = { keys, sortBy: by, filter: f, index };
		return index.map((i) => keys[i]!);
	}
}
