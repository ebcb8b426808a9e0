// Property-based differential test of large values: strings of thousands of bytes (and bits, at
// offsets far past their end), and lists, hashes and sorted sets of a few hundred elements per
// key, so lists span many quicklist nodes, hashes and sorted sets leave the listpack for a
// hashtable or a skiplist (whose stand-in, zset-order.ts, then splits, merges and rebalances its
// leaves). Scores come from a
// handful of integers, so many members tie and their order is decided by the member name. The
// encoding thresholds are drawn per scenario and set alike on both sides. Everything compared is
// deterministic on a real server: random draws (ZRANDMEMBER), hashtable order (ZSCAN of a
// skiplist), a skiplist's memory (its levels are random) and a hashtable's order (HGETALL is
// compared as sorted field-value pairs) are left out, and so are lex ranges
// over members of different scores, which a skiplist answers by a descent that depends on its
// random levels: lex commands go to `zl`, whose members all score 0.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, type Reply } from '../../src/engine/index.ts';
import { canon, quoteArg, type Argv } from './differential-model.ts';
import { liveRedis } from './live.ts';
import { RESET_COMMANDS } from './server.ts';

const SEED = Number(process.env['FC_SEED'] ?? 20261207);
const RUNS = Number(process.env['FC_RUNS'] ?? 300);

const ZKEYS = ['z1', 'z2'];
/** The sorted set lex ranges are asked of: every member scores 0. */
const ZLEX = 'zl';
const LKEYS = ['l1', 'l2'];
const HKEYS = ['h1', 'h2'];
const SKEYS = ['s1', 's2'];
/** String values around the encodings' edges: integers, 44 bytes (the last embstr), longer. */
const STRINGS = [
	'',
	'0',
	'12345',
	'-0',
	'007',
	'9223372036854775807',
	'a'.repeat(44),
	'b'.repeat(45),
	'c'.repeat(300),
];
const CHUNKS = ['x', 'hello', '\x00\xff', 'd'.repeat(40), 'e'.repeat(500)];
const OFFSETS = ['0', '3', '44', '100', '1000', '4000'];
const BIT_OFFSETS = ['0', '7', '352', '359', '8000', '40000'];
const SPANS = ['0', '1', '-1', '5', '-5', '60', '-60', '3000'];
const FIELDS = Array.from({ length: 300 }, (_, i) => `f${i}`).concat(['', '7', 'x y']);
const VALUES = ['v', '', '12', '-3', '1.5', 'z'.repeat(70), '9223372036854775807'];
/** Members: names that sort in byte order unlike their numbers, and a few odd ones. */
const POOL = Array.from({ length: 300 }, (_, i) => `m${i}`).concat(['', '10', '9', 'x y', '\xff']);
const SCORES = ['0', '1', '2', '3', '5', '-1', '1.5', '-inf', 'inf'];
const ELEMENTS = ['a', 'b', 'c', '1', '-7', '', 'x'.repeat(70), 'y'.repeat(9000), '42'];
const RANKS = ['0', '1', '5', '-1', '-3', '50', '-50', '150', '-150', '400', '-400'];
const SCORE_BOUNDS = ['-inf', '+inf', '0', '(0', '1', '(2', '3', '2.5', '(5'];
const LEX_BOUNDS = ['-', '+', '[m1', '(m1', '[m2', '(m150', '[m99', '[x'];

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const zkey = pick(ZKEYS);
/** A key for commands that keep scores as they are. */
const anyZkey = pick([...ZKEYS, ZLEX]);
const zeroPairs = (min: number, max: number) =>
	fc
		.array(member, { minLength: min, maxLength: max, size: 'max' })
		.map((ms) => ms.flatMap((m) => ['0', m]));
const lkey = pick(LKEYS);
const member = pick(POOL);
// `size: 'max'` draws lengths across the whole range; fast-check would otherwise keep them near
// the minimum, and the keys would rarely leave their listpacks.
const someMembers = (min: number, max: number) =>
	fc.array(member, { minLength: min, maxLength: max, size: 'max' });
const pairs = (min: number, max: number) =>
	fc
		.array(fc.tuple(pick(SCORES), member), { minLength: min, maxLength: max, size: 'max' })
		.map((xs) => xs.flat());
const elements = (min: number, max: number) =>
	fc.array(pick(ELEMENTS), { minLength: min, maxLength: max, size: 'max' });
const skey = pick(SKEYS);
const bitRange = fc.oneof(
	fc.constant([]),
	fc.tuple(pick(SPANS), pick(SPANS)),
	fc.tuple(pick(SPANS), pick(SPANS), pick(['BYTE', 'BIT'])),
);
const hkey = pick(HKEYS);
const field = pick(FIELDS);
const fieldValues = (min: number, max: number) =>
	fc
		.array(fc.tuple(field, pick(VALUES)), { minLength: min, maxLength: max, size: 'max' })
		.map((xs) => xs.flat());
const rangeOpts = fc
	.shuffledSubarray([['REV'], ['WITHSCORES'], ['LIMIT', '3', '20'], ['LIMIT', '0', '-1']], {
		maxLength: 2,
	})
	.map((xs) => xs.flat());
const c = (...parts: fc.Arbitrary<string | readonly string[]>[]): fc.Arbitrary<Argv> =>
	fc.tuple(...parts).map((xs) => xs.flatMap((x) => (typeof x === 'string' ? [x] : [...x])));
const k = (s: string) => fc.constant(s);

const command: fc.Arbitrary<Argv> = fc.oneof(
	{ weight: 6, arbitrary: c(k('ZADD'), zkey, pairs(20, 200)) },
	{ weight: 2, arbitrary: c(k('ZADD'), zkey, pick([['XX'], ['NX'], ['GT', 'CH'], ['LT'], ['INCR']]), pairs(1, 1)) },
	{ weight: 2, arbitrary: c(k('ZINCRBY'), zkey, pick(['1', '-2', '0.5']), member) },
	{ weight: 3, arbitrary: c(k('ZADD'), k(ZLEX), zeroPairs(20, 200)) },
	{ weight: 3, arbitrary: c(k('ZREM'), anyZkey, someMembers(5, 80)) },
	{ weight: 3, arbitrary: c(pick(['ZRANK', 'ZREVRANK', 'ZSCORE']), anyZkey, member) },
	{ weight: 3, arbitrary: c(k('ZRANGE'), anyZkey, pick(RANKS), pick(RANKS), pick([[], ['REV'], ['WITHSCORES']])) },
	{ weight: 2, arbitrary: c(k('ZRANGE'), zkey, pick(SCORE_BOUNDS), pick(SCORE_BOUNDS), k('BYSCORE'), rangeOpts) },
	{ weight: 2, arbitrary: c(k('ZRANGE'), k(ZLEX), pick(LEX_BOUNDS), pick(LEX_BOUNDS), k('BYLEX'), rangeOpts) },
	{ weight: 2, arbitrary: c(k('ZCOUNT'), zkey, pick(SCORE_BOUNDS), pick(SCORE_BOUNDS)) },
	{ weight: 1, arbitrary: c(k('ZLEXCOUNT'), k(ZLEX), pick(LEX_BOUNDS), pick(LEX_BOUNDS)) },
	{ weight: 1, arbitrary: c(k('ZREMRANGEBYRANK'), anyZkey, pick(RANKS), pick(RANKS)) },
	{ weight: 1, arbitrary: c(k('ZREMRANGEBYSCORE'), zkey, pick(SCORE_BOUNDS), pick(SCORE_BOUNDS)) },
	{ weight: 1, arbitrary: c(k('ZREMRANGEBYLEX'), k(ZLEX), pick(LEX_BOUNDS), pick(LEX_BOUNDS)) },
	{ weight: 2, arbitrary: c(pick(['ZPOPMIN', 'ZPOPMAX']), anyZkey, pick(['1', '7', '60'])) },
	{ weight: 1, arbitrary: c(k('ZRANGESTORE'), zkey, zkey, pick(RANKS), pick(RANKS)) },
	{ weight: 1, arbitrary: c(pick(['ZUNIONSTORE', 'ZINTERSTORE', 'ZDIFFSTORE']), zkey, k('2'), k('z1'), k('z2')) },
	{ weight: 1, arbitrary: c(k('ZUNIONSTORE'), zkey, k('2'), k('z1'), k('z2'), k('WEIGHTS'), k('2'), k('-1'), k('AGGREGATE'), pick(['MIN', 'MAX', 'SUM'])) },
	{ weight: 2, arbitrary: c(pick(['ZCARD', 'OBJECT']), anyZkey).map((a) => (a[0] === 'OBJECT' ? ['OBJECT', 'ENCODING', a[1]!] : a)) },
	{ weight: 5, arbitrary: c(pick(['RPUSH', 'LPUSH']), lkey, elements(20, 250)) },
	{ weight: 2, arbitrary: c(k('LINSERT'), lkey, pick(['BEFORE', 'AFTER']), pick(ELEMENTS), pick(ELEMENTS)) },
	{ weight: 2, arbitrary: c(k('LSET'), lkey, pick(RANKS), pick(ELEMENTS)) },
	{ weight: 2, arbitrary: c(k('LREM'), lkey, pick(['0', '3', '-3', '1', '-1']), pick(ELEMENTS)) },
	{ weight: 1, arbitrary: c(k('LTRIM'), lkey, pick(RANKS), pick(RANKS)) },
	{ weight: 3, arbitrary: c(k('LRANGE'), lkey, pick(RANKS), pick(RANKS)) },
	{ weight: 2, arbitrary: c(k('LINDEX'), lkey, pick(RANKS)) },
	{ weight: 2, arbitrary: c(k('LPOS'), lkey, pick(ELEMENTS), pick([[], ['RANK', '-2'], ['COUNT', '0'], ['RANK', '3', 'COUNT', '5'], ['MAXLEN', '40', 'COUNT', '0']])) },
	{ weight: 2, arbitrary: c(pick(['LPOP', 'RPOP']), lkey, pick(['1', '9', '120'])) },
	{ weight: 1, arbitrary: c(k('LMOVE'), lkey, lkey, pick(['LEFT', 'RIGHT']), pick(['LEFT', 'RIGHT'])) },
	{ weight: 3, arbitrary: c(k('SET'), skey, pick(STRINGS)) },
	{ weight: 3, arbitrary: c(k('APPEND'), skey, pick(CHUNKS)) },
	{ weight: 2, arbitrary: c(k('SETRANGE'), skey, pick(OFFSETS), pick(CHUNKS)) },
	{ weight: 2, arbitrary: c(k('GETRANGE'), skey, pick(SPANS), pick(SPANS)) },
	{ weight: 2, arbitrary: c(k('SETBIT'), skey, pick(BIT_OFFSETS), pick(['0', '1'])) },
	{ weight: 1, arbitrary: c(k('GETBIT'), skey, pick(BIT_OFFSETS)) },
	{ weight: 2, arbitrary: c(k('BITCOUNT'), skey, bitRange) },
	{ weight: 2, arbitrary: c(k('BITPOS'), skey, pick(['0', '1']), bitRange) },
	{ weight: 1, arbitrary: c(k('BITOP'), pick(['AND', 'OR', 'XOR']), skey, k('s1'), k('s2')) },
	{ weight: 1, arbitrary: c(k('BITOP'), k('NOT'), skey, skey) },
	{ weight: 1, arbitrary: c(k('BITFIELD'), skey, pick([['GET', 'u16', '3990'], ['SET', 'i32', '#100', '-7'], ['INCRBY', 'u8', '39999', '300'], ['OVERFLOW', 'SAT', 'INCRBY', 'i8', '#5000', '200']])) },
	{ weight: 1, arbitrary: c(k('LCS'), k('s1'), k('s2'), pick([['LEN'], ['IDX', 'MINMATCHLEN', '4', 'WITHMATCHLEN']])) },
	{ weight: 1, arbitrary: c(pick(['INCR', 'DECR']), skey) },
	{ weight: 1, arbitrary: c(k('INCRBYFLOAT'), skey, pick(['0.1', '-3', '1e20'])) },
	{ weight: 3, arbitrary: c(pick(['STRLEN', 'OBJECT', 'MEMORY']), skey).map((a) => (a[0] === 'STRLEN' ? a : [a[0]!, a[0] === 'OBJECT' ? 'ENCODING' : 'USAGE', a[1]!])) },
	{ weight: 4, arbitrary: c(k('HSET'), hkey, fieldValues(20, 250)) },
	{ weight: 2, arbitrary: c(k('HDEL'), hkey, fc.array(field, { minLength: 5, maxLength: 80, size: 'max' })) },
	{ weight: 2, arbitrary: c(pick(['HGET', 'HEXISTS', 'HSTRLEN']), hkey, field) },
	{ weight: 1, arbitrary: c(k('HMGET'), hkey, fc.array(field, { minLength: 1, maxLength: 5 })) },
	{ weight: 1, arbitrary: c(k('HINCRBY'), hkey, field, pick(['1', '-10', '9223372036854775807'])) },
	{ weight: 1, arbitrary: c(k('HINCRBYFLOAT'), hkey, field, pick(['0.5', '-2', '1e3'])) },
	{ weight: 1, arbitrary: c(k('HSETNX'), hkey, field, pick(VALUES)) },
	{ weight: 2, arbitrary: c(pick(['HLEN', 'OBJECT']), hkey).map((a) => (a[0] === 'OBJECT' ? ['OBJECT', 'ENCODING', a[1]!] : a)) },
	{ weight: 2, arbitrary: c(pick(['LLEN', 'OBJECT', 'MEMORY']), lkey).map((a) => (a[0] === 'LLEN' ? a : [a[0]!, a[0] === 'OBJECT' ? 'ENCODING' : 'USAGE', a[1]!])) },
); // prettier-ignore

/** Encoding thresholds for one scenario, as CONFIG SET commands for both sides. */
const thresholds = fc
	.tuple(pick(['-2', '-1', '4', '16']), pick(['16', '128']), pick(['32', '128', '512']))
	.map(([list, zset, hash]) => [
		['CONFIG', 'SET', 'list-max-listpack-size', list],
		['CONFIG', 'SET', 'zset-max-listpack-entries', zset],
		['CONFIG', 'SET', 'hash-max-listpack-entries', hash],
	]);
const scenario = fc.tuple(thresholds, fc.array(command, { minLength: 15, maxLength: 40 }));

/** A reply as compared: HGETALL's pairs sorted by field (a hashtable's order is its own). */
function shown(argv: Argv, r: Reply): string {
	if (argv[0] !== 'HGETALL' || r.type !== 'array' || !r.value) return canon(r);
	const pairs: string[] = [];
	for (let i = 0; i + 1 < r.value.length; i += 2)
		pairs.push(`${canon(r.value[i]!)}=${canon(r.value[i + 1]!)}`);
	return pairs.sort().join(',');
}

describe('large strings, lists, hashes and sorted sets: engine vs redis-server', () => {
	const redis = liveRedis();

	it(`${RUNS} scenarios reply identically`, { timeout: 300_000 }, async (ctx) => {
		const live = redis.connection(ctx);
		let failure: string | null = null;
		const property = fc.asyncProperty(scenario, async ([config, cmds]) => {
			const finals: Argv[] = [
				...[...ZKEYS, ZLEX].map((key) => ['ZRANGE', key, '0', '-1', 'WITHSCORES']),
				...LKEYS.map((key) => ['LRANGE', key, '0', '-1']),
				...HKEYS.map((key) => ['HGETALL', key]),
				...SKEYS.map((key) => ['GET', key]),
			];
			const seq: Argv[] = [...config, ...cmds, ...finals];
			const replies = await live.pipeline([...RESET_COMMANDS, ...seq]);
			const real = replies.slice(RESET_COMMANDS.length);
			const engine = createEngine();
			const mine: Reply[] = seq.map((argv) => engine.exec(argv));
			engine.dispose();
			const i = seq.findIndex((argv, j) => shown(argv, mine[j]!) !== shown(argv, real[j]!));
			if (i === -1) return true;
			failure = [
				...seq.slice(0, i + 1).map((argv) => `> ${argv.map(quoteArg).join(' ').slice(0, 300)}`),
				`redis:  ${shown(seq[i]!, real[i]!).slice(0, 600)}`,
				`engine: ${shown(seq[i]!, mine[i]!).slice(0, 600)}`,
			].join('\n');
			return false;
		});
		const details = await fc.check(property, { seed: SEED, numRuns: RUNS });
		if (details.failed) expect.fail(failure ?? String(details.errorInstance));
	});
});
