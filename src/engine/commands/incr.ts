// Mirrors incrDecrCommand and incrbyfloatCommand in src/t_string.c: INCR, INCRBY, DECR, DECRBY in
// signed 64-bit arithmetic (BigInt), INCRBYFLOAT in x87 long double (long-double.ts).
import type { CommandContext, CommandSpec } from '../command.ts';
import { dbAdd, initialLru, lookupKeyWrite, setKey } from '../keyspace.ts';
import {
	addLongDouble,
	formatLongDouble,
	isFiniteLongDouble,
	parseLongDouble,
	type LongDouble,
} from '../long-double.ts';
import {
	OBJ_ENCODING_EMBSTR_SIZE_LIMIT,
	createString,
	parseStrictInt64,
	type StringObject,
} from '../object.ts';
import { ERR, bulk, error, integer, type Reply } from '../reply.ts';
import { sdsNewLen } from '../sds.ts';

const LLONG_MAX = 9223372036854775807n;
const LLONG_MIN = -9223372036854775808n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * incrDecrCommand: a write lookup, WRONGTYPE, the current value must be a canonical int64
 * (string2ll), and the sum must not leave int64. The result is int-encoded; the TTL stays.
 */
function incrDecr({ server, db, argv }: CommandContext, incr: bigint): Reply {
	const key = argv[1]!;
	const obj = lookupKeyWrite(server, db, key);
	if (obj && obj.type !== 'string') return error(ERR.wrongType);
	const value = obj ? parseStrictInt64(obj.value) : 0n;
	if (value === null) return error(ERR.notInteger);
	if (
		(incr < 0n && value < 0n && incr < LLONG_MIN - value) ||
		(incr > 0n && value > 0n && incr > LLONG_MAX - value)
	)
		return error('ERR increment or decrement would overflow');
	const result = value + incr;
	const created = createString(result.toString(), initialLru(server));
	if (obj) setKey(server, db, key, created, true);
	else dbAdd(server, db, key, created);
	const safe = result >= -MAX_SAFE && result <= MAX_SAFE;
	return integer(safe ? Number(result) : result);
}

/** The increment argument of INCRBY/DECRBY, parsed before the key is looked at. */
function byArgument(ctx: CommandContext, sign: 1n | -1n): Reply {
	const incr = parseStrictInt64(ctx.argv[2]!);
	if (incr === null) return error(ERR.notInteger);
	// Negating LLONG_MIN would overflow before any addition happens.
	if (sign === -1n && incr === LLONG_MIN) return error('ERR decrement would overflow');
	return incrDecr(ctx, sign * incr);
}

const ZERO_LD = parseLongDouble('0')!;

/**
 * INCRBYFLOAT: both operands are read as long double (the stored text through strtold), added
 * with one x87 rounding and printed with "%.17Lf", trimmed. The new value is created from that
 * text without tryObjectEncoding, so "11" stays embstr; the TTL stays.
 */
function incrbyfloatCommand({ server, db, argv }: CommandContext): Reply {
	const key = argv[1]!;
	const obj = lookupKeyWrite(server, db, key);
	if (obj && obj.type !== 'string') return error(ERR.wrongType);
	const value: LongDouble | null = obj ? parseLongDouble(obj.value) : ZERO_LD;
	if (value === null) return error(ERR.notFloat);
	const incr = parseLongDouble(argv[2]!);
	if (incr === null) return error(ERR.notFloat);
	const sum = addLongDouble(value, incr);
	if (!isFiniteLongDouble(sum)) return error('ERR increment would produce NaN or Infinity');
	const text = formatLongDouble(sum);
	const created = stringObjectFromText(text, initialLru(server));
	if (obj) setKey(server, db, key, created, true);
	else dbAdd(server, db, key, created);
	return bulk(text);
}

/** createStringObject: embstr up to 44 bytes, otherwise raw in an exact-size sds; never int. */
function stringObjectFromText(text: string, lru: number): StringObject {
	const obj = createString(text, lru);
	if (text.length <= OBJ_ENCODING_EMBSTR_SIZE_LIMIT) {
		obj.encoding = 'embstr';
	} else {
		const sds = sdsNewLen(text.length);
		obj.encoding = 'raw';
		obj.sds = sds;
	}
	return obj;
}

const writeFast = ['write', 'denyoom', 'fast'] as const;
const oneKey = [1, 1, 1] as const;

export const incrCommands: readonly CommandSpec[] = [
	{
		name: 'INCR',
		arity: 2,
		flags: writeFast,
		group: 'string',
		summary: 'Increments the integer value of a key by one; a missing key counts as 0.',
		syntax: 'key',
		since: '1.0.0',
		keys: oneKey,
		run: (ctx) => incrDecr(ctx, 1n),
	},
	{
		name: 'INCRBY',
		arity: 3,
		flags: writeFast,
		group: 'string',
		summary: 'Increments the integer value of a key by a number; a missing key counts as 0.',
		syntax: 'key increment',
		since: '1.0.0',
		keys: oneKey,
		run: (ctx) => byArgument(ctx, 1n),
	},
	{
		name: 'DECR',
		arity: 2,
		flags: writeFast,
		group: 'string',
		summary: 'Decrements the integer value of a key by one; a missing key counts as 0.',
		syntax: 'key',
		since: '1.0.0',
		keys: oneKey,
		run: (ctx) => incrDecr(ctx, -1n),
	},
	{
		name: 'DECRBY',
		arity: 3,
		flags: writeFast,
		group: 'string',
		summary: 'Decrements the integer value of a key by a number; a missing key counts as 0.',
		syntax: 'key decrement',
		since: '1.0.0',
		keys: oneKey,
		run: (ctx) => byArgument(ctx, -1n),
	},
	{
		name: 'INCRBYFLOAT',
		arity: 3,
		flags: writeFast,
		group: 'string',
		summary: 'Increments the floating point value of a key by a number; a missing key counts as 0.',
		syntax: 'key increment',
		since: '2.6.0',
		keys: oneKey,
		run: incrbyfloatCommand,
	},
];
