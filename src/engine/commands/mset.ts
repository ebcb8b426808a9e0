// Mirrors msetGenericCommand in src/t_string.c: MSET and MSETNX.
import type { CommandContext, CommandSpec } from '../command.ts';
import { initialLru, lookupKeyWrite, setKey } from '../keyspace.ts';
import { createString } from '../object.ts';
import { ERR, OK, ONE, ZERO, error, type Reply } from '../reply.ts';

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

export const msetCommands: readonly CommandSpec[] = [
	{
		name: 'MSET',
		arity: -3,
		flags: ['write', 'denyoom'],
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
		flags: ['write', 'denyoom'],
		group: 'string',
		summary: 'Sets the string values of one or more keys only when none of the keys exist.',
		syntax: 'key value [key value ...]',
		since: '1.0.1',
		keys: [1, -1, 2],
		run: (ctx) => msetGeneric(ctx, true),
	},
];
