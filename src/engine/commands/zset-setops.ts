// Mirrors zunionInterDiffGenericCommand in src/t_zset.c: ZUNION, ZINTER, ZDIFF, their STORE forms
// and ZINTERCARD. Inputs are taken smallest first (as Redis sorts them) so floating-point sums add
// up in the same order; a plain set counts as a sorted set whose members all score 1 (zsetopsrc);
// the result is a new zset, replied or stored.
import type { CommandContext, CommandSpec } from '../command.ts';
import { dbDelete, lookupKeyRead, setKey } from '../keyspace.ts';
import { ERR, ZERO, error, integer, type Reply } from '../reply.ts';
import type { SetMembers } from '../set-members.ts';
import type { ZSet } from '../zset.ts';
import { string2d } from '../strtod.ts';
import { nodesReply } from './zset-range.ts';
import { WRONGTYPE } from './check-type.ts';
import { convertToListpackIfFits, convertToSkiplist, newZset } from './zset-type.ts';
import { parseLong } from '../object.ts';

type SetOp = 'union' | 'inter' | 'diff';
type Aggregate = 'sum' | 'min' | 'max';

/** zsetopsrc: one input, whatever its type, as members with scores. */
interface Source {
	/** The input's value (the same-key check of ZINTER), null for a missing key. */
	readonly subject: ZSet | SetMembers | null;
	readonly size: number;
	entries(): Iterable<readonly [string, number]>;
	score(member: string): number | undefined;
	weight: number;
}

function zsetSource(z: ZSet): Source {
	return {
		subject: z,
		size: z.size,
		*entries() {
			for (const n of z.nodes()) yield [n.ele, n.score] as const;
		},
		score: (member) => z.find(member)?.score,
		weight: 1,
	};
}

function setSource(members: SetMembers): Source {
	return {
		subject: members,
		size: members.size,
		*entries() {
			for (const m of members.ordered()) yield [m, 1] as const;
		},
		score: (member) => (members.has(member) ? 1 : undefined),
		weight: 1,
	};
}

const MISSING_SOURCE: Omit<Source, 'weight'> = {
	subject: null,
	size: 0,
	entries: () => [],
	score: () => undefined,
};

const sizeOf = (s: Source) => s.size;

/** zunionInterAggregate: a sum of +inf and -inf is 0, not NaN. */
function aggregate(target: number, val: number, how: Aggregate): number {
	if (how === 'sum') {
		const r = target + val;
		return Number.isNaN(r) ? 0 : r;
	}
	if (how === 'min') return val < target ? val : target;
	return val > target ? val : target;
}

/** weight × score, where NaN (0 × inf) counts as 0. */
function weighted(weight: number, score: number): number {
	const v = weight * score;
	return Number.isNaN(v) ? 0 : v;
}

/** The members and scores of the result, in the order Redis would insert them. */
function compute(op: SetOp, srcs: Source[], how: Aggregate, limit: number): Map<string, number> {
	const out = new Map<string, number>();
	if (op === 'inter') {
		const first = srcs[0]!;
		if (sizeOf(first) === 0) return out;
		for (const [ele, value] of first.entries()) {
			let score = weighted(first.weight, value);
			let j = 1;
			for (; j < srcs.length; j++) {
				const other = srcs[j]!;
				const found = other.subject === first.subject ? value : other.score(ele);
				if (found === undefined) break;
				score = aggregate(score, found * other.weight, how);
			}
			if (j === srcs.length) {
				out.set(ele, score);
				if (limit > 0 && out.size >= limit) break;
			}
		}
	} else if (op === 'union') {
		for (const src of srcs) {
			if (sizeOf(src) === 0) continue;
			for (const [ele, value] of src.entries()) {
				const score = weighted(src.weight, value);
				const seen = out.get(ele);
				out.set(ele, seen === undefined ? score : aggregate(seen, score, how));
			}
		}
	} else {
		const first = srcs[0]!;
		if (sizeOf(first) === 0) return out;
		for (const [ele, value] of first.entries()) {
			if (srcs.slice(1).every((s) => s.score(ele) === undefined)) out.set(ele, value);
		}
	}
	return out;
}

interface OpCall {
	readonly op: SetOp;
	readonly numkeysIndex: number;
	/** ZUNIONSTORE and friends name their destination at argv[1]. */
	readonly store: boolean;
	readonly cardinalityOnly: boolean;
}

function zsetOp({ server, db, argv }: CommandContext, call: OpCall): Reply {
	const { op, numkeysIndex, store, cardinalityOnly } = call;
	const setnum = parseLong(argv[numkeysIndex]!);
	if (setnum === null) return error(ERR.notInteger);
	if (setnum < 1)
		return error(`ERR at least 1 input key is needed for '${argv[0]!.toLowerCase()}' command`);
	if (setnum > argv.length - (numkeysIndex + 1)) return error(ERR.syntax);
	const srcs: Source[] = [];
	let j = numkeysIndex + 1;
	for (let i = 0; i < setnum; i++, j++) {
		const obj = lookupKeyRead(server, db, argv[j]!);
		if (obj === null) srcs.push({ ...MISSING_SOURCE, weight: 1 });
		else if (obj.type === 'zset') srcs.push(zsetSource(obj.value));
		else if (obj.type === 'set') srcs.push(setSource(obj.value));
		else return WRONGTYPE;
	}
	let how: Aggregate = 'sum';
	let withScores = false;
	let limit = 0;
	while (j < argv.length) {
		const remaining = argv.length - j;
		const opt = argv[j]!.toLowerCase();
		if (op !== 'diff' && !cardinalityOnly && remaining >= setnum + 1 && opt === 'weights') {
			j++;
			for (const src of srcs) {
				const w = string2d(argv[j++]!);
				if (w === null) return error('ERR weight value is not a float');
				src.weight = w;
			}
		} else if (op !== 'diff' && !cardinalityOnly && remaining >= 2 && opt === 'aggregate') {
			const a = argv[j + 1]!.toLowerCase();
			if (a !== 'sum' && a !== 'min' && a !== 'max') return error(ERR.syntax);
			how = a;
			j += 2;
		} else if (!store && !cardinalityOnly && opt === 'withscores') {
			withScores = true;
			j++;
		} else if (cardinalityOnly && remaining >= 2 && opt === 'limit') {
			const n = parseLong(argv[j + 1]!);
			if (n === null || n < 0) return error("ERR LIMIT can't be negative");
			limit = n;
			j += 2;
		} else return error(ERR.syntax);
	}
	// qsort by cardinality; glibc's merge sort keeps equal sizes in their given order.
	if (op !== 'diff') srcs.sort((a, b) => sizeOf(a) - sizeOf(b));
	const result = compute(op, srcs, how, cardinalityOnly ? limit : 0);
	if (cardinalityOnly) return integer(result.size);
	// createZsetObject: the result is built as a skiplist, its dict sized once for all members.
	const dst = newZset(server, 0);
	convertToSkiplist(dst);
	for (const [member, score] of result) dst.value.insert(member, score, server.rng);
	dst.value.resetDict();
	if (!store) return nodesReply([...dst.value.nodes()], withScores);
	const dstkey = argv[1]!;
	if (dst.value.size === 0) {
		dbDelete(server, db, dstkey);
		return ZERO;
	}
	let longest = 0;
	for (const member of result.keys()) longest = Math.max(longest, member.length);
	convertToListpackIfFits(server.config, dst, longest);
	setKey(server, db, dstkey, dst);
	return integer(dst.value.size);
}

/**
 * zunionInterDiffGetKeys and friends: the `numkeys` keys after argv[countAt] (none when the count
 * names no key or more keys than the line has), after the destination when there is one.
 */
export function numkeysIndexes(argv: readonly string[], countAt: number, dest = false): number[] {
	const num = Number(/^\s*([+-]?\d+)/.exec(argv[countAt] ?? '')?.[1] ?? 0);
	const first = countAt + 1;
	if (num < 1 || num > argv.length - first) return [];
	const keys = Array.from({ length: num }, (_, i) => first + i);
	return dest ? [1, ...keys] : keys;
}

const specFor = (
	name: string,
	arity: number,
	syntax: string,
	summary: string,
	since: string,
	call: OpCall,
): CommandSpec => ({
	name,
	arity,
	flags: call.store ? ['write', 'denyoom', 'movablekeys'] : ['readonly', 'movablekeys'],
	group: 'sorted-set',
	summary,
	syntax,
	since,
	keys: call.store ? [1, 1, 1] : [0, 0, 0],
	getKeys: (argv) => numkeysIndexes(argv, call.numkeysIndex, call.store),
	run: (ctx) => zsetOp(ctx, call),
});

const STORE_OPTS = '[WEIGHTS weight [weight ...]] [AGGREGATE <SUM|MIN|MAX>]';

export const zsetSetopCommands: readonly CommandSpec[] = [
	specFor(
		'ZUNION',
		-3,
		`numkeys key [key ...] ${STORE_OPTS} [WITHSCORES]`,
		'Returns the union of sorted sets, with scores combined by AGGREGATE.',
		'6.2.0',
		{ op: 'union', numkeysIndex: 1, store: false, cardinalityOnly: false },
	),
	specFor(
		'ZINTER',
		-3,
		`numkeys key [key ...] ${STORE_OPTS} [WITHSCORES]`,
		'Returns the members present in every sorted set, with combined scores.',
		'6.2.0',
		{ op: 'inter', numkeysIndex: 1, store: false, cardinalityOnly: false },
	),
	specFor(
		'ZDIFF',
		-3,
		'numkeys key [key ...] [WITHSCORES]',
		'Returns the members of the first sorted set that are in none of the others.',
		'6.2.0',
		{ op: 'diff', numkeysIndex: 1, store: false, cardinalityOnly: false },
	),
	specFor(
		'ZUNIONSTORE',
		-4,
		`destination numkeys key [key ...] ${STORE_OPTS}`,
		'Stores the union of sorted sets under a key.',
		'2.0.0',
		{ op: 'union', numkeysIndex: 2, store: true, cardinalityOnly: false },
	),
	specFor(
		'ZINTERSTORE',
		-4,
		`destination numkeys key [key ...] ${STORE_OPTS}`,
		'Stores the intersection of sorted sets under a key.',
		'2.0.0',
		{ op: 'inter', numkeysIndex: 2, store: true, cardinalityOnly: false },
	),
	specFor(
		'ZDIFFSTORE',
		-4,
		'destination numkeys key [key ...]',
		'Stores the difference of the first sorted set and the others under a key.',
		'6.2.0',
		{ op: 'diff', numkeysIndex: 2, store: true, cardinalityOnly: false },
	),
	specFor(
		'ZINTERCARD',
		-3,
		'numkeys key [key ...] [LIMIT limit]',
		'Counts the members of the intersection, stopping at LIMIT if given.',
		'7.0.0',
		{ op: 'inter', numkeysIndex: 1, store: false, cardinalityOnly: true },
	),
];
