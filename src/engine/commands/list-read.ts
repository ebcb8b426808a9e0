// Mirrors the reading commands of src/t_list.c: LLEN, LINDEX, LRANGE and LPOS, with their argument
// checks in Redis's order (LRANGE parses its indexes before the lookup, LINDEX after it).
import type { CommandSpec } from '../command.ts';
import {
	EMPTY_ARRAY,
	NIL,
	ZERO,
	array,
	bulk,
	bulks,
	error,
	integer,
	type Reply,
} from '../reply.ts';
import { ERR } from '../reply.ts';
import { isReply, NOT_INTEGER, parsePositive, readList } from './list-type.ts';
import { parseLong, type ListObject } from '../object.ts';

const readFast = ['readonly', 'fast'] as const;
const oneKey = [1, 1, 1] as const;

/** The clamped [start, end] of a range over `len` elements, or null when it is empty. */
export function clampRange(start: number, end: number, len: number): [number, number] | null {
	if (start < 0) start = len + start;
	if (end < 0) end = len + end;
	if (start < 0) start = 0;
	if (start > end || start >= len) return null;
	return [start, end >= len ? len - 1 : end];
}

const RANK_ZERO =
	"ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list";

interface LposOptions {
	rank: number;
	/** RANK was LONG_MIN exactly: as a JS number, ranks down to 512 above it round to it too. */
	rankIsLongMin: boolean;
	count: number;
	maxlen: number;
}

/** lposCommand's option loop: each bad option answers at once, before the key is looked up. */
function lposOptions(argv: readonly string[]): LposOptions | Reply {
	const o: LposOptions = { rank: 1, rankIsLongMin: false, count: -1, maxlen: 0 };
	for (let j = 3; j < argv.length; j++) {
		const opt = argv[j]!.toLowerCase();
		const more = j + 1 < argv.length;
		if (opt === 'rank' && more) {
			const r = parseLong(argv[++j]!);
			if (r === null) return NOT_INTEGER;
			if (r === 0) return error(RANK_ZERO);
			o.rank = r;
			o.rankIsLongMin = argv[j] === '-9223372036854775808';
		} else if (opt === 'count' && more) {
			const c = parsePositive(argv[++j]!, "COUNT can't be negative");
			if (typeof c !== 'number') return c;
			o.count = c;
		} else if (opt === 'maxlen' && more) {
			const m = parsePositive(argv[++j]!, "MAXLEN can't be negative");
			if (typeof m !== 'number') return m;
			o.maxlen = m;
		} else return error(ERR.syntax);
	}
	return o;
}

/** The scan: a negative rank walks from the tail; COUNT 0 means every match. */
function lposScan(list: ListObject, ele: string, o: LposOptions): Reply {
	const { count, maxlen } = o;
	let rank = o.rank;
	const fromTail = rank < 0;
	// -LONG_MIN overflows back to LONG_MIN in C: every match then counts as reached, and the
	// COUNT test (matches - rank + 1) wraps negative, so it never stops early.
	const wrapped = o.rankIsLongMin;
	if (fromTail && !wrapped) rank = -rank;
	const items = list.value.toArray();
	const len = items.length;
	const found: Reply[] = [];
	let matches = 0;
	for (let index = 0; index < len && (maxlen === 0 || index < maxlen); index++) {
		const pos = fromTail ? len - 1 - index : index;
		if (items[pos] !== ele) continue;
		matches++;
		if (matches < rank) continue;
		if (count === -1) return integer(pos);
		found.push(integer(pos));
		if (count !== 0 && !wrapped && matches - rank + 1 >= count) break;
	}
	return count === -1 ? NIL : array(found);
}

export const listReadCommands: readonly CommandSpec[] = [
	{
		name: 'LLEN',
		arity: 2,
		flags: readFast,
		group: 'list',
		summary: 'Returns the number of elements in a list.',
		syntax: 'key',
		since: '1.0.0',
		keys: oneKey,
		run({ server, db, argv }) {
			const list = readList(server, db, argv[1]!);
			if (list === null) return ZERO;
			return isReply(list) ? list : integer(list.value.length);
		},
	},
	{
		name: 'LINDEX',
		arity: 3,
		flags: ['readonly'],
		group: 'list',
		summary: 'Returns the element at an index of a list (negative counts from the tail).',
		syntax: 'key index',
		since: '1.0.0',
		keys: oneKey,
		run({ server, db, argv }) {
			const list = readList(server, db, argv[1]!);
			if (list === null) return NIL;
			if (isReply(list)) return list;
			const index = parseLong(argv[2]!);
			if (index === null) return NOT_INTEGER;
			return bulk(list.value.at(index));
		},
	},
	{
		name: 'LRANGE',
		arity: 4,
		flags: ['readonly'],
		group: 'list',
		summary: 'Returns the elements of a list between two indexes, both included.',
		syntax: 'key start stop',
		since: '1.0.0',
		keys: oneKey,
		run({ server, db, argv }) {
			const start = parseLong(argv[2]!);
			const end = parseLong(argv[3]!);
			if (start === null || end === null) return NOT_INTEGER;
			const list = readList(server, db, argv[1]!);
			if (list === null) return EMPTY_ARRAY;
			if (isReply(list)) return list;
			const range = clampRange(start, end, list.value.length);
			return range ? bulks(list.value.range(range[0], range[1])) : EMPTY_ARRAY;
		},
	},
	{
		name: 'LPOS',
		arity: -3,
		flags: ['readonly'],
		group: 'list',
		summary: 'Returns the index of matching elements of a list (RANK, COUNT and MAXLEN refine it).',
		syntax: 'key element [RANK rank] [COUNT num-matches] [MAXLEN len]',
		since: '6.0.6',
		keys: oneKey,
		run({ server, db, argv }) {
			const options = lposOptions(argv);
			if ('type' in options) return options;
			const list = readList(server, db, argv[1]!);
			if (list === null) return options.count !== -1 ? EMPTY_ARRAY : NIL;
			return isReply(list) ? list : lposScan(list, argv[2]!, options);
		},
	},
];
