// Mirrors zrandmemberCommand and zrandmemberWithCountCommand in src/t_zset.c: random members drawn
// with server.rng, in Redis's four cases (repeats, whole zset, subtract, pick unique). A uniform
// pick is a rank lookup in the skiplist, so a single draw costs O(log n), not a copy.
import type { CommandContext, CommandSpec } from '../command.ts';
import type { ZsetObject } from '../object.ts';
import type { Random } from '../random.ts';
import { EMPTY_ARRAY, ERR, NIL, array, bulk, error, type Reply } from '../reply.ts';
import type { ZNode } from '../zset-order.ts';
import { nodesReply } from './zset-range.ts';
import { parseStrictInt64 } from '../object.ts';
import { isReply, readZset } from './zset-type.ts';

const LONG_MAX = 9223372036854775807n;
/** ZRANDMEMBER_SUB_STRATEGY_MUL: below size/3 requested, pick; above, copy and subtract. */
const SUB_STRATEGY_MUL = 3;
/** Not Redis: a negative count asks for that many draws; the playground caps the reply. */
const PLAYGROUND_MAX_DRAWS = 1_000_000;

const pick = (obj: ZsetObject, rng: Random): ZNode => obj.value.zsl.at(rng.int(obj.value.size))!;

/** lpRandomPairsUnique: selection sampling, so the picks keep the listpack's order. */
function selectionSample(nodes: readonly ZNode[], count: number, rng: Random): ZNode[] {
	const out: ZNode[] = [];
	let needed = count;
	for (let i = 0; i < nodes.length && needed > 0; i++) {
		if (rng.int(nodes.length - i) < needed) {
			out.push(nodes[i]!);
			needed--;
		}
	}
	return out;
}

function randomNodes(obj: ZsetObject, count: number, unique: boolean, rng: Random): ZNode[] {
	const size = obj.value.size;
	// CASE 1: repeats allowed (or a single pick): sample the whole zset each time.
	if (!unique || count === 1) return Array.from({ length: count }, () => pick(obj, rng));
	const nodes = [...obj.value.nodes()];
	// CASE 2: asking for at least the whole zset returns it, highest score first (Redis's zset
	// iterator runs from the tail).
	if (count >= size) return nodes.reverse();
	// CASE 3: count close to size: copy everything, then remove random members.
	if (count * SUB_STRATEGY_MUL > size) {
		while (nodes.length > count) nodes.splice(rng.int(nodes.length), 1);
		return nodes;
	}
	// CASE 4: a big zset: a listpack is sampled in one pass, a skiplist by repeated draws.
	if (obj.encoding === 'listpack') return selectionSample(nodes, count, rng);
	const picked = new Map<string, ZNode>();
	while (picked.size < count) {
		const n = pick(obj, rng);
		if (!picked.has(n.ele)) picked.set(n.ele, n);
	}
	return [...picked.values()];
}

function zrandmember({ server, db, argv }: CommandContext): Reply {
	if (argv.length < 3) {
		const obj = readZset(server, db, argv[1]!);
		if (obj === null) return NIL;
		if (isReply(obj)) return obj;
		return bulk(pick(obj, server.rng).ele);
	}
	const big = parseStrictInt64(argv[2]!);
	if (big === null) return error(ERR.notInteger);
	if (big < -LONG_MAX)
		return error(`ERR value is out of range, value must between -${LONG_MAX} and ${LONG_MAX}`);
	if (argv.length > 4 || (argv.length === 4 && argv[3]!.toLowerCase() !== 'withscores'))
		return error(ERR.syntax);
	const withScores = argv.length === 4;
	if (withScores && (big < -LONG_MAX / 2n || big > LONG_MAX / 2n))
		return error('ERR value is out of range');
	const l = Number(big);
	const obj = readZset(server, db, argv[1]!);
	if (obj === null) return EMPTY_ARRAY;
	if (isReply(obj)) return obj;
	const unique = l >= 0;
	const abs = Math.abs(l);
	if (abs === 0) return EMPTY_ARRAY;
	const count = unique && abs >= obj.value.size ? obj.value.size : abs;
	if (count > PLAYGROUND_MAX_DRAWS)
		return error(`ERR count too large for the playground (at most ${PLAYGROUND_MAX_DRAWS})`);
	const nodes = randomNodes(obj, count, unique, server.rng);
	return withScores ? nodesReply(nodes, true) : array(nodes.map((n) => bulk(n.ele)));
}

export const zsetRandomCommands: readonly CommandSpec[] = [
	{
		name: 'ZRANDMEMBER',
		arity: -2,
		flags: ['readonly'],
		group: 'sorted-set',
		summary: 'Returns random members of a sorted set; a negative count may repeat members.',
		syntax: 'key [count [WITHSCORES]]',
		since: '6.2.0',
		keys: [1, 1, 1],
		run: zrandmember,
	},
];
