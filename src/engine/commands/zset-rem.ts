// Mirrors zremCommand and zremrangeGenericCommand in src/t_zset.c: ZREM, ZREMRANGEBYRANK,
// ZREMRANGEBYSCORE and ZREMRANGEBYLEX. The range is parsed before the key is looked up; the key
// goes when its last member does.
import type { CommandContext, CommandSpec } from '../command.ts';
import { parseLong, type ZsetObject } from '../object.ts';
import { ERR, ZERO, error, integer, type Reply } from '../reply.ts';
import type { ZNode } from '../zset-order.ts';
import {
	MIN_OR_MAX_NOT_FLOAT,
	MIN_OR_MAX_NOT_LEX,
	afterRemoval,
	isReply,
	lexRanks,
	parseLexRange,
	parseScoreRange,
	writeZset,
} from './zset-type.ts';

function zrem({ server, db, argv }: CommandContext): Reply {
	const key = argv[1]!;
	const obj = writeZset(server, db, key);
	if (obj === null) return ZERO;
	if (isReply(obj)) return obj;
	let deleted = 0;
	for (let j = 2; j < argv.length; j++) {
		if (obj.value.delete(argv[j]!)) deleted++;
		if (obj.value.size === 0) break;
	}
	if (deleted > 0) afterRemoval(server, db, key, obj);
	return integer(deleted);
}

/** The nodes of ranks [first, last]. */
const between = (obj: ZsetObject, [first, last]: [number, number]) =>
	last < first ? [] : obj.value.zsl.slice(first, last - first + 1);

type Select = (obj: ZsetObject) => ZNode[];

function zremrange({ server, db, argv }: CommandContext, by: 'rank' | 'score' | 'lex'): Reply {
	let select: Select;
	if (by === 'rank') {
		const start = parseLong(argv[2]!);
		if (start === null) return error(ERR.notInteger);
		const end = parseLong(argv[3]!);
		if (end === null) return error(ERR.notInteger);
		select = (obj) => {
			const llen = obj.value.size;
			let s = start < 0 ? llen + start : start;
			let e = end < 0 ? llen + end : end;
			if (s < 0) s = 0;
			if (s > e || s >= llen) return [];
			if (e >= llen) e = llen - 1;
			return between(obj, [s, e]);
		};
	} else if (by === 'score') {
		const range = parseScoreRange(argv[2]!, argv[3]!);
		if (range === null) return error(MIN_OR_MAX_NOT_FLOAT);
		select = (obj) => between(obj, obj.value.zsl.scoreRanks(range));
	} else {
		const range = parseLexRange(argv[2]!, argv[3]!);
		if (range === null) return error(MIN_OR_MAX_NOT_LEX);
		select = (obj) => between(obj, lexRanks(obj, range));
	}
	const key = argv[1]!;
	const obj = writeZset(server, db, key);
	if (obj === null) return ZERO;
	if (isReply(obj)) return obj;
	const nodes = select(obj);
	if (nodes.length === 0) return ZERO;
	for (const n of nodes) obj.value.deleteNode(n);
	obj.value.shrink();
	afterRemoval(server, db, key, obj);
	return integer(nodes.length);
}

const oneKey = [1, 1, 1] as const;

export const zsetRemCommands: readonly CommandSpec[] = [
	{
		name: 'ZREM',
		arity: -3,
		flags: ['write', 'fast'],
		group: 'sorted-set',
		summary: 'Removes members from a sorted set; the key goes when its last member does.',
		syntax: 'key member [member ...]',
		since: '1.2.0',
		keys: oneKey,
		run: zrem,
	},
	{
		name: 'ZREMRANGEBYRANK',
		arity: 4,
		flags: ['write'],
		group: 'sorted-set',
		summary: 'Removes the members within a range of ranks.',
		syntax: 'key start stop',
		since: '2.0.0',
		keys: oneKey,
		run: (ctx) => zremrange(ctx, 'rank'),
	},
	{
		name: 'ZREMRANGEBYSCORE',
		arity: 4,
		flags: ['write'],
		group: 'sorted-set',
		summary: 'Removes the members whose score is within a range.',
		syntax: 'key min max',
		since: '1.2.0',
		keys: oneKey,
		run: (ctx) => zremrange(ctx, 'score'),
	},
	{
		name: 'ZREMRANGEBYLEX',
		arity: 4,
		flags: ['write'],
		group: 'sorted-set',
		summary: 'Removes the members between two names (all scores being equal).',
		syntax: 'key min max',
		since: '2.8.9',
		keys: oneKey,
		run: (ctx) => zremrange(ctx, 'lex'),
	},
];
