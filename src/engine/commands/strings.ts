// Mirrors src/t_string.c: the string commands.
import type { CommandSpec } from '../command.ts';
import { lookupKeyRead } from '../keyspace.ts';
import { ERR, NIL, bulk, error } from '../reply.ts';

export const stringsCommands: readonly CommandSpec[] = [
	{
		name: 'GET',
		arity: 2,
		flags: ['readonly', 'fast'],
		group: 'string',
		summary: 'Returns the string value of a key.',
		syntax: 'key',
		since: '1.0.0',
		keys: [1, 1, 1],
		run({ server, db, argv }) {
			const obj = lookupKeyRead(server, db, argv[1]!);
			if (!obj) return NIL;
			if (obj.type !== 'string') return error(ERR.wrongType);
			return bulk(obj.value);
		},
	},
];
