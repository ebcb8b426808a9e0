// Mirrors zrangeGenericCommand in src/t_zset.c: one parser and three walks (by rank, score, lex)
// behind ZRANGE, ZRANGESTORE, ZREVRANGE, Z[REV]RANGEBYSCORE and Z[REV]RANGEBYLEX; the result is
// either replied or stored, as its zrange_result_handler does.
import type { CommandContext, CommandSpec } from '../command.ts';
import { optionIs, optionName } from './option-match.ts';
import { zsetAdd } from './zset-add.ts';
import { dbDelete, setKey } from '../keyspace.ts';
import { parseLong, type ZsetObject } from '../object.ts';
import { EMPTY_ARRAY, ERR, ZERO, error, integer, type Reply } from '../reply.ts';
import type { LexRange, ScoreRange, ZNode } from '../zset-order.ts';
import {
	MIN_OR_MAX_NOT_FLOAT,
	MIN_OR_MAX_NOT_LEX,
	convertToSkiplist,
	isReply,
	lexRanks,
	newZset,
	parseLexRange,
	parseScoreRange,
	readZset,
} from './zset-type.ts';

const WITHSCORES = optionName('withscores');
const LIMIT = optionName('limit');
const REV = optionName('rev');
const BYLEX = optionName('bylex');
const BYSCORE = optionName('byscore');

type RangeType = 'auto' | 'rank' | 'score' | 'lex';
type Direction = 'auto' | 'forward' | 'reverse';

/** The walks below collect nodes; this turns them into the reply, scores interleaved if asked. */
export function nodesReply(nodes: readonly ZNode[], withScores: boolean): Reply {
	if (nodes.length === 0) return EMPTY_ARRAY;
	const out: Reply[] = new Array<Reply>(withScores ? nodes.length * 2 : nodes.length);
	let i = 0;
	for (const n of nodes) {
		out[i++] = n.eleReply;
		if (withScores) out[i++] = n.scoreReply;
	}
	return { type: 'array', value: out };
}

/**
 * genericZrangebyrankCommand's index arithmetic: where the walk starts (a rank, counted from the
 * top when reversed) and how many it takes, 0 when the range is empty.
 */
function rankWindow(llen: number, start: number, end: number, reverse: boolean): [number, number] {
	if (start < 0) start = llen + start;
	if (end < 0) end = llen + end;
	if (start < 0) start = 0;
	if (start > end || start >= llen) return [0, 0];
	if (end >= llen) end = llen - 1;
	return [reverse ? llen - 1 - start : start, end - start + 1];
}

function byRank(obj: ZsetObject, start: number, end: number, reverse: boolean): ZNode[] {
	const [from, count] = rankWindow(obj.value.size, start, end, reverse);
	return obj.value.zsl.slice(from, count, reverse);
}

/**
 * The score and lex walks over the ranks [first, last] of a range: from its first (or, reversed,
 * last) member, skip `offset`, then take up to `limit` (negative = all). A negative offset walks
 * off the end in Redis, so it finds nothing.
 */
function inRange(
	obj: ZsetObject,
	[first, last]: [number, number],
	offset: number,
	limit: number,
	reverse: boolean,
): ZNode[] {
	if (offset < 0) return [];
	const inside = last - first + 1 - offset;
	if (inside <= 0 || limit === 0) return [];
	const count = limit < 0 ? inside : Math.min(limit, inside);
	return obj.value.zsl.slice(reverse ? last - offset : first + offset, count, reverse);
}

/** Where a ZRANGE-family command reads its arguments and whether it stores its result. */
interface RangeCall {
	readonly argcStart: number;
	readonly store: boolean;
	readonly rangetype: RangeType;
	readonly direction: Direction;
}

export function zrangeGeneric({ server, db, argv }: CommandContext, call: RangeCall): Reply {
	const key = argv[call.argcStart]!;
	let minidx = call.argcStart + 1;
	let maxidx = call.argcStart + 2;
	let { rangetype, direction } = call;
	let withScores = false;
	let offset = 0;
	let limit = -1;
	for (let j = call.argcStart + 3; j < argv.length; j++) {
		const opt = argv[j]!;
		const left = argv.length - j - 1;
		if (!call.store && optionIs(opt, WITHSCORES)) withScores = true;
		else if (optionIs(opt, LIMIT) && left >= 2) {
			const o = parseLong(argv[j + 1]!);
			if (o === null) return error(ERR.notInteger);
			const l = parseLong(argv[j + 2]!);
			if (l === null) return error(ERR.notInteger);
			offset = o;
			limit = l;
			j += 2;
		} else if (direction === 'auto' && optionIs(opt, REV)) direction = 'reverse';
		else if (rangetype === 'auto' && optionIs(opt, BYLEX)) rangetype = 'lex';
		else if (rangetype === 'auto' && optionIs(opt, BYSCORE)) rangetype = 'score';
		else return error(ERR.syntax);
	}
	if (direction === 'auto') direction = 'forward';
	if (rangetype === 'auto') rangetype = 'rank';
	if (limit !== -1 && rangetype === 'rank')
		return error(
			'ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX',
		);
	if (withScores && rangetype === 'lex')
		return error('ERR syntax error, WITHSCORES not supported in combination with BYLEX');
	const reverse = direction === 'reverse';
	if (reverse && rangetype !== 'rank') [minidx, maxidx] = [maxidx, minidx];

	// Parsed before the lookup (a bad range is an error even for a missing key), used after it.
	let start = 0;
	let end = 0;
	let scores: ScoreRange | null = null;
	let lex: LexRange | null = null;
	if (rangetype === 'rank') {
		const s = parseLong(argv[minidx]!);
		if (s === null) return error(ERR.notInteger);
		const e = parseLong(argv[maxidx]!);
		if (e === null) return error(ERR.notInteger);
		start = s;
		end = e;
	} else if (rangetype === 'score') {
		scores = parseScoreRange(argv[minidx]!, argv[maxidx]!);
		if (scores === null) return error(MIN_OR_MAX_NOT_FLOAT);
	} else {
		lex = parseLexRange(argv[minidx]!, argv[maxidx]!);
		if (lex === null) return error(MIN_OR_MAX_NOT_LEX);
	}

	const obj = readZset(server, db, key);
	if (isReply(obj)) return obj;
	// The commonest read (a leaderboard's top N) builds its reply without a list of nodes first.
	if (rangetype === 'rank' && !call.store) {
		if (obj === null) return EMPTY_ARRAY;
		const [from, count] = rankWindow(obj.value.size, start, end, reverse);
		if (count === 0) return EMPTY_ARRAY;
		return { type: 'array', value: obj.value.zsl.replies(from, count, reverse, withScores) };
	}
	let nodes: ZNode[] = [];
	if (obj !== null) {
		if (scores !== null)
			nodes = inRange(obj, obj.value.zsl.scoreRanks(scores), offset, limit, reverse);
		else if (lex !== null)
			nodes = inRange(obj, lexRanks(obj, lex, reverse), offset, limit, reverse);
		else nodes = byRank(obj, start, end, reverse);
	}
	if (!call.store) return obj === null ? EMPTY_ARRAY : nodesReply(nodes, withScores);
	// zrangeResultBeginStore sizes the destination by the rank range's length; a score or lex
	// range has no length up front, so its destination starts as a listpack.
	return storeNodes({ server, db }, argv[1]!, nodes, rangetype === 'rank' ? nodes.length : 0);
}

/**
 * zrangeResultBeginStore and zrangeResultFinalizeStore: the destination is made for `sizeHint`
 * members (zsetTypeCreate: a skiplist from the start when that many would not fit a listpack, so
 * a -0 score stays -0, where a listpack turns it into 0); a non-empty result replaces the
 * destination (any type, TTL dropped), an empty one deletes it. Replies how many were stored.
 */
export function storeNodes(
	{ server, db }: Pick<CommandContext, 'server' | 'db'>,
	dstkey: string,
	nodes: readonly ZNode[],
	sizeHint: number,
): Reply {
	if (nodes.length === 0) {
		dbDelete(server, db, dstkey);
		return ZERO;
	}
	const dst = newZset(server, 0);
	if (sizeHint > server.config['zset-max-listpack-entries']) {
		convertToSkiplist(dst);
		dst.value.expandDict(sizeHint);
	}
	// zrangeResultFinalizeStore converts nothing back: what zsetAdd made a skiplist stays one.
	for (const n of nodes) zsetAdd(server, dst, n.score, n.ele, 0);
	setKey(server, db, dstkey, dst);
	return integer(nodes.length);
}

const oneKey = [1, 1, 1] as const;
const ro = ['readonly'] as const;

function rangeSpec(
	name: string,
	syntax: string,
	summary: string,
	since: string,
	call: Omit<RangeCall, 'argcStart' | 'store'>,
): CommandSpec {
	const range: RangeCall = { argcStart: 1, store: false, ...call };
	return {
		name,
		arity: -4,
		flags: ro,
		group: 'sorted-set',
		summary,
		syntax,
		since,
		keys: oneKey,
		run: (ctx) => zrangeGeneric(ctx, range),
	};
}

export const zsetRangeCommands: readonly CommandSpec[] = [
	rangeSpec(
		'ZRANGE',
		'key start stop [BYSCORE|BYLEX] [REV] [LIMIT offset count] [WITHSCORES]',
		'Returns members by rank, score or name range, in either order.',
		'1.2.0',
		{ rangetype: 'auto', direction: 'auto' },
	),
	rangeSpec(
		'ZREVRANGE',
		'key start stop [WITHSCORES]',
		'Returns members by rank, highest score first.',
		'1.2.0',
		{ rangetype: 'rank', direction: 'reverse' },
	),
	rangeSpec(
		'ZRANGEBYSCORE',
		'key min max [WITHSCORES] [LIMIT offset count]',
		'Returns the members whose score is within a range, lowest first.',
		'1.0.5',
		{ rangetype: 'score', direction: 'forward' },
	),
	rangeSpec(
		'ZREVRANGEBYSCORE',
		'key max min [WITHSCORES] [LIMIT offset count]',
		'Returns the members whose score is within a range, highest first.',
		'2.2.0',
		{ rangetype: 'score', direction: 'reverse' },
	),
	rangeSpec(
		'ZRANGEBYLEX',
		'key min max [LIMIT offset count]',
		'Returns the members between two names (all scores being equal), in order.',
		'2.8.9',
		{ rangetype: 'lex', direction: 'forward' },
	),
	rangeSpec(
		'ZREVRANGEBYLEX',
		'key max min [LIMIT offset count]',
		'Returns the members between two names (all scores being equal), in reverse.',
		'2.8.9',
		{ rangetype: 'lex', direction: 'reverse' },
	),
	{
		name: 'ZRANGESTORE',
		arity: -5,
		flags: ['write', 'denyoom'],
		group: 'sorted-set',
		summary: 'Stores a range of a sorted set (as ZRANGE selects it) under another key.',
		syntax: 'dst src min max [BYSCORE|BYLEX] [REV] [LIMIT offset count]',
		since: '6.2.0',
		keys: [1, 2, 1],
		run: (ctx) =>
			zrangeGeneric(ctx, { argcStart: 2, store: true, rangetype: 'auto', direction: 'auto' }),
	},
];
