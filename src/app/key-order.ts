// The keyspace table's rows: filtered by name and sorted by name, TTL, access or bytes. The last
// sort is remembered as positions, so the table need not re-sort 10,000 keys on every clock frame,
// nor when a command or expiry added, removed or re-timed some of them.
import type { KeyView } from '../engine/index.ts';
import { showBytes } from './display.ts';

export type SortKey = 'name' | 'ttl' | 'access' | 'bytes';

type Order = { keys: readonly KeyView[]; sortBy: SortKey; filter: string; index: number[] };

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
 * The last order brought up to date for `next`: the positions whose key changed are taken out,
 * sorted among themselves and merged back, O(n + k log k) for k changes instead of a fresh sort's
 * O(n log n). The positions that did not change hold keys that compare as before, so their
 * relative order stands. Null when the sort is not by name or TTL (their keys move with the clock)
 * or when most positions changed (a fresh sort is then as cheap).
 */
function patched(
	prev: Order,
	next: readonly KeyView[],
	by: SortKey,
	f: string,
	compare: (a: KeyView, b: KeyView) => number,
): number[] | null {
	if (prev.sortBy !== by || prev.filter !== f || (by !== 'name' && by !== 'ttl')) return null;
	const n = Math.max(prev.keys.length, next.length);
	const gone = new Uint8Array(n);
	const changed: number[] = [];
	for (let i = 0; i < n; i++) {
		if (!moved(prev.keys[i], next[i], by)) continue;
		gone[i] = 1;
		changed.push(i);
	}
	if (changed.length === 0) return prev.index;
	if (changed.length > n / 2) return null;
	const order = (a: number, b: number) => compare(next[a]!, next[b]!) || a - b;
	const kept = prev.index.filter((i) => gone[i] === 0);
	const back = changed.filter((i) => i < next.length && matches(next[i]!, f)).sort(order);
	const index = new Array<number>(kept.length + back.length);
	let a = 0;
	let b = 0;
	for (let out = 0; out < index.length; out++) {
		if (b === back.length || (a < kept.length && order(kept[a]!, back[b]!) < 0))
			index[out] = kept[a++]!;
		else index[out] = back[b++]!;
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
