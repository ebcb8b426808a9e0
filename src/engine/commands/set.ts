// Mirrors the write side of src/t_string.c: setGenericCommand (SET, SETNX, SETEX, PSETEX), GETSET,
// GETEX, GETDEL, MSET and MSETNX.
import type { CommandContext, CommandSpec } from '../command.ts';
import {
	dbDelete,
	initialLru,
	lookupKeyRead,
	lookupKeyWrite,
	removeExpire,
	setExpire,
	setKey,
	signalModifiedKey,
} from '../keyspace.ts';
import { createString } from '../object.ts';
import { ERR, NIL, OK, ONE, ZERO, bulk, error, type Reply } from '../reply.ts';
import { getGenericCommand } from './string-read.ts';
import {
	OBJ_EX,
	OBJ_EXAT,
	OBJ_KEEPTTL,
	OBJ_PERSIST,
	OBJ_PX,
	OBJ_PXAT,
	OBJ_SET_GET,
	OBJ_SET_NX,
	OBJ_SET_XX,
	getExpireMilliseconds,
	parseStringArgs,
	type StringArgs,
} from './set-options.ts';

/**
 * setGenericCommand. Order of checks: the expire value, then (with GET) the old value is read —
 * WRONGTYPE stops everything — then the NX/XX condition on a write lookup, then the write, which
 * drops the old TTL unless KEEPTTL. With GET the reply is always the old value.
 */
function setGeneric(
	{ server, db, argv }: CommandContext,
	args: StringArgs,
	key: string,
	value: string,
	okReply: Reply = OK,
	abortReply: Reply = NIL,
): Reply {
	let when = 0;
	if (args.expire !== null) {
		const ms = getExpireMilliseconds(server, args.expire, args.flags, args.unit, name(argv));
		if (typeof ms !== 'number') return ms;
		when = ms;
	}
	let old: Reply | null = null;
	if (args.flags & OBJ_SET_GET) {
		old = getGenericCommand(server, db, key);
		if (old.type === 'error') return old;
	}
	const found = lookupKeyWrite(server, db, key) !== null;
	if ((args.flags & OBJ_SET_NX && found) || (args.flags & OBJ_SET_XX && !found))
		return old ?? abortReply;
	setKey(server, db, key, createString(value, initialLru(server)), !!(args.flags & OBJ_KEEPTTL));
	if (args.expire !== null) setExpire(server, db, key, when);
	return old ?? okReply;
}

/** c->cmd->fullname, as the expire error names it. */
const name = (argv: readonly string[]) => argv[0]!.toLowerCase();

function getexCommand(ctx: CommandContext): Reply {
	const { server, db, argv } = ctx;
	const args = parseStringArgs(argv, 2, 'get');
	if ('type' in args) return args;
	const key = argv[1]!;
	const obj = lookupKeyRead(server, db, key);
	if (!obj) return NIL;
	if (obj.type !== 'string') return error(ERR.wrongType);
	let when = 0;
	if (args.expire !== null) {
		const ms = getExpireMilliseconds(server, args.expire, args.flags, args.unit, 'getex');
		if (typeof ms !== 'number') return ms;
		when = ms;
	}
	const reply = bulk(obj.value);
	if (args.flags & (OBJ_EXAT | OBJ_PXAT) && when <= server.now()) {
		// An absolute time already past deletes the key outright: a DEL, not an expiry.
		dbDelete(server, db, key);
	} else if (args.expire !== null) {
		setExpire(server, db, key, when);
	} else if (args.flags & OBJ_PERSIST) {
		if (removeExpire(db, key)) signalModifiedKey(server, db, key);
	}
	return reply;
}

/** MSET / MSETNX: an even argc is an arity error; MSETNX stops at the first key that exists. */
function msetGeneric({ server, db, argv }: CommandContext, nx: boolean): Reply {
	if (argv.length % 2 === 0) return error(ERR.wrongArgs(nx ? 'msetnx' : 'mset'));
	if (nx) {
		for (let j = 1; j < argv.length; j += 2)
			if (lookupKeyWrite(server, db, argv[j]!) !== null) return ZERO;
	}
	for (let j = 1; j < argv.length; j += 2) {
		const key = argv[j]!;
		// setKey without SETKEY_DOESNT_EXIST looks the key up for writing first.
		if (!nx) lookupKeyWrite(server, db, key);
		setKey(server, db, key, createString(argv[j + 1]!, initialLru(server)));
	}
	return nx ? ONE : OK;
}

const NO_ARGS: StringArgs = { flags: 0, expire: null, unit: 'seconds' };
const write = ['write', 'denyoom'] as const;
const writeFast = ['write', 'denyoom', 'fast'] as const;
const oneKey = [1, 1, 1] as const;
const EXPIRE_SYNTAX =
	'EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds';

export const setCommands: readonly CommandSpec[] = [
	{
		name: 'SET',
		arity: -3,
		flags: write,
		group: 'string',
		summary: 'Sets the string value of a key, optionally only if it exists or not, with a TTL.',
		syntax: `key value [NX|XX] [GET] [${EXPIRE_SYNTAX}|KEEPTTL]`,
		since: '1.0.0',
		keys: oneKey,
		run(ctx) {
			const args = parseStringArgs(ctx.argv, 3, 'set');
			if ('type' in args) return args;
			return setGeneric(ctx, args, ctx.argv[1]!, ctx.argv[2]!);
		},
	},
	{
		name: 'SETNX',
		arity: 3,
		flags: writeFast,
		group: 'string',
		summary: 'Sets the string value of a key only when the key does not exist.',
		syntax: 'key value',
		since: '1.0.0',
		keys: oneKey,
		run: (ctx) =>
			setGeneric(ctx, { ...NO_ARGS, flags: OBJ_SET_NX }, ctx.argv[1]!, ctx.argv[2]!, ONE, ZERO),
	},
	{
		name: 'SETEX',
		arity: 4,
		flags: write,
		group: 'string',
		summary: 'Sets the string value and the time to live in seconds of a key.',
		syntax: 'key seconds value',
		since: '2.0.0',
		keys: oneKey,
		run: (ctx) =>
			setGeneric(
				ctx,
				{ flags: OBJ_EX, expire: ctx.argv[2]!, unit: 'seconds' },
				ctx.argv[1]!,
				ctx.argv[3]!,
			),
	},
	{
		name: 'PSETEX',
		arity: 4,
		flags: write,
		group: 'string',
		summary: 'Sets the string value and the time to live in milliseconds of a key.',
		syntax: 'key milliseconds value',
		since: '2.6.0',
		keys: oneKey,
		run: (ctx) =>
			setGeneric(
				ctx,
				{ flags: OBJ_PX, expire: ctx.argv[2]!, unit: 'milliseconds' },
				ctx.argv[1]!,
				ctx.argv[3]!,
			),
	},
	{
		name: 'GETSET',
		arity: 3,
		flags: writeFast,
		group: 'string',
		summary: 'Sets the string value of a key and returns its previous value; drops the TTL.',
		syntax: 'key value',
		since: '1.0.0',
		keys: oneKey,
		run({ server, db, argv }) {
			const old = getGenericCommand(server, db, argv[1]!);
			if (old.type === 'error') return old;
			lookupKeyWrite(server, db, argv[1]!);
			setKey(server, db, argv[1]!, createString(argv[2]!, initialLru(server)));
			return old;
		},
	},
	{
		name: 'GETEX',
		arity: -2,
		flags: ['write', 'fast'],
		group: 'string',
		summary: 'Returns the string value of a key after setting or removing its expiration.',
		syntax: `key [${EXPIRE_SYNTAX}|PERSIST]`,
		since: '6.2.0',
		keys: oneKey,
		run: getexCommand,
	},
	{
		name: 'GETDEL',
		arity: 2,
		flags: ['write', 'fast'],
		group: 'string',
		summary: 'Returns the string value of a key after deleting the key.',
		syntax: 'key',
		since: '6.2.0',
		keys: oneKey,
		run({ server, db, argv }) {
			const reply = getGenericCommand(server, db, argv[1]!);
			if (reply.type === 'bulk' && reply.value !== null) dbDelete(server, db, argv[1]!);
			return reply;
		},
	},
	{
		name: 'MSET',
		arity: -3,
		flags: write,
		group: 'string',
		summary: 'Sets the string values of one or more keys, dropping their TTLs.',
		syntax: 'key value [key value ...]',
		since: '1.0.1',
		keys: [1, -1, 2],
		run: (ctx) => msetGeneric(ctx, false),
	},
	{
		name: 'MSETNX',
		arity: -3,
		flags: write,
		group: 'string',
		summary: 'Sets the string values of one or more keys only when none of the keys exist.',
		syntax: 'key value [key value ...]',
		since: '1.0.1',
		keys: [1, -1, 2],
		run: (ctx) => msetGeneric(ctx, true),
	},
];
