// Mirrors sinterGenericCommand and sunionDiffGenericCommand in src/t_set.c: SMEMBERS (SINTER of one
// key there), SINTER, SINTERCARD, SINTERSTORE, SUNION, SUNIONSTORE, SDIFF and SDIFFSTORE. Results
// are built in a fresh intset as Redis builds them, so a stored result gets Redis's encoding.
import type { CommandContext, CommandSpec } from '../command.ts';
import { dbDelete, setKey } from '../keyspace.ts';
import type { SetObject } from '../object.ts';
import { ERR, ZERO, array, bulks, error, integer, type Reply } from '../reply.ts';
import { parseStrictInt64 } from '../object.ts';
import { isReply, newSet, readSet, setAdd } from './set-lookup.ts';

const EMPTY_SET: Reply = Object.freeze(array([], 'set'));
const LONG_MAX = 9223372036854775807n;

type Lookup = (SetObject | null)[] | Reply;

/** Every key is looked up and type-checked, even after a missing one. */
function lookupAll(ctx: CommandContext, keys: readonly string[]): Lookup {
	const sets: (SetObject | null)[] = [];
	for (const key of keys) {
		const obj = readSet(ctx.server, ctx.db, key);
		if (isReply(obj)) return obj;
		sets.push(obj);
	}
	return sets;
}

const sizeOf = (s: SetObject | null) => s?.value.size ?? 0;

/** setKey for a non-empty result, else the destination is deleted; replies the size. */
function store(ctx: CommandContext, dstkey: string, dst: SetObject): Reply {
	if (dst.value.size > 0) {
		setKey(ctx.server, ctx.db, dstkey, dst);
		return integer(dst.value.size);
	}
	dbDelete(ctx.server, ctx.db, dstkey);
	return ZERO;
}

function sinterGeneric(
	ctx: CommandContext,
	keys: readonly string[],
	dstkey: string | null,
	cardinalityOnly: boolean,
	limit: number,
): Reply {
	const found = lookupAll(ctx, keys);
	if (!Array.isArray(found)) return found;
	if (found.includes(null)) {
		if (dstkey !== null) {
			dbDelete(ctx.server, ctx.db, dstkey);
			return ZERO;
		}
		return cardinalityOnly ? ZERO : EMPTY_SET;
	}
	// qsort by cardinality (glibc's merge sort keeps equal sizes in their given order).
	const sets = (found as SetObject[]).sort((a, b) => a.value.size - b.value.size);
	const first = sets[0]!;
	const dst = dstkey !== null ? newSet(ctx.server, '0') : null;
	const out: string[] = [];
	let cardinality = 0;
	for (const m of first.value.ordered()) {
		let j = 1;
		for (; j < sets.length; j++) {
			if (sets[j] === first) continue;
			if (!sets[j]!.value.has(m)) break;
		}
		if (j < sets.length) continue;
		if (cardinalityOnly) {
			cardinality++;
			if (limit > 0 && cardinality >= limit) break;
		} else if (dst) setAdd(ctx.server, dst, m);
		else out.push(m);
	}
	if (cardinalityOnly) return integer(cardinality);
	if (dst) return store(ctx, dstkey!, dst);
	return bulks(out, 'set');
}

/** The union or difference as a new set (Redis's dstset), before it is replied or stored. */
function unionDiff(sets: (SetObject | null)[], diff: boolean, ctx: CommandContext): SetObject {
	const dst = newSet(ctx.server, '0');
	const head = sets[0];
	if (!diff) {
		for (const s of sets) if (s) for (const m of s.value.ordered()) setAdd(ctx.server, dst, m);
		return dst;
	}
	if (!head) return dst;
	// Algorithm 1 (N × M lookups) unless walking every set (algorithm 2) is cheaper.
	let one = 0;
	let two = 0;
	for (const s of sets) {
		if (s === null) continue;
		one += head.value.size;
		two += s.value.size;
	}
	if (Math.floor(one / 2) <= two) {
		const rest = sets.slice(1).sort((a, b) => sizeOf(b) - sizeOf(a));
		for (const m of head.value.ordered()) {
			let keep = true;
			for (const s of rest) {
				if (!s) continue;
				if (s === head || s.value.has(m)) {
					keep = false;
					break;
				}
			}
			if (keep) setAdd(ctx.server, dst, m);
		}
		return dst;
	}
	for (let j = 0; j < sets.length; j++) {
		const s = sets[j];
		if (!s) continue;
		for (const m of s.value.ordered()) {
			if (j === 0) setAdd(ctx.server, dst, m);
			else dst.value.delete(m);
		}
		if (dst.value.size === 0) break;
	}
	return dst;
}

/** The whole of one set as SUNION replies it (SPOP with a count covering the set uses it too). */
export function unionReply(ctx: CommandContext, obj: SetObject): Reply {
	return bulks(unionDiff([obj], false, ctx).value.ordered(), 'set');
}

function sunionDiffGeneric(
	ctx: CommandContext,
	keys: readonly string[],
	dstkey: string | null,
	diff: boolean,
): Reply {
	const sets = lookupAll(ctx, keys);
	if (!Array.isArray(sets)) return sets;
	const dst = unionDiff(sets, diff, ctx);
	if (dstkey === null) return bulks(dst.value.ordered(), 'set');
	return store(ctx, dstkey, dst);
}

/** SINTERCARD numkeys key [key ...] [LIMIT limit]. */
function sintercard(ctx: CommandContext): Reply {
	const { argv } = ctx;
	const n = parseStrictInt64(argv[1]!);
	if (n === null || n < 1n || n > LONG_MAX) return error('ERR numkeys should be greater than 0');
	if (n > BigInt(argv.length - 2))
		return error("ERR Number of keys can't be greater than number of args");
	const numkeys = Number(n);
	let limit = 0;
	for (let j = 2 + numkeys; j < argv.length; j++) {
		if (argv[j]!.toLowerCase() === 'limit' && j < argv.length - 1) {
			const l = parseStrictInt64(argv[++j]!);
			if (l === null || l < 0n) return error("ERR LIMIT can't be negative");
			limit = l > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(l);
		} else return error(ERR.syntax);
	}
	return sinterGeneric(ctx, argv.slice(2, 2 + numkeys), null, true, limit);
}

const spec = (
	name: string,
	arity: number,
	store: boolean,
	summary: string,
	syntax: string,
	since: string,
	run: (ctx: CommandContext) => Reply,
): CommandSpec => ({
	name,
	arity,
	flags: store ? ['write', 'denyoom'] : ['readonly'],
	group: 'set',
	summary,
	syntax,
	since,
	keys: [1, -1, 1],
	run,
});

const rest = (ctx: CommandContext, from: number) => ctx.argv.slice(from);

export const setOpCommands: readonly CommandSpec[] = [
	{
		...spec('SMEMBERS', 2, false, 'Returns every member of a set.', 'key', '1.0.0', (ctx) =>
			sinterGeneric(ctx, rest(ctx, 1), null, false, 0),
		),
		keys: [1, 1, 1],
	},
	spec(
		'SINTER',
		-2,
		false,
		'Returns the members present in every given set.',
		'key [key ...]',
		'1.0.0',
		(ctx) => sinterGeneric(ctx, rest(ctx, 1), null, false, 0),
	),
	{
		...spec(
			'SINTERCARD',
			-3,
			false,
			'Counts the members of the intersection, stopping at LIMIT if given.',
			'numkeys key [key ...] [LIMIT limit]',
			'7.0.0',
			sintercard,
		),
		flags: ['readonly', 'movablekeys'],
		keys: [0, 0, 0],
	},
	spec(
		'SINTERSTORE',
		-3,
		true,
		'Stores the intersection of sets under a key; replies its size.',
		'destination key [key ...]',
		'1.0.0',
		(ctx) => sinterGeneric(ctx, rest(ctx, 2), ctx.argv[1]!, false, 0),
	),
	spec(
		'SUNION',
		-2,
		false,
		'Returns the members of all the given sets.',
		'key [key ...]',
		'1.0.0',
		(ctx) => sunionDiffGeneric(ctx, rest(ctx, 1), null, false),
	),
	spec(
		'SUNIONSTORE',
		-3,
		true,
		'Stores the union of sets under a key; replies its size.',
		'destination key [key ...]',
		'1.0.0',
		(ctx) => sunionDiffGeneric(ctx, rest(ctx, 2), ctx.argv[1]!, false),
	),
	spec(
		'SDIFF',
		-2,
		false,
		'Returns the members of the first set that are in none of the others.',
		'key [key ...]',
		'1.0.0',
		(ctx) => sunionDiffGeneric(ctx, rest(ctx, 1), null, true),
	),
	spec(
		'SDIFFSTORE',
		-3,
		true,
		'Stores the difference of the first set and the others under a key; replies its size.',
		'destination key [key ...]',
		'1.0.0',
		(ctx) => sunionDiffGeneric(ctx, rest(ctx, 2), ctx.argv[1]!, true),
	),
];
