// Mirrors blockingGenericZpopCommand and bzmpopCommand in src/t_zset.c with
// serveClientsBlockedOnSortedSetKey (src/blocked.c): BZPOPMIN, BZPOPMAX and BZMPOP pop at once when
// a key has members, else block through blocking.ts until another client's write or the timeout.
import { blockForKeys, canBlock, parseTimeout, type ServeFn } from '../blocking.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { NIL_ARRAY, type Reply } from '../reply.ts';
import {
	ZMPOP_SHAPE,
	genericZpop,
	isZmpopArgs,
	parseZmpop,
	type ZpopShape,
	type ZpopWhere,
} from './zset-pop.ts';
import { isReply, writeZset } from './zset-type.ts';
import { numkeysIndexes } from './zset-setops.ts';

/** BZPOPMIN/BZPOPMAX name the key and give one member and score, flat in RESP2 and RESP3. */
const BZPOP_SHAPE: ZpopShape = { emitKey: true, nested: false, nilWhenEmpty: false };

/** The pop a woken client gets; a key that became another type leaves it waiting. */
const serveZpop =
	(where: ZpopWhere, count: number, shape: ZpopShape): ServeFn =>
	({ server, db, key, obj }) =>
		obj.type === 'zset' ? genericZpop(server, db, [key], where, count, shape).reply : null;

function blockingZpop(
	ctx: CommandContext,
	keys: readonly string[],
	timeoutArg: string,
	where: ZpopWhere,
	count: number,
	shape: ZpopShape,
): Reply {
	const { server, db, client } = ctx;
	const deadline = parseTimeout(server, timeoutArg, 'seconds');
	if (typeof deadline !== 'number') return deadline;
	for (const key of keys) {
		const obj = writeZset(server, db, key);
		if (obj === null) continue;
		if (isReply(obj)) return obj;
		return genericZpop(server, db, [key], where, count, shape).reply;
	}
	if (!canBlock(client, deadline)) return NIL_ARRAY;
	return blockForKeys(ctx, keys, deadline, serveZpop(where, count, shape));
}

const bzpopSpec = (name: string, where: ZpopWhere): CommandSpec => ({
	name,
	arity: -3,
	flags: ['write', 'noscript', 'blocking', 'fast'],
	group: 'sorted-set',
	summary: `Pops the member with the ${where === 'min' ? 'lowest' : 'highest'} score from the first non-empty sorted set, or blocks until one has members or the timeout passes.`,
	syntax: 'key [key ...] timeout',
	since: '5.0.0',
	keys: [1, -2, 1],
	run: (ctx) =>
		blockingZpop(
			ctx,
			ctx.argv.slice(1, -1),
			ctx.argv[ctx.argv.length - 1]!,
			where,
			-1,
			BZPOP_SHAPE,
		),
});

export const zsetBlockingCommands: readonly CommandSpec[] = [
	bzpopSpec('BZPOPMIN', 'min'),
	bzpopSpec('BZPOPMAX', 'max'),
	{
		name: 'BZMPOP',
		arity: -5,
		flags: ['write', 'blocking', 'movablekeys'],
		group: 'sorted-set',
		summary: 'ZMPOP, or blocks until one of the sorted sets has members or the timeout passes.',
		syntax: 'timeout numkeys key [key ...] <MIN|MAX> [COUNT count]',
		since: '7.0.0',
		keys: [0, 0, 0],
		getKeys: (argv) => numkeysIndexes(argv, 2),
		run(ctx) {
			const args = parseZmpop(ctx.argv, 2);
			if (!isZmpopArgs(args)) return args;
			return blockingZpop(ctx, args.keys, ctx.argv[1]!, args.where, args.count, ZMPOP_SHAPE);
		},
	},
];
