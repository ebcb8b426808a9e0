// Mirrors hrandfieldCommand and hrandfieldWithCountCommand in src/t_hash.c: random fields drawn
// with server.rng, following Redis's four cases (repeats, whole hash, subtract, pick unique).
import type { CommandContext, CommandSpec } from '../command.ts';
import type { HashObject } from '../object.ts';
import { parseStrictInt64 } from '../object.ts';
import { EMPTY_ARRAY, ERR, NIL, array, bulk, error, type Reply } from '../reply.ts';
import type { Random } from '../random.ts';
import { isHashReply, readHash } from './hash-type.ts';

const LONG_MAX = 9223372036854775807n;
/** HRANDFIELD_SUB_STRATEGY_MUL: below size/3 requested, pick; above, copy and subtract. */
const HRANDFIELD_SUB_STRATEGY_MUL = 3;
/**
 * Not Redis: a negative count asks for that many draws, and Redis would try to send billions.
 * The playground refuses replies longer than this instead of freezing the page.
 */
const PLAYGROUND_MAX_DRAWS = 1_000_000;

type Pair = readonly [string, string];

/**
 * Field, value, field, value… — the RESP2 shape, as every engine reply is; the RESP server nests
 * the pairs for a RESP3 connection, as Redis does.
 */
function replyPairs(pairs: readonly Pair[], withValues: boolean): Reply {
	if (!withValues) return array(pairs.map(([f]) => bulk(f)));
	return array(pairs.flatMap(([f, v]) => [bulk(f), bulk(v)]));
}

/** lpRandomPairsUnique: selection sampling, so the picks keep the listpack's order. */
function selectionSample(entries: readonly Pair[], count: number, rng: Random): Pair[] {
	const out: Pair[] = [];
	let needed = count;
	for (let i = 0; i < entries.length && needed > 0; i++) {
		if (rng.int(entries.length - i) < needed) {
			out.push(entries[i]!);
			needed--;
		}
	}
	return out;
}

function randomPairs(obj: HashObject, count: number, unique: boolean, rng: Random): Pair[] {
	const entries = [...obj.value];
	const size = entries.length;
	// CASE 1: repeats allowed (or a single pick): sample the whole hash each time.
	if (!unique || count === 1) {
		return Array.from({ length: count }, () => entries[rng.int(size)]!);
	}
	// CASE 2: asking for at least the whole hash returns the whole hash.
	if (count >= size) return entries;
	// CASE 3: count close to size: copy everything, then remove random entries.
	if (count * HRANDFIELD_SUB_STRATEGY_MUL > size) {
		const kept = entries.slice();
		while (kept.length > count) kept.splice(rng.int(kept.length), 1);
		return kept;
	}
	// CASE 4: a big hash: a listpack is sampled in one pass, a hashtable by repeated draws.
	if (obj.encoding === 'listpack') return selectionSample(entries, count, rng);
	const picked = new Map<string, string>();
	while (picked.size < count) {
		const [f, v] = entries[rng.int(size)]!;
		if (!picked.has(f)) picked.set(f, v);
	}
	return [...picked];
}

function hrandfield({ server, db, argv }: CommandContext): Reply {
	if (argv.length < 3) {
		const obj = readHash(server, db, argv[1]!);
		if (obj === null) return NIL;
		if (isHashReply(obj)) return obj;
		const fields = [...obj.value.keys()];
		return bulk(fields[server.rng.int(fields.length)]!);
	}
	const l = parseStrictInt64(argv[2]!);
	if (l === null) return error(ERR.notInteger);
	if (l < -LONG_MAX)
		return error(`ERR value is out of range, value must between ${-LONG_MAX} and ${LONG_MAX}`);
	if (argv.length > 4 || (argv.length === 4 && argv[3]!.toLowerCase() !== 'withvalues'))
		return error(ERR.syntax);
	const withValues = argv.length === 4;
	// The reply holds 2 × count elements, which must not overflow a long.
	if (withValues && (l < -LONG_MAX / 2n || l > LONG_MAX / 2n))
		return error('ERR value is out of range');
	const obj = readHash(server, db, argv[1]!);
	if (obj === null) return EMPTY_ARRAY;
	if (isHashReply(obj)) return obj;
	const unique = l >= 0n;
	const abs = unique ? l : -l;
	if (abs === 0n) return EMPTY_ARRAY;
	const count = abs >= BigInt(obj.value.size) && unique ? obj.value.size : abs;
	if (count > BigInt(PLAYGROUND_MAX_DRAWS))
		return error(`ERR count too large for the playground (at most ${PLAYGROUND_MAX_DRAWS})`);
	const pairs = randomPairs(obj, Number(count), unique, server.rng);
	return replyPairs(pairs, withValues);
}

export const hashRandomCommands: readonly CommandSpec[] = [
	{
		name: 'HRANDFIELD',
		arity: -2,
		flags: ['readonly'],
		group: 'hash',
		summary: 'Returns random fields of a hash; a negative count may repeat fields.',
		syntax: 'key [count [WITHVALUES]]',
		since: '6.2.0',
		keys: [1, 1, 1],
		run: hrandfield,
	},
];
