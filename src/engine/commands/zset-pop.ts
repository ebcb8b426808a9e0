// Mirrors genericZpopCommand, zpopMinMaxCommand and zmpopGenericCommand in src/t_zset.c: one pop
// routine behind ZPOPMIN, ZPOPMAX and ZMPOP (and the blocking variants, which call it once a key
// has members).
import type { CommandContext, CommandSpec } from '../command.ts';
import { dbDelete, lookupKeyWrite, valueChanged, type Db } from '../keyspace.ts';
import { parseLong, type ZsetObject } from '../object.ts';
import { EMPTY_ARRAY, ERR, NIL_ARRAY, array, bulk, error, type Reply } from '../reply.ts';
import type { Server } from '../server.ts';
import type { ZNode } from '../zset-order.ts';
import { numkeysIndexes } from './zset-setops.ts';
import { WRONGTYPE } from './check-type.ts';
import { scoreReply } from './zset-type.ts';

export type ZpopWhere = 'min' | 'max';

/** How the popped members are framed, as the four cases in genericZpopCommand. */
export interface ZpopShape {
	/** Name the key first (BZPOPMIN/BZPOPMAX and the ZMPOP family). */
	readonly emitKey: boolean;
	/** [member, score] pairs instead of a flat list (the ZMPOP family). */
	readonly nested: boolean;
	/** A null array rather than an empty one when no key has members (the ZMPOP family). */
	readonly nilWhenEmpty: boolean;
}

export interface ZpopResult {
	readonly reply: Reply;
	/** The key popped from, or null when none was (no candidate, count 0 or WRONGTYPE). */
	readonly key: string | null;
	/** Whether the pop emptied, and so deleted, the key. */
	readonly deleted: boolean;
}

/**
 * genericZpopCommand: the first of `keys` that exists is the candidate (a key of another type
 * stops the search with WRONGTYPE); up to `count` members come off its `where` end. `count` -1
 * is a plain single pop.
 */
export function genericZpop(
	server: Server,
	db: Db,
	keys: readonly string[],
	where: ZpopWhere,
	count: number,
	shape: ZpopShape,
): ZpopResult {
	let key: string | null = null;
	let zobj: ZsetObject | null = null;
	for (const k of keys) {
		const obj = lookupKeyWrite(server, db, k);
		if (obj === null) continue;
		if (obj.type !== 'zset') return { reply: WRONGTYPE, key: null, deleted: false };
		key = k;
		zobj = obj;
		break;
	}
	if (zobj === null || key === null)
		return { reply: shape.nilWhenEmpty ? NIL_ARRAY : EMPTY_ARRAY, key: null, deleted: false };
	if (count === 0) return { reply: EMPTY_ARRAY, key: null, deleted: false };
	if (count === -1) count = 1;
	const z = zobj.value;
	const rangelen = Math.min(count, z.size);
	const items: Reply[] = [];
	for (let i = 0; i < rangelen; i++) {
		const node: ZNode = where === 'min' ? z.zsl.first()! : z.zsl.last()!;
		const { ele, score } = node;
		z.deleteNode(node);
		z.shrink();
		if (shape.nested) items.push(array([bulk(ele), scoreReply(score)]));
		else items.push(bulk(ele), scoreReply(score));
	}
	const deleted = z.size === 0;
	if (deleted) dbDelete(server, db, key);
	else valueChanged(server, db, key, zobj);
	let reply: Reply;
	if (shape.emitKey && shape.nested) reply = array([bulk(key), array(items)]);
	else if (shape.emitKey) reply = array([bulk(key), ...items]);
	else reply = array(items);
	return { reply, key, deleted };
}

const FLAT: ZpopShape = { emitKey: false, nested: false, nilWhenEmpty: false };
export const ZMPOP_SHAPE: ZpopShape = { emitKey: true, nested: true, nilWhenEmpty: true };

function zpopMinMax({ server, db, argv }: CommandContext, where: ZpopWhere): Reply {
	if (argv.length > 3) return error(ERR.syntax);
	let count = -1;
	if (argv.length === 3) {
		// getPositiveLongFromObjectOrReply: one message for "not a number" and "negative".
		const n = parseLong(argv[2]!);
		if (n === null || n < 0) return error('ERR value is out of range, must be positive');
		count = n;
	}
	return genericZpop(server, db, [argv[1]!], where, count, FLAT).reply;
}

/** zmpopGenericCommand's parsing: numkeys, the keys, MIN|MAX, then COUNT at most once. */
export interface ZmpopArgs {
	readonly keys: readonly string[];
	readonly where: ZpopWhere;
	readonly count: number;
}

export function parseZmpop(argv: readonly string[], numkeysIdx: number): ZmpopArgs | Reply {
	// getRangeLongFromObjectOrReply with a message uses it for a non-number too.
	const numkeys = parseLong(argv[numkeysIdx]!);
	if (numkeys === null || numkeys < 1) return error('ERR numkeys should be greater than 0');
	const whereIdx = numkeysIdx + numkeys + 1;
	if (whereIdx >= argv.length) return error(ERR.syntax);
	const w = argv[whereIdx]!.toLowerCase();
	if (w !== 'min' && w !== 'max') return error(ERR.syntax);
	let count = -1;
	for (let j = whereIdx + 1; j < argv.length; j++) {
		const more = argv.length - 1 - j;
		if (count === -1 && argv[j]!.toLowerCase() === 'count' && more > 0) {
			const n = parseLong(argv[++j]!);
			if (n === null || n < 1) return error('ERR count should be greater than 0');
			count = n;
		} else return error(ERR.syntax);
	}
	return {
		keys: argv.slice(numkeysIdx + 1, whereIdx),
		where: w,
		count: count === -1 ? 1 : count,
	};
}

export const isZmpopArgs = (x: ZmpopArgs | Reply): x is ZmpopArgs => 'keys' in x;

function zmpop({ server, db, argv }: CommandContext): Reply {
	const args = parseZmpop(argv, 1);
	if (!isZmpopArgs(args)) return args;
	return genericZpop(server, db, args.keys, args.where, args.count, ZMPOP_SHAPE).reply;
}

export const zsetPopCommands: readonly CommandSpec[] = [
	{
		name: 'ZPOPMIN',
		arity: -2,
		flags: ['write', 'fast'],
		group: 'sorted-set',
		summary: 'Removes and returns the members with the lowest scores.',
		syntax: 'key [count]',
		since: '5.0.0',
		keys: [1, 1, 1],
		run: (ctx) => zpopMinMax(ctx, 'min'),
	},
	{
		name: 'ZPOPMAX',
		arity: -2,
		flags: ['write', 'fast'],
		group: 'sorted-set',
		summary: 'Removes and returns the members with the highest scores.',
		syntax: 'key [count]',
		since: '5.0.0',
		keys: [1, 1, 1],
		run: (ctx) => zpopMinMax(ctx, 'max'),
	},
	{
		name: 'ZMPOP',
		arity: -4,
		flags: ['write', 'movablekeys'],
		group: 'sorted-set',
		summary: 'Pops members from the first non-empty sorted set among several keys.',
		syntax: 'numkeys key [key ...] <MIN|MAX> [COUNT count]',
		since: '7.0.0',
		getKeys: (argv) => numkeysIndexes(argv, 1),
		run: zmpop,
	},
];
