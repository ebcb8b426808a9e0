// Mirrors the single-answer readers of src/t_zset.c: ZSCORE, ZMSCORE, ZCARD, ZCOUNT, ZLEXCOUNT,
// ZRANK and ZREVRANK. Counts come from two rank lookups, not a walk over the range.
import type { CommandContext, CommandSpec } from '../command.ts';
import type { ZsetObject } from '../object.ts';
import { NIL, ZERO, array, error, integer, type Reply } from '../reply.ts';
import {
	MIN_OR_MAX_NOT_FLOAT,
	MIN_OR_MAX_NOT_LEX,
	isReply,
	lexRanks,
	parseLexRange,
	parseScoreRange,
	readZset,
	scoreReply,
} from './zset-type.ts';

/** Runs `answer` on the zset at argv[1]; a missing key gets `missing`, another type WRONGTYPE. */
function withZset(
	{ server, db, argv }: CommandContext,
	missing: Reply,
	answer: (obj: ZsetObject) => Reply,
): Reply {
	const obj = readZset(server, db, argv[1]!);
	if (obj === null) return missing;
	if (isReply(obj)) return obj;
	return answer(obj);
}

/** Members between two ranks, both included. */
const countBetween = ([first, last]: [number, number]) => Math.max(0, last - first + 1);

function zrank(ctx: CommandContext, reverse: boolean): Reply {
	return withZset(ctx, NIL, (obj) => {
		const node = obj.value.find(ctx.argv[2]!);
		if (node === undefined) return NIL;
		const rank = obj.value.zsl.rankOf(node);
		return integer(reverse ? obj.value.size - 1 - rank : rank);
	});
}

const readFast = ['readonly', 'fast'] as const;
const oneKey = [1, 1, 1] as const;

export const zsetReadCommands: readonly CommandSpec[] = [
	{
		name: 'ZSCORE',
		arity: 3,
		flags: readFast,
		group: 'sorted-set',
		summary: 'Returns the score of a member of a sorted set.',
		syntax: 'key member',
		since: '1.2.0',
		keys: oneKey,
		run: (ctx) =>
			withZset(ctx, NIL, (obj) => {
				const node = obj.value.find(ctx.argv[2]!);
				return node === undefined ? NIL : scoreReply(node.score);
			}),
	},
	{
		name: 'ZMSCORE',
		arity: -3,
		flags: readFast,
		group: 'sorted-set',
		summary: 'Returns the scores of several members (nil for each missing one).',
		syntax: 'key member [member ...]',
		since: '6.2.0',
		keys: oneKey,
		run(ctx) {
			const members = ctx.argv.slice(2);
			return withZset(ctx, array(members.map(() => NIL)), (obj) =>
				array(
					members.map((m) => {
						const node = obj.value.find(m);
						return node === undefined ? NIL : scoreReply(node.score);
					}),
				),
			);
		},
	},
	{
		name: 'ZCARD',
		arity: 2,
		flags: readFast,
		group: 'sorted-set',
		summary: 'Returns the number of members in a sorted set.',
		syntax: 'key',
		since: '1.2.0',
		keys: oneKey,
		run: (ctx) => withZset(ctx, ZERO, (obj) => integer(obj.value.size)),
	},
	{
		name: 'ZCOUNT',
		arity: 4,
		flags: readFast,
		group: 'sorted-set',
		summary: 'Counts the members whose score is within a range.',
		syntax: 'key min max',
		since: '2.0.0',
		keys: oneKey,
		run(ctx) {
			const range = parseScoreRange(ctx.argv[2]!, ctx.argv[3]!);
			if (range === null) return error(MIN_OR_MAX_NOT_FLOAT);
			return withZset(ctx, ZERO, (obj) => integer(countBetween(obj.value.zsl.scoreRanks(range))));
		},
	},
	{
		name: 'ZLEXCOUNT',
		arity: 4,
		flags: readFast,
		group: 'sorted-set',
		summary: 'Counts the members between two member names (all scores being equal).',
		syntax: 'key min max',
		since: '2.8.9',
		keys: oneKey,
		run(ctx) {
			const range = parseLexRange(ctx.argv[2]!, ctx.argv[3]!);
			if (range === null) return error(MIN_OR_MAX_NOT_LEX);
			return withZset(ctx, ZERO, (obj) => integer(countBetween(lexRanks(obj, range))));
		},
	},
	{
		name: 'ZRANK',
		arity: 3,
		flags: readFast,
		group: 'sorted-set',
		summary: 'Returns the 0-based position of a member, lowest score first.',
		syntax: 'key member',
		since: '2.0.0',
		keys: oneKey,
		run: (ctx) => zrank(ctx, false),
	},
	{
		name: 'ZREVRANK',
		arity: 3,
		flags: readFast,
		group: 'sorted-set',
		summary: 'Returns the 0-based position of a member, highest score first.',
		syntax: 'key member',
		since: '2.0.0',
		keys: oneKey,
		run: (ctx) => zrank(ctx, true),
	},
];
