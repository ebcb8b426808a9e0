// Mirrors the read side of src/t_string.c: getGenericCommand, GET, MGET, STRLEN, GETRANGE/SUBSTR.
import type { CommandContext, CommandSpec } from '../command.ts';
import { lookupKeyRead, type Db } from '../keyspace.ts';
import { parseStrictInt64 } from '../object.ts';
import { ERR, NIL, ZERO, array, bulk, error, integer, type Reply } from '../reply.ts';
import type { Server } from '../server.ts';

/**
 * getGenericCommand: a read lookup (hit or miss counted), nil when missing, WRONGTYPE for a
 * non-string. GETSET, GETDEL and SET … GET start with it and stop on its error.
 */
export function getGenericCommand(server: Server, db: Db, key: string): Reply {
	const obj = lookupKeyRead(server, db, key);
	if (!obj) return NIL;
	if (obj.type !== 'string') return error(ERR.wrongType);
	return bulk(obj.value);
}

const EMPTY = bulk('');

/**
 * GETRANGE: both indexes are parsed before the lookup. Negative ones count from the end; two
 * negative indexes in the wrong order give "" before any clamping (so -100 -200 is "", not "h").
 */
function getrangeCommand({ server, db, argv }: CommandContext): Reply {
	const startArg = parseStrictInt64(argv[2]!);
	if (startArg === null) return error(ERR.notInteger);
	const endArg = parseStrictInt64(argv[3]!);
	if (endArg === null) return error(ERR.notInteger);
	const obj = lookupKeyRead(server, db, argv[1]!);
	if (!obj) return EMPTY;
	if (obj.type !== 'string') return error(ERR.wrongType);
	const s = obj.value;
	const len = s.length;
	// Indexes beyond ±2^53 lose precision as numbers, but they are clamped to [0, len) anyway.
	let start = Number(startArg);
	let end = Number(endArg);
	if (start < 0 && end < 0 && start > end) return EMPTY;
	if (start < 0) start = len + start;
	if (end < 0) end = len + end;
	if (start < 0) start = 0;
	if (end < 0) end = 0;
	if (end >= len) end = len - 1;
	if (start > end || len === 0) return EMPTY;
	return bulk(s.slice(start, end + 1));
}

const rangeSpec = {
	arity: 4,
	flags: ['readonly'],
	group: 'string',
	summary: 'Returns a substring of the string stored at a key.',
	syntax: 'key start end',
	keys: [1, 1, 1],
	run: getrangeCommand,
} as const;

export const stringReadCommands: readonly CommandSpec[] = [
	{
		name: 'GET',
		arity: 2,
		flags: ['readonly', 'fast'],
		group: 'string',
		summary: 'Returns the string value of a key.',
		syntax: 'key',
		since: '1.0.0',
		keys: [1, 1, 1],
		run: ({ server, db, argv }) => getGenericCommand(server, db, argv[1]!),
	},
	{
		name: 'MGET',
		arity: -2,
		flags: ['readonly', 'fast'],
		group: 'string',
		summary: 'Returns the string values of one or more keys (nil for missing or non-string keys).',
		syntax: 'key [key ...]',
		since: '1.0.0',
		keys: [1, -1, 1],
		run({ server, db, argv }) {
			const replies: Reply[] = [];
			for (let j = 1; j < argv.length; j++) {
				const obj = lookupKeyRead(server, db, argv[j]!);
				replies.push(obj && obj.type === 'string' ? bulk(obj.value) : NIL);
			}
			return array(replies);
		},
	},
	{
		name: 'STRLEN',
		arity: 2,
		flags: ['readonly', 'fast'],
		group: 'string',
		summary: 'Returns the length in bytes of the string stored at a key.',
		syntax: 'key',
		since: '2.2.0',
		keys: [1, 1, 1],
		run({ server, db, argv }) {
			const obj = lookupKeyRead(server, db, argv[1]!);
			if (!obj) return ZERO;
			if (obj.type !== 'string') return error(ERR.wrongType);
			return integer(obj.value.length);
		},
	},
	{ name: 'GETRANGE', since: '2.4.0', ...rangeSpec },
	{ name: 'SUBSTR', since: '1.0.0', ...rangeSpec },
];
