// Mirrors the blocking list commands of src/t_list.c (blockingPopGenericCommand,
// blmoveGenericCommand, serveClientBlockedOnList): each first acts like its non-blocking form and
// only blocks, through blocking.ts, when every key is missing; inside MULTI it answers nil at once.
import { blockForKeys, canBlock, parseTimeout, type ServeFn } from '../blocking.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { ERR, NIL, NIL_ARRAY, array, bulk, error, type Reply } from '../reply.ts';
import {
	lmove,
	moveOne,
	mpopKeyIndexes,
	parseMpop,
	popRangeWithKey,
	type Where,
} from './list-pop.ts';
import { isReply, parseWhere, popFrom, storeList, writeList } from './list-type.ts';

/** Serves BLPOP/BRPOP ([key, element]) or, with a count, BLMPOP ([key, [elements…]]). */
const servePop =
	(where: Where, count: number | null): ServeFn =>
	({ server, db, key, obj }) => {
		if (obj.type !== 'list') return null;
		if (count !== null) return popRangeWithKey(server, db, key, obj, where, count);
		const value = popFrom(obj, where)!;
		storeList(server, db, key, obj, false);
		return array([bulk(key), bulk(value)]);
	};

/** Serves BLMOVE/BRPOPLPUSH: a destination of another type ends the wait with WRONGTYPE. */
const serveMove =
	(dstKey: string, from: Where, to: Where): ServeFn =>
	({ server, db, key, obj }) => {
		if (obj.type !== 'list') return null;
		const dst = writeList(server, db, dstKey);
		if (isReply(dst)) return dst;
		return moveOne(server, db, key, obj, dstKey, dst, from, to);
	};

/** blockingPopGenericCommand: the timeout is checked first, then the keys in order. */
function blockingPop(
	ctx: CommandContext,
	keys: readonly string[],
	timeoutArg: string,
	where: Where,
	count: number | null,
): Reply {
	const { server, db, client } = ctx;
	const deadline = parseTimeout(server, timeoutArg, 'seconds');
	if (typeof deadline !== 'number') return deadline;
	const serve = servePop(where, count);
	for (const key of keys) {
		const list = writeList(server, db, key);
		if (list === null) continue;
		if (isReply(list)) return list;
		return serve({ server, db, key, obj: list, client })!;
	}
	if (!canBlock(client, deadline)) return NIL_ARRAY;
	return blockForKeys(ctx, keys, deadline, serve);
}

/** blmoveGenericCommand: a source that exists moves at once (LMOVE), a missing one blocks. */
function blockingMove(ctx: CommandContext, from: Where, to: Where, timeoutArg: string): Reply {
	const { server, db, client, argv } = ctx;
	const deadline = parseTimeout(server, timeoutArg, 'seconds');
	if (typeof deadline !== 'number') return deadline;
	const src = writeList(server, db, argv[1]!);
	if (isReply(src)) return src;
	if (src !== null) return lmove(ctx, from, to);
	if (client.multi !== null) return NIL;
	if (!canBlock(client, deadline)) return NIL_ARRAY;
	return blockForKeys(ctx, [argv[1]!], deadline, serveMove(argv[2]!, from, to));
}

const blockingFlags = ['write', 'noscript', 'blocking'] as const;
const blockingMoveFlags = ['write', 'denyoom', 'noscript', 'blocking'] as const;

const bpopSpec = (name: string, where: Where): CommandSpec => ({
	name,
	arity: -3,
	flags: blockingFlags,
	group: 'list',
	summary: `Pops the ${where === 'left' ? 'first' : 'last'} element of the first non-empty list, or blocks until one arrives or the timeout passes.`,
	syntax: 'key [key ...] timeout',
	since: '2.0.0',
	keys: [1, -2, 1],
	run: (ctx) =>
		blockingPop(ctx, ctx.argv.slice(1, -1), ctx.argv[ctx.argv.length - 1]!, where, null),
});

export const listBlockingCommands: readonly CommandSpec[] = [
	bpopSpec('BLPOP', 'left'),
	bpopSpec('BRPOP', 'right'),
	{
		name: 'BLMOVE',
		arity: 6,
		flags: blockingMoveFlags,
		group: 'list',
		summary: 'LMOVE, or blocks until the source list has an element or the timeout passes.',
		syntax: 'source destination <LEFT | RIGHT> <LEFT | RIGHT> timeout',
		since: '6.2.0',
		keys: [1, 2, 1],
		run(ctx) {
			const from = parseWhere(ctx.argv[3]!);
			const to = parseWhere(ctx.argv[4]!);
			if (from === null || to === null) return error(ERR.syntax);
			return blockingMove(ctx, from, to, ctx.argv[5]!);
		},
	},
	{
		name: 'BRPOPLPUSH',
		arity: 4,
		flags: blockingMoveFlags,
		group: 'list',
		summary: 'RPOPLPUSH, or blocks until the source list has an element or the timeout passes.',
		syntax: 'source destination timeout',
		since: '2.2.0',
		keys: [1, 2, 1],
		run: (ctx) => blockingMove(ctx, 'right', 'left', ctx.argv[3]!),
	},
	{
		name: 'BLMPOP',
		arity: -5,
		flags: ['write', 'blocking', 'movablekeys'],
		group: 'list',
		summary: 'LMPOP, or blocks until one of the lists has elements or the timeout passes.',
		syntax: 'timeout numkeys key [key ...] <LEFT | RIGHT> [COUNT count]',
		since: '7.0.0',
		keys: [0, 0, 0],
		getKeys: (argv) => mpopKeyIndexes(argv, 2),
		run(ctx) {
			const args = parseMpop(ctx.argv, 2);
			if ('type' in args) return args;
			return blockingPop(ctx, args.keys, ctx.argv[1]!, args.where, args.count);
		},
	},
];
