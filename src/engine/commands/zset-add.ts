// Mirrors zaddGenericCommand in src/t_zset.c: ZADD with NX|XX, GT|LT, CH and INCR, and ZINCRBY,
// which is ZADD INCR with one pair. Every score is parsed before the key is touched, so a bad
// one leaves the zset as it was.
import type { CommandContext, CommandSpec } from '../command.ts';
import { ERR, NIL, error, integer, type Reply } from '../reply.ts';
import { string2d } from '../strtod.ts';
import {
	ZADD_IN_GT,
	ZADD_IN_INCR,
	ZADD_IN_LT,
	ZADD_IN_NX,
	ZADD_IN_XX,
	ZADD_OUT_ADDED,
	ZADD_OUT_NAN,
	ZADD_OUT_NOP,
	ZADD_OUT_UPDATED,
	isReply,
	openZset,
	scoreReply,
	storeZset,
	zaddNewScore,
	zsetAdd,
} from './zset-type.ts';

const OPTION_FLAGS = new Map([
	['nx', ZADD_IN_NX],
	['xx', ZADD_IN_XX],
	['incr', ZADD_IN_INCR],
	['gt', ZADD_IN_GT],
	['lt', ZADD_IN_LT],
]);

/**
 * added + updated of the last ZADD/ZINCRBY, which is what it adds to server.dirty (0 after an
 * error, as Redis's `goto cleanup` skips the addition). dirty.ts reads it once the command ran.
 */
export let zaddChanges = 0;

function zaddGeneric({ server, db, argv }: CommandContext, flags: number): Reply {
	zaddChanges = 0;
	let scoreidx = 2;
	let ch = false;
	for (; scoreidx < argv.length; scoreidx++) {
		const opt = argv[scoreidx]!.toLowerCase();
		const flag = OPTION_FLAGS.get(opt);
		if (opt === 'ch') ch = true;
		else if (flag !== undefined) flags |= flag;
		else break;
	}
	const incr = (flags & ZADD_IN_INCR) !== 0;
	const nx = (flags & ZADD_IN_NX) !== 0;
	const xx = (flags & ZADD_IN_XX) !== 0;
	const gt = (flags & ZADD_IN_GT) !== 0;
	const lt = (flags & ZADD_IN_LT) !== 0;
	const elements = argv.length - scoreidx;
	if (elements % 2 !== 0 || elements === 0) return error(ERR.syntax);
	if (nx && xx) return error('ERR XX and NX options at the same time are not compatible');
	if ((gt && nx) || (lt && nx) || (gt && lt))
		return error('ERR GT, LT, and/or NX options at the same time are not compatible');
	if (incr && elements > 2)
		return error('ERR INCR option supports a single increment-element pair');
	const scores: number[] = [];
	for (let j = scoreidx; j < argv.length; j += 2) {
		const score = string2d(argv[j]!);
		if (score === null) return error(ERR.notFloat);
		scores.push(score);
	}
	const key = argv[1]!;
	const open = openZset(server, db, key, argv[scoreidx + 1]!);
	if (isReply(open)) return open;
	let added = 0;
	let updated = 0;
	let processed = 0;
	let score = 0;
	let failed = false;
	if (!(open.isNew && xx)) {
		for (let j = 0; j < scores.length; j++) {
			const out = zsetAdd(server, open.obj, scores[j]!, argv[scoreidx + 1 + j * 2]!, flags);
			if (out & ZADD_OUT_NAN) {
				failed = true;
				break;
			}
			if (out & ZADD_OUT_ADDED) added++;
			if (out & ZADD_OUT_UPDATED) updated++;
			if (!(out & ZADD_OUT_NOP)) processed++;
			score = zaddNewScore;
		}
	}
	if (added > 0 || updated > 0) storeZset(server, db, key, open);
	if (failed) return error('ERR resulting score is not a number (NaN)');
	zaddChanges = added + updated;
	if (incr) return processed > 0 ? scoreReply(score) : NIL;
	return integer(ch ? added + updated : added);
}

export const zsetAddCommands: readonly CommandSpec[] = [
	{
		name: 'ZADD',
		arity: -4,
		flags: ['write', 'denyoom', 'fast'],
		group: 'sorted-set',
		summary: 'Adds members with scores to a sorted set, or updates their scores.',
		syntax: 'key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]',
		since: '1.2.0',
		keys: [1, 1, 1],
		run: (ctx) => zaddGeneric(ctx, 0),
	},
	{
		name: 'ZINCRBY',
		arity: 4,
		flags: ['write', 'denyoom', 'fast'],
		group: 'sorted-set',
		summary: "Adds to a member's score (a missing member starts at 0).",
		syntax: 'key increment member',
		since: '1.2.0',
		keys: [1, 1, 1],
		run: (ctx) => zaddGeneric(ctx, ZADD_IN_INCR),
	},
];
