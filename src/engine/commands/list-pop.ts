// Mirrors the popping commands of src/t_list.c: LPOP/RPOP (with COUNT), LMPOP, LMOVE and
// RPOPLPUSH, and the helpers their blocking forms (list-blocking.ts) share with them.
import type { CommandContext, CommandSpec } from '../command.ts';
import type { Db } from '../keyspace.ts';
import { parseLong, type ListObject } from '../object.ts';
import {
	EMPTY_ARRAY,
	ERR,
	NIL,
	NIL_ARRAY,
	array,
	bulk,
	bulks,
	error,
	type Reply,
} from '../reply.ts';
import type { Server } from '../server.ts';
import {
	isReply,
	newList,
	parsePositive,
	parseWhere,
	popFrom,
	pushTo,
	storeList,
	writeList,
} from './list-type.ts';

export type Where = 'left' | 'right';

/** Pops up to `count` elements (in popping order) and deletes the key if that emptied it. */
export function popMany(
	server: Server,
	db: Db,
	key: string,
	list: ListObject,
	where: Where,
	count: number,
): string[] {
	// Read as LRANGE reads it, then deleted as one range (t_list.c's listPopRangeAndReplyWithKey).
	const out = list.value.popRange(count, where === 'right');
	storeList(server, db, key, list, false);
	return out;
}

/** listPopRangeAndReplyWithKey: [key, [elements…]]. */
export function popRangeWithKey(
	server: Server,
	db: Db,
	key: string,
	list: ListObject,
	where: Where,
	count: number,
): Reply {
	return array([bulk(key), bulks(popMany(server, db, key, list, where, count))]);
}

/** popGenericCommand: a COUNT turns the reply into an array (nil array for a missing key). */
function pop({ server, db, argv }: CommandContext, where: Where): Reply {
	if (argv.length > 3) return error(ERR.wrongArgs(argv[0]!.toLowerCase()));
	const hasCount = argv.length === 3;
	let count = 0;
	if (hasCount) {
		const c = parsePositive(argv[2]!);
		if (typeof c !== 'number') return c;
		count = c;
	}
	const key = argv[1]!;
	const list = writeList(server, db, key);
	if (list === null) return hasCount ? NIL_ARRAY : NIL;
	if (isReply(list)) return list;
	if (hasCount && count === 0) return EMPTY_ARRAY;
	if (!hasCount) {
		// The plain pop, a queue's every step: one element, no array.
		const value = popFrom(list, where)!;
		storeList(server, db, key, list, false);
		return bulk(value);
	}
	return bulks(popMany(server, db, key, list, where, count));
}

/**
 * lmoveHandlePush: pushes onto the destination (created if missing) and replies the element. The
 * caller has checked the destination's type.
 */
export function movePush(
	server: Server,
	db: Db,
	dstKey: string,
	dst: ListObject | null,
	value: string,
	where: Where,
): Reply {
	const list = dst ?? newList(server);
	pushTo(list, where, value, server.packedThreshold);
	storeList(server, db, dstKey, list, dst === null);
	return bulk(value);
}

/**
 * lmoveGenericCommand: a missing source answers nil before the destination is looked at; a
 * destination of another type answers WRONGTYPE and nothing moves. Source and destination may be
 * the same list (a rotation).
 */
export function lmove(ctx: CommandContext, from: Where, to: Where): Reply {
	const { server, db, argv } = ctx;
	const src = writeList(server, db, argv[1]!);
	if (src === null) return NIL;
	if (isReply(src)) return src;
	const dst = writeList(server, db, argv[2]!);
	if (isReply(dst)) return dst;
	return moveOne(server, db, argv[1]!, src, argv[2]!, dst, from, to);
}

/** Pops from `src` and pushes onto `dst`; the source key goes once it is empty. */
export function moveOne(
	server: Server,
	db: Db,
	srcKey: string,
	src: ListObject,
	dstKey: string,
	dst: ListObject | null,
	from: Where,
	to: Where,
): Reply {
	const value = popFrom(src, from)!;
	const reply = movePush(server, db, dstKey, dst, value, to);
	storeList(server, db, srcKey, src, false);
	return reply;
}

/** getRangeLongFromObjectOrReply with Redis's message for a count or numkeys below 1. */
export function parseAtLeastOne(s: string, msg: string): number | Reply {
	const n = parseLong(s);
	if (n === null || n < 1) return error(`ERR ${msg}`);
	return n;
}

/**
 * genericGetKeys for LMPOP/BLMPOP (COMMAND GETKEYS): atoi of the key count, then that many keys;
 * none when the count is below 1 or runs past the arguments.
 */
export function mpopKeyIndexes(argv: readonly string[], countAt: number): number[] {
	const m = /^\s*([+-]?\d+)/.exec(argv[countAt] ?? '');
	const num = m ? Number(m[1]) : 0;
	const first = countAt + 1;
	if (num < 1 || num > argv.length - first) return [];
	return Array.from({ length: num }, (_, i) => first + i);
}

export interface MpopArgs {
	readonly keys: readonly string[];
	readonly where: Where;
	readonly count: number;
}

/** lmpopGenericCommand's parsing: numkeys, the keys, LEFT|RIGHT, then an optional COUNT. */
export function parseMpop(argv: readonly string[], numkeysIdx: number): MpopArgs | Reply {
	const numkeys = parseAtLeastOne(argv[numkeysIdx]!, 'numkeys should be greater than 0');
	if (typeof numkeys !== 'number') return numkeys;
	const whereIdx = numkeysIdx + numkeys + 1;
	if (whereIdx >= argv.length) return error(ERR.syntax);
	const where = parseWhere(argv[whereIdx]!);
	if (where === null) return error(ERR.syntax);
	let count = -1;
	for (let j = whereIdx + 1; j < argv.length; j++) {
		if (count === -1 && argv[j]!.toLowerCase() === 'count' && j + 1 < argv.length) {
			const c = parseAtLeastOne(argv[++j]!, 'count should be greater than 0');
			if (typeof c !== 'number') return c;
			count = c;
		} else return error(ERR.syntax);
	}
	return { keys: argv.slice(numkeysIdx + 1, whereIdx), where, count: count === -1 ? 1 : count };
}

/** mpopGenericCommand: the first non-empty list gives up to COUNT elements; none, a nil array. */
export function mpop(server: Server, db: Db, { keys, where, count }: MpopArgs): Reply {
	for (const key of keys) {
		const list = writeList(server, db, key);
		if (list === null) continue;
		if (isReply(list)) return list;
		return popRangeWithKey(server, db, key, list, where, count);
	}
	return NIL_ARRAY;
}

const popSpec = (name: string, where: Where): CommandSpec => ({
	name,
	arity: -2,
	flags: ['write', 'fast'],
	group: 'list',
	summary: `Removes and returns the ${where === 'left' ? 'first' : 'last'} element of a list, or up to count of them.`,
	syntax: 'key [count]',
	since: '1.0.0',
	keys: [1, 1, 1],
	run: (ctx) => pop(ctx, where),
});

export const listPopCommands: readonly CommandSpec[] = [
	popSpec('LPOP', 'left'),
	popSpec('RPOP', 'right'),
	{
		name: 'LMPOP',
		arity: -4,
		flags: ['write', 'movablekeys'],
		group: 'list',
		summary: 'Pops up to count elements from the first non-empty list among the keys given.',
		syntax: 'numkeys key [key ...] <LEFT | RIGHT> [COUNT count]',
		since: '7.0.0',
		keys: [0, 0, 0],
		getKeys: (argv) => mpopKeyIndexes(argv, 1),
		run({ server, db, argv }) {
			const args = parseMpop(argv, 1);
			return 'type' in args ? args : mpop(server, db, args);
		},
	},
	{
		name: 'LMOVE',
		arity: 5,
		flags: ['write', 'denyoom'],
		group: 'list',
		summary: 'Pops an element from one end of a list and pushes it onto an end of another.',
		syntax: 'source destination <LEFT | RIGHT> <LEFT | RIGHT>',
		since: '6.2.0',
		keys: [1, 2, 1],
		run(ctx) {
			const from = parseWhere(ctx.argv[3]!);
			const to = parseWhere(ctx.argv[4]!);
			if (from === null || to === null) return error(ERR.syntax);
			return lmove(ctx, from, to);
		},
	},
	{
		name: 'RPOPLPUSH',
		arity: 3,
		flags: ['write', 'denyoom'],
		group: 'list',
		summary: 'Pops the last element of a list and pushes it onto the head of another.',
		syntax: 'source destination',
		since: '1.2.0',
		keys: [1, 2, 1],
		run: (ctx) => lmove(ctx, 'right', 'left'),
	},
];
