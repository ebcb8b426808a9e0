// The alphabet of the differential test (engine vs live redis-server): random command sequences
// over a few keys, values and options, and how two replies are compared.
//
// Timing: the real server really sleeps on `DEBUG SLEEP` and a little real time passes between
// pipelined commands; the engine's virtual clock moves by exactly the sleep. So every sleep is a
// multiple of 20 ms and every millisecond TTL is 10 mod 20: an expiry is never within 10 ms of a
// check. Sleeps per sequence are capped at 120 ms, far from TTL's rounding points for the TTLs
// drawn here (1 s, 1250 ms, 5010 ms…). PTTL is compared within 50 ms, and TTLs of far-future
// EXPIREAT keys within 1 s (the two clocks start a few ms apart, more on a stalled machine).
import fc from 'fast-check';
import { formatReply, repr } from '../../src/console/format.ts';
import { binaryToUtf8 } from '../../src/console/bytes.ts';
import type { Reply } from '../../src/engine/index.ts';

export type Argv = readonly string[];

const KEYS = ['k1', 'k2', 'k3', 'k4'] as const;
const VALUES = [
	'0', '1', '-5', '42', '007', ' 7', '9223372036854775807', '-9223372036854775808',
	'3.5', '-0.25', '1e3', '', '\xff', 'abc', 'caf\xc3\xa9', 'x y',
]; // prettier-ignore
const INTS = [
	'1',
	'-3',
	'100',
	'0',
	'9223372036854775807',
	'-9223372036854775808',
	'abc',
	'1.5',
	'',
];
const FLOATS = ['0.5', '1.5', '-2.25', '10', '1e3', 'abc', '', 'inf'];
const SECONDS = ['1', '5', '100', '0', '-1', 'abc', '9223372036854775807'];
const MILLIS = ['10', '30', '50', '90', '130', '1250', '5010', '0', '-1'];
const AT_SECONDS = ['1000000000', '4102444800']; // 2001 (past) and 2100 (far future)
const AT_MILLIS = ['1000000000000', '4102444800000'];
const SLEEPS = ['0.02', '0.04', '0.06'];
const SLEEP_CAP_MS = 120;
const FIELDS = ['f1', 'f2', 'f3'];
const OFFSETS = ['0', '1', '3', '10', '-1', 'x'];
const RANGE = ['-100', '-3', '-1', '0', '1', '2', '5', '100'];
const BIT_OFFSETS = ['0', '1', '7', '8', '13', '100', '-1', 'x'];
const MEMBERS = ['a', 'b', 'c', 'd', ''];
const SCORES = ['1', '2', '-1.5', '0', '0.1', 'inf', '-inf', '1e3', 'abc', '-0'];
const SCORE_BOUNDS = ['-inf', '+inf', '0', '1', '(1', '2.5', '(0.1', 'x'];
const LEX_BOUNDS = ['-', '+', '[a', '(b', '[c', 'd'];
const ZADD_FLAGS = ['NX', 'XX', 'GT', 'LT', 'CH', 'INCR'];
const BITS = ['0', '1', '2'];
const UNITS = [[], ['BYTE'], ['BIT'], ['bit'], ['FOO']];
const BITFIELD_OPS = [
	['GET', 'u8', '0'], ['GET', 'i5', '3'], ['GET', 'u63', '#1'], ['SET', 'i8', '#1', '-100'],
	['SET', 'u4', '6', '17'], ['INCRBY', 'i16', '4', '30000'], ['INCRBY', 'u3', '0', '-9'],
	['OVERFLOW', 'SAT'], ['OVERFLOW', 'FAIL'], ['OVERFLOW', 'WRAP'], ['GET', 'u64', '0'],
]; // prettier-ignore

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const key = fc.oneof(
	{ weight: 9, arbitrary: pick(KEYS) },
	{ weight: 1, arbitrary: fc.constant('h1') },
);
const hashKey = fc.oneof(
	{ weight: 6, arbitrary: fc.constant('h1') },
	{ weight: 1, arbitrary: pick(KEYS) },
);
const value = pick(VALUES);
const zsetKey = fc.oneof(
	{ weight: 6, arbitrary: pick(['z1', 'z2']) },
	{ weight: 1, arbitrary: pick(KEYS) },
);
const member = pick(MEMBERS);
const scorePairs = fc
	.array(fc.tuple(pick(SCORES), member), { minLength: 1, maxLength: 3 })
	.map((xs) => xs.flat());
const rangeOpts = fc
	.shuffledSubarray([['REV'], ['WITHSCORES'], ['LIMIT', '1', '2'], ['LIMIT', '0', '-1']], {
		maxLength: 2,
	})
	.map((xs) => xs.flat());
const keys = fc.array(key, { minLength: 1, maxLength: 3 });
const listKey = fc.oneof(
	{ weight: 6, arbitrary: pick(['l1', 'l2']) },
	{ weight: 1, arbitrary: pick(KEYS) },
);
const ELEMENTS = ['a', 'b', 'c', '1', '-5', '', 'x y'];
const element = pick(ELEMENTS);
const elements = fc.array(element, { minLength: 1, maxLength: 3 });
const side = pick(['LEFT', 'RIGHT', 'left', 'UP']);
const LPOS_OPTIONS = [
	['RANK', '-1'], ['RANK', '2'], ['COUNT', '0'], ['COUNT', '2'], ['MAXLEN', '3'], ['RANK', '0'],
]; // prettier-ignore
const lposOpts = fc.shuffledSubarray(LPOS_OPTIONS, { maxLength: 2 }).map((xs) => xs.flat());
const cmd = (...parts: fc.Arbitrary<string | readonly string[]>[]): fc.Arbitrary<Argv> =>
	fc.tuple(...parts).map((xs) => xs.flatMap((x) => (typeof x === 'string' ? [x] : [...x])));
const k = (name: string) => fc.constant(name);

/** Expiry options, including conflicting and malformed ones. */
const ttlOption = fc.oneof(
	fc.tuple(k('EX'), pick(SECONDS)),
	fc.tuple(k('PX'), pick(MILLIS)),
	fc.tuple(k('EXAT'), pick(AT_SECONDS)),
	fc.tuple(k('PXAT'), pick(AT_MILLIS)),
);
const setOption = fc.oneof(
	{ weight: 3, arbitrary: ttlOption },
	{ weight: 1, arbitrary: pick([['NX'], ['XX'], ['GET'], ['KEEPTTL'], ['ex'], ['PX', '1', '2']]) },
);
const getexOption = fc.oneof(ttlOption, fc.constant(['PERSIST']), fc.constant(['EX']));
const expireFlags = fc.shuffledSubarray(['NX', 'XX', 'GT', 'LT'], { maxLength: 2 });
const flatten = (opts: readonly (readonly string[])[]) => opts.flat();

const COMMANDS: fc.WeightedArbitrary<Argv>[] = [
	{ weight: 8, arbitrary: cmd(k('SET'), key, value, fc.array(setOption, { maxLength: 3 }).map(flatten)) },
	{ weight: 6, arbitrary: cmd(k('GET'), key) },
	{ weight: 2, arbitrary: cmd(k('SETEX'), key, pick(SECONDS), value) },
	{ weight: 2, arbitrary: cmd(k('PSETEX'), key, pick(MILLIS), value) },
	{ weight: 1, arbitrary: cmd(k('SETNX'), key, value) },
	{ weight: 1, arbitrary: cmd(k('GETSET'), key, value) },
	{ weight: 2, arbitrary: cmd(k('GETEX'), key, fc.array(getexOption, { maxLength: 2 }).map(flatten)) },
	{ weight: 1, arbitrary: cmd(k('GETDEL'), key) },
	{ weight: 1, arbitrary: cmd(k('MGET'), keys) },
	{ weight: 1, arbitrary: cmd(k('MSET'), fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 2 }).map(flatten)) },
	{ weight: 3, arbitrary: cmd(k('INCR'), key) },
	{ weight: 2, arbitrary: cmd(k('INCRBY'), key, pick(INTS)) },
	{ weight: 1, arbitrary: cmd(k('DECRBY'), key, pick(INTS)) },
	{ weight: 2, arbitrary: cmd(k('INCRBYFLOAT'), key, pick(FLOATS)) },
	{ weight: 2, arbitrary: cmd(k('APPEND'), key, value) },
	{ weight: 1, arbitrary: cmd(k('STRLEN'), key) },
	{ weight: 1, arbitrary: cmd(k('GETRANGE'), key, pick(RANGE), pick(RANGE)) },
	{ weight: 1, arbitrary: cmd(k('SETRANGE'), key, pick(OFFSETS), value) },
	{ weight: 2, arbitrary: cmd(k('DEL'), keys) },
	{ weight: 2, arbitrary: cmd(k('EXISTS'), keys) },
	{ weight: 1, arbitrary: cmd(k('TYPE'), key) },
	{ weight: 3, arbitrary: cmd(k('EXPIRE'), key, pick(SECONDS), expireFlags) },
	{ weight: 3, arbitrary: cmd(k('PEXPIRE'), key, pick(MILLIS), expireFlags) },
	{ weight: 1, arbitrary: cmd(k('EXPIREAT'), key, pick(AT_SECONDS), expireFlags) },
	{ weight: 1, arbitrary: cmd(k('PEXPIREAT'), key, pick(AT_MILLIS), expireFlags) },
	{ weight: 3, arbitrary: cmd(k('TTL'), key) },
	{ weight: 2, arbitrary: cmd(k('PTTL'), key) },
	{ weight: 1, arbitrary: cmd(k('PERSIST'), key) },
	{ weight: 1, arbitrary: cmd(k('RENAME'), key, key) },
	{ weight: 1, arbitrary: cmd(k('RENAMENX'), key, key) },
	{ weight: 1, arbitrary: cmd(k('COPY'), key, key, pick([[], ['REPLACE'], ['replace', 'x']])) },
	{ weight: 3, arbitrary: cmd(k('HSET'), hashKey, fc.array(fc.tuple(pick(FIELDS), value), { minLength: 1, maxLength: 2 }).map(flatten)) },
	{ weight: 2, arbitrary: cmd(k('HGET'), hashKey, pick(FIELDS)) },
	{ weight: 1, arbitrary: cmd(k('HDEL'), hashKey, fc.shuffledSubarray(FIELDS, { minLength: 1 })) },
	{ weight: 1, arbitrary: cmd(k('HLEN'), hashKey) },
	{ weight: 1, arbitrary: cmd(k('HINCRBY'), hashKey, pick(FIELDS), pick(INTS)) },
	{ weight: 1, arbitrary: cmd(k('DBSIZE')) },
	{ weight: 2, arbitrary: cmd(k('SETBIT'), key, pick(BIT_OFFSETS), pick(BITS)) },
	{ weight: 1, arbitrary: cmd(k('GETBIT'), key, pick(BIT_OFFSETS)) },
	{ weight: 1, arbitrary: cmd(k('BITCOUNT'), key, fc.oneof(fc.constant([]), fc.tuple(pick(RANGE), pick(RANGE), pick(UNITS)).map((xs) => xs.flat()))) },
	{ weight: 1, arbitrary: cmd(k('BITPOS'), key, pick(BITS), fc.array(pick(RANGE), { maxLength: 2 }), pick(UNITS)) },
	{ weight: 1, arbitrary: cmd(k('BITOP'), pick(['AND', 'OR', 'XOR', 'NOT']), key, keys) },
	{ weight: 1, arbitrary: cmd(k('BITFIELD'), key, fc.array(pick(BITFIELD_OPS), { maxLength: 3 }).map(flatten)) },
	{ weight: 1, arbitrary: cmd(k('LCS'), key, key, pick([[], ['LEN'], ['IDX', 'WITHMATCHLEN'], ['IDX', 'MINMATCHLEN', '2']])) },
	{ weight: 3, arbitrary: cmd(pick(['LPUSH', 'RPUSH']), listKey, elements) },
	{ weight: 1, arbitrary: cmd(pick(['LPUSHX', 'RPUSHX']), listKey, elements) },
	{ weight: 2, arbitrary: cmd(pick(['LPOP', 'RPOP']), listKey, pick([[], ['2'], ['0'], ['-1'], ['x']])) },
	{ weight: 1, arbitrary: cmd(k('LLEN'), listKey) },
	{ weight: 2, arbitrary: cmd(k('LRANGE'), listKey, pick(RANGE), pick(RANGE)) },
	{ weight: 1, arbitrary: cmd(k('LINDEX'), listKey, pick(RANGE)) },
	{ weight: 1, arbitrary: cmd(k('LSET'), listKey, pick(RANGE), element) },
	{ weight: 1, arbitrary: cmd(k('LINSERT'), listKey, pick(['BEFORE', 'AFTER', 'after', 'MID']), element, element) },
	{ weight: 1, arbitrary: cmd(k('LREM'), listKey, pick(['0', '1', '-1', '2', 'x']), element) },
	{ weight: 1, arbitrary: cmd(k('LTRIM'), listKey, pick(RANGE), pick(RANGE)) },
	{ weight: 1, arbitrary: cmd(k('LPOS'), listKey, element, lposOpts) },
	{ weight: 1, arbitrary: cmd(k('LMOVE'), listKey, listKey, side, side) },
	{ weight: 1, arbitrary: cmd(k('RPOPLPUSH'), listKey, listKey) },
	{ weight: 1, arbitrary: cmd(k('LMPOP'), k('2'), listKey, listKey, side, pick([[], ['COUNT', '2'], ['COUNT', '0']])) },
	// Blocking forms only where they cannot wait: a timeout Redis refuses.
	{ weight: 1, arbitrary: cmd(pick(['BLPOP', 'BRPOP']), listKey, pick(['-1', 'x', 'inf'])) },
	{ weight: 4, arbitrary: cmd(k('ZADD'), zsetKey, fc.shuffledSubarray(ZADD_FLAGS, { maxLength: 2 }), scorePairs) },
	{ weight: 2, arbitrary: cmd(k('ZINCRBY'), zsetKey, pick(SCORES), member) },
	{ weight: 1, arbitrary: cmd(k('ZREM'), zsetKey, fc.shuffledSubarray(MEMBERS, { minLength: 1 })) },
	{ weight: 1, arbitrary: cmd(k('ZSCORE'), zsetKey, member) },
	{ weight: 1, arbitrary: cmd(k('ZMSCORE'), zsetKey, fc.shuffledSubarray(MEMBERS, { minLength: 1 })) },
	{ weight: 1, arbitrary: cmd(pick(['ZRANK', 'ZREVRANK']), zsetKey, member) },
	{ weight: 1, arbitrary: cmd(k('ZCARD'), zsetKey) },
	{ weight: 1, arbitrary: cmd(k('ZCOUNT'), zsetKey, pick(SCORE_BOUNDS), pick(SCORE_BOUNDS)) },
	{ weight: 1, arbitrary: cmd(k('ZLEXCOUNT'), zsetKey, pick(LEX_BOUNDS), pick(LEX_BOUNDS)) },
	{ weight: 2, arbitrary: cmd(k('ZRANGE'), zsetKey, pick(RANGE), pick(RANGE), pick([[], ['REV'], ['WITHSCORES'], ['REV', 'WITHSCORES']])) },
	{ weight: 1, arbitrary: cmd(k('ZRANGE'), zsetKey, pick(SCORE_BOUNDS), pick(SCORE_BOUNDS), k('BYSCORE'), rangeOpts) },
	{ weight: 1, arbitrary: cmd(k('ZRANGE'), zsetKey, pick(LEX_BOUNDS), pick(LEX_BOUNDS), k('BYLEX'), rangeOpts) },
	{ weight: 1, arbitrary: cmd(k('ZRANGESTORE'), zsetKey, zsetKey, pick(RANGE), pick(RANGE)) },
	{ weight: 1, arbitrary: cmd(pick(['ZREMRANGEBYSCORE', 'ZCOUNT']), zsetKey, pick(SCORE_BOUNDS), pick(SCORE_BOUNDS)) },
	{ weight: 1, arbitrary: cmd(k('ZREMRANGEBYRANK'), zsetKey, pick(RANGE), pick(RANGE)) },
	{ weight: 1, arbitrary: cmd(k('ZREMRANGEBYLEX'), zsetKey, pick(LEX_BOUNDS), pick(LEX_BOUNDS)) },
	{ weight: 1, arbitrary: cmd(pick(['ZUNION', 'ZINTER', 'ZDIFF']), k('2'), zsetKey, zsetKey, pick([[], ['WITHSCORES'], ['WEIGHTS', '2', '0.5'], ['AGGREGATE', 'MAX', 'WITHSCORES']])) },
	{ weight: 1, arbitrary: cmd(pick(['ZUNIONSTORE', 'ZINTERSTORE', 'ZDIFFSTORE']), zsetKey, k('2'), zsetKey, zsetKey) },
	{ weight: 1, arbitrary: cmd(k('ZINTERCARD'), k('2'), zsetKey, zsetKey, pick([[], ['LIMIT', '1']])) },
	{ weight: 1, arbitrary: cmd(pick(['ZPOPMIN', 'ZPOPMAX']), zsetKey, pick([[], ['2'], ['0'], ['-1']])) },
	{ weight: 1, arbitrary: cmd(k('ZMPOP'), k('2'), zsetKey, zsetKey, pick(['MIN', 'MAX']), pick([[], ['COUNT', '2']])) },
	{ weight: 1, arbitrary: cmd(k('ZRANDMEMBER'), zsetKey, pick([['0'], ['10'], ['10', 'WITHSCORES']])) },
	{ weight: 1, arbitrary: cmd(k('ZSCAN'), zsetKey, k('0')) },
	{ weight: 1, arbitrary: pick([['GET'], ['SET', 'k1'], ['EXPIRE', 'k1'], ['HSET', 'h1', 'f1'], ['TTL']]) },
	{ weight: 2, arbitrary: cmd(k('DEBUG'), k('SLEEP'), pick(SLEEPS)) },
]; // prettier-ignore

/** Turns the sleeps past the per-sequence cap into `DEBUG SLEEP 0`. */
function capSleeps(seq: readonly Argv[]): Argv[] {
	let slept = 0;
	return seq.map((argv) => {
		if (argv[0] !== 'DEBUG' || argv[1] !== 'SLEEP') return argv;
		const ms = Math.round(Number(argv[2]) * 1000);
		if (slept + ms > SLEEP_CAP_MS) return ['DEBUG', 'SLEEP', '0'];
		slept += ms;
		return argv;
	});
}

export const sleptMs = (seq: readonly Argv[]): number =>
	seq.reduce((ms, a) => (a[0] === 'DEBUG' && a[1] === 'SLEEP' ? ms + Number(a[2]) * 1000 : ms), 0);

export function sequenceArbitrary(minLength = 30, maxLength = 40): fc.Arbitrary<Argv[]> {
	return fc.array(fc.oneof(...COMMANDS), { minLength, maxLength }).map(capSleeps);
}

/** A reply as a string that tells every RESP value apart. */
export function canon(r: Reply): string {
	if (r.type === 'array')
		return r.value === null ? 'array:nil' : `[${r.value.map(canon).join(',')}]`;
	if (r.type === 'bulk' && r.value === null) return 'bulk:nil';
	if (r.type === 'double') return `bulk:${r.value}`; // a RESP2 connection gets doubles as bulks
	return `${r.type}:${String(r.value)}`;
}

export type Verdict = 'same' | 'differs' | 'stop';

const int = (r: Reply): number | null => (r.type === 'integer' ? Number(r.value) : null);

/** Compares two replies to `argv`, with the timing tolerances described above. 'stop' means the
 * rest of the sequence can't be compared: INCRBYFLOAT went beyond what a double holds (Redis
 * computes with an 80-bit long double; a documented difference). */
export function compare(argv: Argv, engine: Reply, real: Reply): Verdict {
	if (canon(engine) === canon(real)) return 'same';
	const name = (argv[0] ?? '').toUpperCase();
	const [a, b] = [int(engine), int(real)];
	if (a !== null && b !== null) {
		const slack = a > 1e9 && b > 1e9 ? 1000 : 50; // far-future PEXPIREAT: clocks start apart
		if (name === 'PTTL' && a >= 0 && b >= 0 && Math.abs(a - b) <= slack) return 'same';
		if (name === 'TTL' && a > 1e6 && b > 1e6 && Math.abs(a - b) <= 1) return 'same';
		// PEXPIRE k 90 GT on a key set with PX 90 a few commands earlier: on the real server some
		// milliseconds have passed, so 90 from now is later (1); on the engine's clock none have (0).
		// Which side wins is the wall clock's, not the logic's (the expiry golden pins GT and LT).
		const flags = argv.slice(3).map((x) => x.toUpperCase());
		const relative = name === 'PEXPIRE' || name === 'EXPIRE';
		if (relative && (flags.includes('GT') || flags.includes('LT')) && a + b === 1) return 'same';
	}
	if (name === 'INCRBYFLOAT' && real.type === 'bulk' && Math.abs(Number(real.value)) >= 2 ** 53) {
		return 'stop';
	}
	return 'differs';
}

/** An argument as a transcript line writes it: bare when that splits back to the same bytes. */
export function quoteArg(arg: string): string {
	return /^[\x21-\x7e]+$/.test(arg) && !/["'\\]/.test(arg) ? arg : repr(arg);
}

const lines = (r: Reply): string[] => binaryToUtf8(formatReply(r)).replace(/\n$/, '').split('\n');

/** The sequence as a golden transcript (the real server's lines), each difference noted below
 * the command in `#` comments. */
export function toTranscript(
	seq: readonly Argv[],
	engine: readonly Reply[],
	real: readonly Reply[],
	header: readonly string[],
): string {
	const out = header.map((h) => `# ${h}`);
	out.push('> DEBUG SET-ACTIVE-EXPIRE 0', 'OK');
	seq.forEach((argv, i) => {
		const [e, r] = [engine[i], real[i]];
		out.push(`> ${argv.map(quoteArg).join(' ')}`);
		if (r) out.push(...lines(r));
		if (e && r && compare(argv, e, r) !== 'same') {
			out.push(`# ^^^ MISMATCH (command ${i + 1}) — the engine printed:`);
			out.push(...lines(e).map((l) => `#     ${l}`));
		}
	});
	return out.join('\n');
}
