// Mirrors parseExtendedStringArgumentsOrReply and getExpireMillisecondsOrReply in src/t_string.c:
// the option grammar SET and GETEX share, and how their expire argument becomes an absolute time.
import { parseStrictInt64 } from '../object.ts';
import { ERR, error, type Reply } from '../reply.ts';
import type { Server } from '../server.ts';

export const OBJ_SET_NX = 1 << 0;
export const OBJ_SET_XX = 1 << 1;
export const OBJ_EX = 1 << 2;
export const OBJ_PX = 1 << 3;
export const OBJ_KEEPTTL = 1 << 4;
export const OBJ_SET_GET = 1 << 5;
export const OBJ_EXAT = 1 << 6;
export const OBJ_PXAT = 1 << 7;
export const OBJ_PERSIST = 1 << 8;

const ANY_EXPIRE = OBJ_EX | OBJ_PX | OBJ_EXAT | OBJ_PXAT;
const LLONG_MAX = 9223372036854775807n;

export type CommandType = 'set' | 'get';

/** The expire options as redis-cli's help writes them. */
export const EXPIRE_SYNTAX =
	'EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds';

export interface StringArgs {
	readonly flags: number;
	/** The expire argument as typed, or null when no EX/PX/EXAT/PXAT was given. */
	readonly expire: string | null;
	readonly unit: 'seconds' | 'milliseconds';
}

/** The expire options: the flag, its unit, and the other expire flags it refuses. */
const EXPIRE_OPTIONS: Readonly<Record<string, { flag: number; unit: StringArgs['unit'] }>> = {
	EX: { flag: OBJ_EX, unit: 'seconds' },
	PX: { flag: OBJ_PX, unit: 'milliseconds' },
	EXAT: { flag: OBJ_EXAT, unit: 'seconds' },
	PXAT: { flag: OBJ_PXAT, unit: 'milliseconds' },
};

/**
 * Parses argv[first..] left to right. Each token is taken only if it does not conflict with one
 * seen before (NX/XX exclude each other, KEEPTTL/PERSIST exclude every expire option, an expire
 * option excludes the *other* expire options — repeating the same one is fine, the last value
 * wins); anything else is a syntax error. Tokens compare as C strings, so `"NX\x00junk"` is NX.
 */
export function parseStringArgs(
	argv: readonly string[],
	first: number,
	type: CommandType,
): StringArgs | Reply {
	let flags = 0;
	let expire: string | null = null;
	let unit: StringArgs['unit'] = 'seconds';
	for (let j = first; j < argv.length; j++) {
		const opt = cString(argv[j]!).toUpperCase();
		const next = j === argv.length - 1 ? undefined : argv[j + 1];
		const timed = EXPIRE_OPTIONS[opt];
		if (opt === 'NX' && !(flags & OBJ_SET_XX) && type === 'set') flags |= OBJ_SET_NX;
		else if (opt === 'XX' && !(flags & OBJ_SET_NX) && type === 'set') flags |= OBJ_SET_XX;
		else if (opt === 'GET' && type === 'set') flags |= OBJ_SET_GET;
		else if (opt === 'KEEPTTL' && !(flags & (OBJ_PERSIST | ANY_EXPIRE)) && type === 'set')
			flags |= OBJ_KEEPTTL;
		else if (opt === 'PERSIST' && type === 'get' && !(flags & (ANY_EXPIRE | OBJ_KEEPTTL)))
			flags |= OBJ_PERSIST;
		else if (
			timed &&
			next !== undefined &&
			!(flags & (OBJ_KEEPTTL | OBJ_PERSIST | (ANY_EXPIRE & ~timed.flag)))
		) {
			flags |= timed.flag;
			unit = timed.unit;
			expire = next;
			j++;
		} else return error(ERR.syntax);
	}
	return { flags, expire, unit };
}

/** What strcasecmp sees of an argument: the bytes before its first NUL. */
function cString(s: string): string {
	const nul = s.indexOf('\u0000');
	return nul === -1 ? s : s.slice(0, nul);
}

/**
 * The absolute expire time in ms, or the error reply. Zero or negative values, seconds that would
 * overflow when multiplied by 1000, and relative times that overflow once `now` is added are all
 * "invalid expire time in '<command>' command". A past EXAT/PXAT is fine here.
 */
export function getExpireMilliseconds(
	server: Server,
	expire: string,
	flags: number,
	unit: StringArgs['unit'],
	command: string,
): number | Reply {
	const fast = smallExpireMilliseconds(server, expire, flags, unit);
	if (fast !== -1) return fast;
	let ms = parseStrictInt64(expire);
	if (ms === null) return error(ERR.notInteger);
	if (ms <= 0n || (unit === 'seconds' && ms > LLONG_MAX / 1000n))
		return error(ERR.invalidExpire(command));
	if (unit === 'seconds') ms *= 1000n;
	// Redis adds `now` in signed 64-bit arithmetic; an overflow wraps negative and is refused.
	if (flags & (OBJ_EX | OBJ_PX)) ms += BigInt(server.now());
	if (ms > LLONG_MAX) return error(ERR.invalidExpire(command));
	return Number(ms);
}

/** Digits of the longest expire argument the fast path reads: below 2^53 whatever its unit. */
const FAST_DIGITS = 12;

/**
 * The common case without BigInt: a positive decimal of at most 12 digits (no sign, no leading
 * zero), whose absolute time stays a safe integer, so double arithmetic is exact and none of the
 * errors can apply. -1 sends anything else down the 64-bit path.
 */
function smallExpireMilliseconds(
	server: Server,
	expire: string,
	flags: number,
	unit: StringArgs['unit'],
): number {
	const n = expire.length;
	if (n === 0 || n > FAST_DIGITS) return -1;
	let v = expire.charCodeAt(0) - 48;
	if (v < 1 || v > 9) return -1;
	for (let i = 1; i < n; i++) {
		const d = expire.charCodeAt(i) - 48;
		if (d < 0 || d > 9) return -1;
		v = v * 10 + d;
	}
	if (unit === 'seconds') v *= 1000;
	if (flags & (OBJ_EX | OBJ_PX)) v += server.now();
	return Number.isSafeInteger(v) ? v : -1;
}
