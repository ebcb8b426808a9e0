// Mirrors the first half of sortCommandGeneric in src/sort.c: the key to sort (list, set or sorted
// set), LIMIT's window over it, and the vector of elements. A list or sorted set that is not to be
// sorted is read straight in its own order (from either end), only the window LIMIT asks for.
import { keyCost } from '../memory.ts';
import { lookupKeyRead, type Db } from '../keyspace.ts';
import type { ZsetObject } from '../object.ts';
import { ERR, error, type Reply } from '../reply.ts';
import type { Server } from '../server.ts';
import type { SortItem, SortOptions } from './sort.ts';
import { convertToSkiplist } from './zset-type.ts';

export interface SortVector {
	/** The elements to sort, or the WRONGTYPE reply. */
	readonly items: SortItem[] | Reply;
	/** The window of `items` to output, inclusive (end < start: nothing). */
	readonly start: number;
	readonly end: number;
}

const item = (ele: string): SortItem => ({ ele, score: 0, cmp: null });

/**
 * SORT turns a listpack sorted set into a skiplist for good (zsetConvert), which MEMORY USAGE and
 * OBJECT ENCODING then show. It is re-priced, but no watcher is told: the members did not change.
 */
function convertForSort(db: Db, key: string, obj: ZsetObject): void {
	if (obj.encoding === 'skiplist') return;
	convertToSkiplist(obj);
	const before = obj.cost;
	obj.cost = keyCost(key, obj);
	db.bytes += obj.cost - before;
}

/** The elements of `key` (a missing key is an empty list) and LIMIT's window over them. */
export function sortVector(server: Server, db: Db, key: string, o: SortOptions): SortVector {
	const obj = lookupKeyRead(server, db, key);
	if (obj && obj.type !== 'list' && obj.type !== 'zset' && obj.type !== 'set')
		return { items: error(ERR.wrongType), start: 0, end: -1 };
	// A set has no order of its own worth storing: STORE … BY nosort sorts it ALPHA instead.
	if (o.dontsort && obj?.type === 'set' && o.store !== null) {
		o.dontsort = false;
		o.alpha = true;
		o.by = null;
	}
	if (obj?.type === 'zset') convertForSort(db, key, obj);
	const len = !obj ? 0 : obj.type === 'list' ? obj.value.length : obj.value.size;

	let start = o.limitStart < 0 ? 0 : o.limitStart;
	let end = o.limitCount < 0 ? len - 1 : start + o.limitCount - 1;
	if (start >= len) {
		start = len - 1;
		end = len - 2;
	}
	if (end >= len) end = len - 1;

	if (!obj) return { items: [], start, end };
	// A set is read whole in its own order (an intset's is ascending), sorted or not.
	if (obj.type === 'set') return { items: obj.value.ordered().map(item), start, end };
	if (!o.dontsort) {
		const all = obj.type === 'list' ? obj.value.toArray() : [...obj.value.dict.keys()];
		return { items: all.map(item), start, end };
	}
	// Native order: read only the window, from the tail for DESC; the output then starts at 0.
	const count = start !== 0 || end !== len - 1 ? end - start + 1 : len;
	if (count <= 0) return { items: [], start: 0, end: end - start };
	const all =
		obj.type === 'list' ? obj.value.toArray() : Array.from(obj.value.nodes(), (n) => n.ele);
	const from = o.desc ? len - 1 - start : start;
	const step = o.desc ? -1 : 1;
	const items: SortItem[] = [];
	for (let i = 0, at = from; i < count; i++, at += step) items.push(item(all[at]!));
	return { items, start: 0, end: end - start };
}
