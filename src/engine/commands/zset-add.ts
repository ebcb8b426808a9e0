// Mirrors zsetAdd and zaddGenericCommand in src/t_zset.c: ZADD with NX|XX, GT|LT, CH and INCR,
// and ZINCRBY, which is ZADD INCR with one pair. Every score is parsed before the key is touched,
// so a bad one leaves the zset as it was.
import { zaddResult } from '../dirty.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { ERR, NIL, error, integer, type Reply } from '../reply.ts';
import { string2d } from '../strtod.ts';
import type { Server } from '../server.ts';
import type { ZsetObject } from '../object.ts';
import { dbAdd, valueChanged } from '../keyspace.ts';
import { convertToSkiplist, isReply, newZset, scoreReply, writeZset } from './zset-type.ts';

export const ZADD_IN_INCR = 1;
export const ZADD_IN_NX = 2;
export const ZADD_IN_XX = 4;
export const ZADD_IN_GT = 8;
export const ZADD_IN_LT = 16;

export const ZADD_OUT_NOP = 1;
export const ZADD_OUT_NAN = 2;
export const ZADD_OUT_ADDED = 4;
export const ZADD_OUT_UPDATED = 8;

/** The score the member ended with after the last zsetAdd (Redis's `newscore` out-parameter). */
export let zaddNewScore = 0;

/**
 * zsetAdd: adds or updates one member under the NX/XX/GT/LT/INCR flags. A listpack turns into a
 * skiplist before an insert that would make it too long or that brings too long a member.
 */
export function zsetAdd(
	server: Server,
	obj: ZsetObject,
	score: number,
	member: string,
	flags: number,
): number {
	zaddNewScore = score;
	if (Number.isNaN(score)) return ZADD_OUT_NAN;
	const z = obj.value;
	const node = z.find(member);
	if (node !== undefined) {
		if (flags & ZADD_IN_NX) return ZADD_OUT_NOP;
		const cur = node.score;
		if (flags & ZADD_IN_INCR) {
			score += cur;
			zaddNewScore = score;
			if (Number.isNaN(score)) return ZADD_OUT_NAN;
		}
		if ((flags & ZADD_IN_LT && score >= cur) || (flags & ZADD_IN_GT && score <= cur))
			return ZADD_OUT_NOP;
		if (score !== cur) {
			z.update(node, obj.encoding === 'listpack' && score === 0 ? 0 : score, server.rng);
			return ZADD_OUT_UPDATED;
		}
		return 0;
	}
	if (flags & ZADD_IN_XX) return ZADD_OUT_NOP;
	if (
		obj.encoding === 'listpack' &&
		(z.size + 1 > server.config['zset-max-listpack-entries'] ||
			member.length > server.config['zset-max-listpack-value'])
	)
		convertToSkiplist(obj);
	z.insert(member, obj.encoding === 'listpack' && score === 0 ? 0 : score, server.rng);
	return ZADD_OUT_ADDED;
}

const OPTION_FLAGS = new Map([
	['nx', ZADD_IN_NX],
	['xx', ZADD_IN_XX],
	['incr', ZADD_IN_INCR],
	['gt', ZADD_IN_GT],
	['lt', ZADD_IN_LT],
]);

/** Whether a lower-cased first letter can start an option: n, x, i, g, l or c (for CH). */
function isOptionInitial(c: number): boolean {
	return c === 110 || c === 120 || c === 105 || c === 103 || c === 108 || c === 99;
}

function zaddGeneric({ server, db, argv }: CommandContext, flags: number): Reply {
	zaddResult.changes = 0;
	let scoreidx = 2;
	let ch = false;
	for (; scoreidx < argv.length; scoreidx++) {
		// A score (a digit, a sign, a dot) ends the options without building a lower-case copy.
		if (!isOptionInitial(argv[scoreidx]!.charCodeAt(0) | 0x20)) break;
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
	// One pair is the common case: its score needs no array.
	const first = string2d(argv[scoreidx]!);
	if (first === null) return error(ERR.notFloat);
	let scores: number[] | null = null;
	if (elements > 2) {
		scores = [first];
		for (let j = scoreidx + 2; j < argv.length; j += 2) {
			const s = string2d(argv[j]!);
			if (s === null) return error(ERR.notFloat);
			scores.push(s);
		}
	}
	const key = argv[1]!;
	// zaddGenericCommand's lookup-or-create. Redis adds a new zset at once; here it is added after
	// the pairs, and only when one of them went in (an XX or a NaN can leave it empty).
	const found = writeZset(server, db, key);
	if (isReply(found)) return found;
	const isNew = found === null;
	const obj = found ?? newZset(server, argv[scoreidx + 1]!.length);
	let added = 0;
	let updated = 0;
	let processed = 0;
	let score = 0;
	let failed = false;
	if (!(isNew && xx)) {
		const pairs = elements >> 1;
		for (let j = 0; j < pairs; j++) {
			const s = scores === null ? first : scores[j]!;
			const out = zsetAdd(server, obj, s, argv[scoreidx + 1 + j * 2]!, flags);
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
	if (added > 0 || updated > 0) {
		if (!isNew) valueChanged(server, db, key, obj);
		else if (obj.value.size > 0) dbAdd(server, db, key, obj);
	}
	if (failed) return error('ERR resulting score is not a number (NaN)');
	zaddResult.changes = added + updated;
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
