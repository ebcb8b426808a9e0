// Mirrors setGenericCommand in src/t_string.c and the commands built on it: SET, SETNX, SETEX and
// PSETEX.
import type { CommandContext, CommandSpec } from '../command.ts';
import { initialLru, lookupKeyWrite, overwriteString, setExpire, setKey } from '../keyspace.ts';
import { createString } from '../object.ts';
import { NIL, OK, ONE, ZERO, type Reply } from '../reply.ts';
import { getGenericCommand } from './string-read.ts';
import {
	EXPIRE_SYNTAX,
	OBJ_EX,
	OBJ_KEEPTTL,
	OBJ_PX,
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
 *
 * The options come as plain arguments rather than a StringArgs, so SETEX and PSETEX allocate
 * nothing per call. A write that sets a TTL keeps the key's expires entry and overwrites its time
 * instead of deleting and re-adding it: the end state is the same, and the key keeps its place in
 * the expire sweep's order, as in Redis, where an expires entry's bucket depends only on the key.
 * `command` is c->cmd->fullname, which an invalid expire time names.
 */
function setGeneric(
	{ server, db }: CommandContext,
	flags: number,
	expire: string | null,
	unit: StringArgs['unit'],
	key: string,
	value: string,
	okReply: Reply = OK,
	abortReply: Reply = NIL,
	command = 'set',
): Reply {
	let when = 0;
	if (expire !== null) {
		const ms = getExpireMilliseconds(server, expire, flags, unit, command);
		if (typeof ms !== 'number') return ms;
		when = ms;
	}
	let old: Reply | null = null;
	if (flags & OBJ_SET_GET) {
		old = getGenericCommand(server, db, key);
		if (old.type === 'error') return old;
	}
	const current = lookupKeyWrite(server, db, key);
	const found = current !== null;
	if ((flags & OBJ_SET_NX && found) || (flags & OBJ_SET_XX && !found)) return old ?? abortReply;
	const keepTtl = expire !== null || (flags & OBJ_KEEPTTL) !== 0;
	if (current !== null && current.type === 'string' && current.sds === null)
		overwriteString(server, db, key, current, value, keepTtl);
	else setKey(server, db, key, createString(value, initialLru(server)), keepTtl);
	if (expire !== null) setExpire(server, db, key, when);
	return old ?? okReply;
}

const write = ['write', 'denyoom'] as const;
const writeFast = ['write', 'denyoom', 'fast'] as const;
const oneKey = [1, 1, 1] as const;

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
			// The plain SET key value, the commonest write, has no options to parse.
			if (ctx.argv.length === 3)
				return setGeneric(ctx, 0, null, 'seconds', ctx.argv[1]!, ctx.argv[2]!);
			const args = parseStringArgs(ctx.argv, 3, 'set');
			if ('type' in args) return args;
			return setGeneric(ctx, args.flags, args.expire, args.unit, ctx.argv[1]!, ctx.argv[2]!);
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
			setGeneric(ctx, OBJ_SET_NX, null, 'seconds', ctx.argv[1]!, ctx.argv[2]!, ONE, ZERO, 'setnx'),
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
				OBJ_EX,
				ctx.argv[2]!,
				'seconds',
				ctx.argv[1]!,
				ctx.argv[3]!,
				OK,
				NIL,
				'setex',
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
				OBJ_PX,
				ctx.argv[2]!,
				'milliseconds',
				ctx.argv[1]!,
				ctx.argv[3]!,
				OK,
				NIL,
				'psetex',
			),
	},
];
