// Mirrors sortCommandGeneric and lookupKeyByPattern in src/sort.c: SORT and SORT_RO over lists,
// sets and sorted sets, by the elements themselves or by keys and hash fields they name (BY, GET),
// numerically or by byte order (ALPHA), with LIMIT, ASC|DESC and (SORT only) STORE into a list.
import type { CommandContext, CommandSpec } from '../command.ts';
import { dbDelete, lookupKeyRead, lookupKeyWrite, setKey, type Db } from '../keyspace.ts';
import { pqsort } from '../pqsort.ts';
import { ERR, NIL, array, bulk, error, integer, type Reply } from '../reply.ts';
import type { Server } from '../server.ts';
import { strtod } from '../strtod.ts';
import { parseStrictInt64 } from '../object.ts';
import { newList } from './list-type.ts';
import { sortVector } from './sort-source.ts';

interface SortOptions {
	desc: boolean;
	alpha: boolean;
	/** LIMIT's offset and count (count < 0: to the end). */
	limitStart: number;
	limitCount: number;
	by: string | null;
	/** BY a pattern without '*': keep the native order (only LIMIT and DESC apply). */
	dontsort: boolean;
	gets: string[];
	store: string | null;
}

/** The SQL-like options, or the error of the first one that does not parse. */
function parseOptions(argv: readonly string[], readonly: boolean): SortOptions | Reply {
	const o: SortOptions = {
		...{ desc: false, alpha: false, limitStart: 0, limitCount: -1, by: null, dontsort: false },
		...{ gets: [], store: null },
	};
	for (let j = 2; j < argv.length; j++) {
		const opt = argv[j]!.toLowerCase();
		const left = argv.length - j - 1;
		if (opt === 'asc') o.desc = false;
		else if (opt === 'desc') o.desc = true;
		else if (opt === 'alpha') o.alpha = true;
		else if (opt === 'limit' && left >= 2) {
			const start = parseStrictInt64(argv[j + 1]!);
			const count = start === null ? null : parseStrictInt64(argv[j + 2]!);
			if (start === null || count === null) return error(ERR.notInteger);
			// Beyond ±2^53 the window is clamped to the vector's length all the same.
			o.limitStart = Number(start);
			o.limitCount = Number(count);
			j += 2;
		} else if (!readonly && opt === 'store' && left >= 1) o.store = argv[++j]!;
		else if (opt === 'by' && left >= 1) {
			o.by = argv[++j]!;
			// A later BY with a '*' does not undo an earlier one without.
			if (!cString(o.by).includes('*')) o.dontsort = true;
		} else if (opt === 'get' && left >= 1) o.gets.push(argv[++j]!);
		else return error(ERR.syntax);
	}
	return o;
}

/** A sds read as a C string: up to its first zero byte (strchr, strstr and strcoll stop there). */
const cString = (s: string) => {
	const nul = s.indexOf('\u0000');
	return nul < 0 ? s : s.slice(0, nul);
};

/**
 * lookupKeyByPattern: `#` is the element itself; otherwise the first '*' becomes the element and
 * the result names a string key, or with `->field` after the '*' a hash field. No '*', a missing
 * key or the wrong type gives null. Every lookup is a read (it counts as a hit or a miss).
 */
export function lookupByPattern(
	server: Server,
	db: Db,
	pattern: string,
	element: string,
): string | null {
	if (cString(pattern) === '#') return element;
	const star = cString(pattern).indexOf('*');
	if (star < 0) return null;
	const arrow = cString(pattern).indexOf('->', star + 1);
	const hasField = arrow >= 0 && arrow + 2 < pattern.length && pattern.charCodeAt(arrow + 2) !== 0;
	const field = hasField ? pattern.slice(arrow + 2) : null;
	const key =
		pattern.slice(0, star) + element + pattern.slice(star + 1, hasField ? arrow : undefined);
	const obj = lookupKeyRead(server, db, key);
	if (!obj) return null;
	if (field !== null) return obj.type === 'hash' ? (obj.value.get(field) ?? null) : null;
	return obj.type === 'string' ? obj.value : null;
}

interface SortItem {
	readonly ele: string;
	score: number;
	/** ALPHA BY: the value it is compared by (null when the key is missing). */
	cmp: string | null;
}

/** compareStringObjects: bytes, then length. */
const binaryCompare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** strcoll in the C locale: byte order up to the first zero byte. */
const collate = (a: string, b: string) => binaryCompare(cString(a), cString(b));

/** sortCompare for these options (with STORE, ALPHA compares whole strings, not C strings). */
function comparator(o: SortOptions): (a: SortItem, b: SortItem) => number {
	const text = o.store !== null ? binaryCompare : collate;
	const compare = (a: SortItem, b: SortItem): number => {
		if (!o.alpha)
			return a.score > b.score ? 1 : a.score < b.score ? -1 : binaryCompare(a.ele, b.ele);
		if (o.by === null) return text(a.ele, b.ele);
		if (a.cmp === null || b.cmp === null) return a.cmp === b.cmp ? 0 : a.cmp === null ? -1 : 1;
		return text(a.cmp, b.cmp);
	};
	return o.desc ? (a, b) => -compare(a, b) : compare;
}

/**
 * The number a value sorts by: strtod to the very end (a zero byte ends it), not NaN, and no
 * ERANGE, which here includes a rounded subnormal such as 1e-310 (ZADD would take it).
 */
function sortScore(value: string): number | null {
	const r = strtod(value);
	const stop = r.end === value.length || value.charCodeAt(r.end) === 0;
	return stop && !r.range && !r.tiny && !Number.isNaN(r.value) ? r.value : null;
}

function sortGeneric({ server, db, argv }: CommandContext, readonly: boolean): Reply {
	const parsed = parseOptions(argv, readonly);
	if (!('desc' in parsed)) return parsed;
	const o = parsed;
	const source = sortVector(server, db, argv[1]!, o);
	if (!Array.isArray(source.items)) return source.items;
	const { items } = source;
	const { start, end } = source;

	let badScore = false;
	if (!o.dontsort) {
		for (const item of items) {
			const by = o.by === null ? item.ele : lookupByPattern(server, db, o.by, item.ele);
			if (by === null) continue;
			if (o.alpha) {
				if (o.by !== null) item.cmp = by;
			} else {
				const score = sortScore(by);
				if (score === null) badScore = true;
				else item.score = score;
			}
		}
		const cmp = comparator(o);
		if (o.by !== null && (start !== 0 || end !== items.length - 1)) pqsort(items, cmp, start, end);
		else items.sort(cmp);
	}

	const rows = end - start + 1;
	const outputLen = o.gets.length > 0 ? o.gets.length * rows : rows;
	if (badScore) return error("ERR One or more scores can't be converted into double");
	const output: (string | null)[] = [];
	for (let j = start; j <= end; j++) {
		const ele = items[j]!.ele;
		if (o.gets.length === 0) output.push(ele);
		for (const pattern of o.gets) output.push(lookupByPattern(server, db, pattern, ele));
	}
	if (o.store === null) return array(output.map((v) => (v === null ? NIL : bulk(v))));

	if (outputLen > 0) {
		const list = newList(server);
		for (const v of output) list.value.pushTail(v ?? '', server.packedThreshold);
		lookupKeyWrite(server, db, o.store);
		setKey(server, db, o.store, list);
	} else dbDelete(server, db, o.store);
	return integer(outputLen);
}

/**
 * sortGetKeys: the sorted key and the last STORE's destination. Options are skipped by how many
 * arguments they take; after STORE the scan goes on at its destination, as Redis's loop does.
 */
function sortKeys(argv: readonly string[]): number[] {
	const SKIP = new Map([
		['limit', 2],
		['get', 1],
		['by', 1],
	]);
	let store = -1;
	for (let i = 2; i < argv.length; i++) {
		const opt = argv[i]!.toLowerCase();
		const skip = SKIP.get(opt);
		if (skip !== undefined) i += skip;
		else if (opt === 'store' && i + 1 < argv.length) store = i + 1;
	}
	return store < 0 ? [1] : [1, store];
}

export const sortCommands: readonly CommandSpec[] = [
	{
		name: 'SORT',
		arity: -2,
		flags: ['write', 'denyoom', 'movablekeys'],
		group: 'generic',
		summary: 'Sorts a list, set or sorted set, optionally by other keys, and returns or stores it.',
		syntax:
			'key [BY pattern] [LIMIT offset count] [GET pattern [GET pattern ...]] [ASC|DESC] [ALPHA] [STORE destination]',
		since: '1.0.0',
		keys: [1, 1, 1],
		getKeys: sortKeys,
		run: (ctx) => sortGeneric(ctx, false),
	},
	{
		name: 'SORT_RO',
		arity: -2,
		flags: ['readonly', 'movablekeys'],
		group: 'generic',
		summary: 'Sorts a list, set or sorted set, optionally by other keys (SORT without STORE).',
		syntax:
			'key [BY pattern] [LIMIT offset count] [GET pattern [GET pattern ...]] [ASC|DESC] [ALPHA]',
		since: '7.0.0',
		keys: [1, 1, 1],
		run: (ctx) => sortGeneric(ctx, true),
	},
];

export type { SortItem, SortOptions };
