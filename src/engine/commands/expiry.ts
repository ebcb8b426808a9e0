// Mirrors the "Expires Commands" section of src/expire.c: EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT
// through one expireGeneric, TTL, PTTL, EXPIRETIME, PEXPIRETIME through one ttlGeneric, and PERSIST.
import type { CommandContext, CommandSpec } from '../command.ts';
import {
	LOOKUP_NOTOUCH,
	dbDelete,
	getExpire,
	lookupKeyRead,
	lookupKeyWrite,
	removeExpire,
	setExpire,
	signalModifiedKey,
} from '../keyspace.ts';
import { parseStrictInt64 } from '../object.ts';
import { ERR, ONE, ZERO, error, integer, type Reply } from '../reply.ts';

const LLONG_MAX = 2n ** 63n - 1n;
const LLONG_MIN = -(2n ** 63n);

type Unit = 'seconds' | 'milliseconds';

const EXPIRE_NX = 1;
const EXPIRE_XX = 2;
const EXPIRE_GT = 4;
const EXPIRE_LT = 8;

/** parseExtendedExpireArgumentsOrReply: NX|XX|GT|LT in any case, repeats allowed. */
function parseExpireFlags(argv: readonly string[]): number | Reply {
	let flags = 0;
	for (let j = 3; j < argv.length; j++) {
		const opt = argv[j]!;
		const lower = opt.toLowerCase();
		if (lower === 'nx') flags |= EXPIRE_NX;
		else if (lower === 'xx') flags |= EXPIRE_XX;
		else if (lower === 'gt') flags |= EXPIRE_GT;
		else if (lower === 'lt') flags |= EXPIRE_LT;
		else return error(`ERR Unsupported option ${opt.replace(/[\r\n]/g, ' ')}`);
	}
	if (flags & EXPIRE_NX && flags & (EXPIRE_XX | EXPIRE_GT | EXPIRE_LT))
		return error('ERR NX and XX, GT or LT options at the same time are not compatible');
	if (flags & EXPIRE_GT && flags & EXPIRE_LT)
		return error('ERR GT and LT options at the same time are not compatible');
	return flags;
}

/** Would NX/XX/GT/LT refuse this change? A key without a TTL counts as an infinite TTL. */
function refusedByFlags(flags: number, current: number, when: bigint): boolean {
	const hasTtl = current !== -1;
	if (flags & EXPIRE_NX && hasTtl) return true;
	if (flags & EXPIRE_XX && !hasTtl) return true;
	if (flags & EXPIRE_GT && (!hasTtl || when <= BigInt(current))) return true;
	if (flags & EXPIRE_LT && hasTtl && when >= BigInt(current)) return true;
	return false;
}

/**
 * expireGenericCommand. `basetime` is now for the relative forms and 0 for the *AT forms. The
 * order of checks is Redis's and is visible: options, then the number, then overflow, then the
 * key (a write lookup), then the flags. A time already past deletes the key outright — an
 * explicit DEL, so it is not counted in expired_keys — and still replies 1.
 */
function expireGeneric(ctx: CommandContext, basetime: number, unit: Unit): Reply {
	const { server, db, argv } = ctx;
	const name = argv[0]!.toLowerCase();
	const key = argv[1]!;
	const flags = parseExpireFlags(argv);
	if (typeof flags !== 'number') return flags;
	let when = parseStrictInt64(argv[2]!);
	if (when === null) return error(ERR.notInteger);
	if (unit === 'seconds') {
		if (when > LLONG_MAX / 1000n || when < LLONG_MIN / 1000n) return error(ERR.invalidExpire(name));
		when *= 1000n;
	}
	const base = BigInt(basetime);
	if (when > LLONG_MAX - base) return error(ERR.invalidExpire(name));
	when += base;

	if (!lookupKeyWrite(server, db, key)) return ZERO;
	if (flags && refusedByFlags(flags, getExpire(db, key), when)) return ZERO;
	if (when <= BigInt(server.now())) {
		dbDelete(server, db, key);
		return ONE;
	}
	// Stored as a JS number: exact up to 2^53 ms (year 287,396), beyond that rounded.
	setExpire(server, db, key, Number(when));
	return ONE;
}

/**
 * ttlGenericCommand: -2 for a missing key (a NOTOUCH read lookup, so it counts a hit or miss and
 * expires a dead key), -1 without a TTL. Seconds are rounded to nearest, halves up:
 * (ms + 500) / 1000 in integer maths — for the absolute EXPIRETIME too.
 */
function ttlGeneric(ctx: CommandContext, outputMs: boolean, outputAbs: boolean): Reply {
	const { server, db, argv } = ctx;
	if (!lookupKeyRead(server, db, argv[1]!, LOOKUP_NOTOUCH)) return integer(-2);
	const expire = getExpire(db, argv[1]!);
	if (expire === -1) return integer(-1);
	if (!Number.isSafeInteger(expire)) return bigTtl(expire, server.now(), outputMs, outputAbs);
	const ttl = Math.max(0, outputAbs ? expire : expire - server.now());
	return integer(outputMs ? ttl : Math.floor((ttl + 500) / 1000));
}

/**
 * ttlGeneric's maths past 2^53 ms, where doubles cannot hold the answer: in BigInt, from the stored
 * (rounded) expiry, capped at LLONG_MAX — so PEXPIREAT k LLONG_MAX reads back exactly.
 */
function bigTtl(expire: number, now: number, outputMs: boolean, outputAbs: boolean): Reply {
	let when = BigInt(expire);
	if (when > LLONG_MAX) when = LLONG_MAX;
	let ttl = outputAbs ? when : when - BigInt(now);
	if (ttl < 0n) ttl = 0n;
	return integer(outputMs ? ttl : (ttl + 500n) / 1000n);
}

function persist({ server, db, argv }: CommandContext): Reply {
	const key = argv[1]!;
	if (!lookupKeyWrite(server, db, key) || !removeExpire(db, key)) return ZERO;
	signalModifiedKey(server, db, key);
	return ONE;
}

const expireSpec = (
	name: string,
	syntax: string,
	since: string,
	summary: string,
	run: (ctx: CommandContext) => Reply,
): CommandSpec => ({
	name,
	arity: -3,
	flags: ['write', 'fast'],
	group: 'generic',
	summary,
	syntax: `key ${syntax} [NX|XX|GT|LT]`,
	since,
	keys: [1, 1, 1],
	run,
});

const ttlSpec = (
	name: string,
	since: string,
	summary: string,
	run: (ctx: CommandContext) => Reply,
): CommandSpec => ({
	name,
	arity: 2,
	flags: ['readonly', 'fast'],
	group: 'generic',
	summary,
	syntax: 'key',
	since,
	keys: [1, 1, 1],
	run,
});

export const expiryCommands: readonly CommandSpec[] = [
	expireSpec('EXPIRE', 'seconds', '1.0.0', "Sets a key's time to live in seconds.", (ctx) =>
		expireGeneric(ctx, ctx.server.now(), 'seconds'),
	),
	expireSpec('PEXPIRE', 'milliseconds', '2.6.0', "Sets a key's time to live in ms.", (ctx) =>
		expireGeneric(ctx, ctx.server.now(), 'milliseconds'),
	),
	expireSpec(
		'EXPIREAT',
		'unix-time-seconds',
		'1.2.0',
		'Sets the moment a key expires, as a Unix time in seconds.',
		(ctx) => expireGeneric(ctx, 0, 'seconds'),
	),
	expireSpec(
		'PEXPIREAT',
		'unix-time-milliseconds',
		'2.6.0',
		'Sets the moment a key expires, as a Unix time in milliseconds.',
		(ctx) => expireGeneric(ctx, 0, 'milliseconds'),
	),
	ttlSpec('TTL', '1.0.0', 'Returns the seconds a key has left to live.', (ctx) =>
		ttlGeneric(ctx, false, false),
	),
	ttlSpec('PTTL', '2.6.0', 'Returns the milliseconds a key has left to live.', (ctx) =>
		ttlGeneric(ctx, true, false),
	),
	ttlSpec('EXPIRETIME', '7.0.0', 'Returns the Unix time (s) at which a key expires.', (ctx) =>
		ttlGeneric(ctx, false, true),
	),
	ttlSpec('PEXPIRETIME', '7.0.0', 'Returns the Unix time (ms) at which a key expires.', (ctx) =>
		ttlGeneric(ctx, true, true),
	),
	{
		name: 'PERSIST',
		arity: 2,
		flags: ['write', 'fast'],
		group: 'generic',
		summary: 'Removes the time to live of a key.',
		syntax: 'key',
		since: '2.2.0',
		keys: [1, 1, 1],
		run: persist,
	},
];
