// Mirrors getexCommand, getdelCommand and getsetCommand in src/t_string.c: the commands that read
// a string and then change its key — its TTL, its existence or its value.
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
import { ERR, NIL, bulk, error, type Reply } from '../reply.ts';
import {
	EXPIRE_SYNTAX,
	OBJ_EXAT,
	OBJ_PERSIST,
	OBJ_PXAT,
	getExpireMilliseconds,
	parseStringArgs,
} from './set-options.ts';
import { getGenericCommand } from './string-read.ts';

/**
 * GETEX. Order of checks: option syntax, the read lookup (a missing key is nil even when the
 * expire value is invalid), WRONGTYPE, then the expire value. The reply is the value as it was.
 */
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

const oneKey = [1, 1, 1] as const;

export const getexCommands: readonly CommandSpec[] = [
	{
		name: 'GETSET',
		arity: 3,
		flags: ['write', 'denyoom', 'fast'],
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
];
