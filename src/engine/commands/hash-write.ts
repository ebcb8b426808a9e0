// Mirrors the writing hash commands of src/t_hash.c: HSET/HMSET, HSETNX, HDEL, HINCRBY and
// HINCRBYFLOAT (the latter in x87 long double, as Redis computes it).
import type { CommandContext, CommandSpec } from '../command.ts';
import {
	addLongDouble,
	formatLongDouble,
	isFiniteLongDouble,
	parseLongDouble,
} from '../long-double.ts';
import { parseStrictInt64 } from '../object.ts';
import { ERR, OK, ZERO, bulk, error, integer, type Reply } from '../reply.ts';
import { hashDelete, hashSet, isHashReply, openHash, storeHash, writeHash } from './hash-type.ts';

const LLONG_MAX = 9223372036854775807n;
const LLONG_MIN = -9223372036854775808n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** hsetCommand: HSET replies how many fields were new, HMSET (the same code) replies OK. */
function hsetGeneric({ server, db, argv }: CommandContext, isHmset: boolean): Reply {
	if (argv.length % 2 === 1) return error(ERR.wrongArgs(isHmset ? 'hmset' : 'hset'));
	const key = argv[1]!;
	const open = openHash(server, db, key);
	if (isHashReply(open)) return open;
	let created = 0;
	for (let i = 2; i < argv.length; i += 2)
		if (hashSet(server.config, open.obj, argv[i]!, argv[i + 1]!)) created++;
	storeHash(server, db, key, open);
	return isHmset ? OK : integer(created);
}

function hsetnx({ server, db, argv }: CommandContext): Reply {
	const key = argv[1]!;
	const open = openHash(server, db, key);
	if (isHashReply(open)) return open;
	if (open.obj.value.has(argv[2]!)) return ZERO;
	hashSet(server.config, open.obj, argv[2]!, argv[3]!);
	storeHash(server, db, key, open);
	return integer(1);
}

function hdel({ server, db, argv }: CommandContext): Reply {
	const key = argv[1]!;
	const obj = writeHash(server, db, key);
	if (obj === null) return ZERO;
	if (isHashReply(obj)) return obj;
	return integer(hashDelete(server, db, key, obj, argv.slice(2)));
}

/**
 * hincrbyCommand: the increment is parsed first (string2ll), then the key; an existing value
 * must itself be a canonical int64, and the sum must stay inside int64.
 */
function hincrby({ server, db, argv }: CommandContext): Reply {
	const incr = parseStrictInt64(argv[3]!);
	if (incr === null) return error(ERR.notInteger);
	const key = argv[1]!;
	const open = openHash(server, db, key);
	if (isHashReply(open)) return open;
	const current = open.obj.value.get(argv[2]!);
	const value = current === undefined ? 0n : parseStrictInt64(current);
	if (value === null) return error('ERR hash value is not an integer');
	if (
		(incr < 0n && value < 0n && incr < LLONG_MIN - value) ||
		(incr > 0n && value > 0n && incr > LLONG_MAX - value)
	)
		return error('ERR increment or decrement would overflow');
	const result = value + incr;
	hashSet(server.config, open.obj, argv[2]!, result.toString());
	storeHash(server, db, key, open);
	return integer(result >= -MAX_SAFE && result <= MAX_SAFE ? Number(result) : result);
}

/**
 * hincrbyfloatCommand: increment and stored value are read with string2ld, summed with one x87
 * rounding and written back as "%.17Lf" trimmed (so 1e308 + 1e308 prints 309 digits).
 */
function hincrbyfloat({ server, db, argv }: CommandContext): Reply {
	const incr = parseLongDouble(argv[3]!);
	if (incr === null) return error(ERR.notFloat);
	if (!isFiniteLongDouble(incr)) return error('ERR value is NaN or Infinity');
	const key = argv[1]!;
	const open = openHash(server, db, key);
	if (isHashReply(open)) return open;
	const current = open.obj.value.get(argv[2]!);
	const value = current === undefined ? parseLongDouble('0')! : parseLongDouble(current);
	if (value === null) return error('ERR hash value is not a float');
	const sum = addLongDouble(value, incr);
	if (!isFiniteLongDouble(sum)) return error('ERR increment would produce NaN or Infinity');
	const text = formatLongDouble(sum);
	hashSet(server.config, open.obj, argv[2]!, text);
	storeHash(server, db, key, open);
	return bulk(text);
}

const writeFast = ['write', 'denyoom', 'fast'] as const;
const oneKey = [1, 1, 1] as const;

export const hashWriteCommands: readonly CommandSpec[] = [
	{
		name: 'HSET',
		arity: -4,
		flags: writeFast,
		group: 'hash',
		summary: 'Sets fields of a hash, creating it if needed; replies how many fields are new.',
		syntax: 'key field value [field value ...]',
		since: '2.0.0',
		keys: oneKey,
		run: (ctx) => hsetGeneric(ctx, false),
	},
	{
		name: 'HMSET',
		arity: -4,
		flags: writeFast,
		group: 'hash',
		summary: 'Sets fields of a hash (the old form of HSET); replies OK.',
		syntax: 'key field value [field value ...]',
		since: '2.0.0',
		keys: oneKey,
		run: (ctx) => hsetGeneric(ctx, true),
	},
	{
		name: 'HSETNX',
		arity: 4,
		flags: writeFast,
		group: 'hash',
		summary: 'Sets a hash field only if it does not exist yet.',
		syntax: 'key field value',
		since: '2.0.0',
		keys: oneKey,
		run: hsetnx,
	},
	{
		name: 'HDEL',
		arity: -3,
		flags: ['write', 'fast'],
		group: 'hash',
		summary: 'Deletes fields from a hash; the key goes when its last field does.',
		syntax: 'key field [field ...]',
		since: '2.0.0',
		keys: oneKey,
		run: hdel,
	},
	{
		name: 'HINCRBY',
		arity: 4,
		flags: writeFast,
		group: 'hash',
		summary: 'Adds an integer to a hash field (a missing field counts as 0).',
		syntax: 'key field increment',
		since: '2.0.0',
		keys: oneKey,
		run: hincrby,
	},
	{
		name: 'HINCRBYFLOAT',
		arity: 4,
		flags: writeFast,
		group: 'hash',
		summary: 'Adds a floating point number to a hash field, in long double precision.',
		syntax: 'key field increment',
		since: '2.6.0',
		keys: oneKey,
		run: hincrbyfloat,
	},
];
