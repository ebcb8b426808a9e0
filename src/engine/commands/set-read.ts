// Mirrors the reading set commands of src/t_set.c — SISMEMBER, SMISMEMBER, SCARD, SSCAN (SMEMBERS
// is SINTER of one key there, and lives with it in set-ops.ts).
import type { CommandContext, CommandSpec } from '../command.ts';
import { ERR, ONE, ZERO, array, error, integer, type Reply } from '../reply.ts';
import { dictScan } from './hash-scan.ts';
import {
	EMPTY_SCAN,
	elementScanReply,
	isScanOptions,
	parseScanCursor,
	parseScanOptions,
} from './scan.ts';
import { isReply, readSet } from './set-lookup.ts';

function sismember({ server, db, argv }: CommandContext): Reply {
	const obj = readSet(server, db, argv[1]!);
	if (obj === null) return ZERO;
	if (isReply(obj)) return obj;
	return obj.value.has(argv[2]!) ? ONE : ZERO;
}

/** A missing key is an empty set: one 0 per member. */
function smismember({ server, db, argv }: CommandContext): Reply {
	const obj = readSet(server, db, argv[1]!);
	if (isReply(obj)) return obj;
	const out: Reply[] = [];
	for (let j = 2; j < argv.length; j++) out.push(obj?.value.has(argv[j]!) ? ONE : ZERO);
	return array(out);
}

function scard({ server, db, argv }: CommandContext): Reply {
	const obj = readSet(server, db, argv[1]!);
	if (obj === null) return ZERO;
	if (isReply(obj)) return obj;
	return integer(obj.value.size);
}

/**
 * SSCAN: an intset is not a dict, so it comes back whole (ascending) with cursor 0; a hashtable is
 * walked with the reverse-binary cursor HSCAN uses, COUNT counting members (not pairs).
 */
function sscan({ server, db, argv }: CommandContext): Reply {
	const cursor = parseScanCursor(argv[2]!);
	if (cursor === null) return error(ERR.invalidCursor);
	const obj = readSet(server, db, argv[1]!);
	if (obj === null) return EMPTY_SCAN;
	if (isReply(obj)) return obj;
	const opts = parseScanOptions(argv, 3, false);
	if (!isScanOptions(opts)) return opts;
	let next = 0n;
	let items: string[];
	if (!obj.value.isDict) items = obj.value.ordered();
	else {
		const pairs = (function* (members: Iterable<string>) {
			for (const m of members) yield [m, ''] as const;
		})(obj.value.members);
		let flat: string[];
		[next, flat] = dictScan(pairs, obj.value.size, cursor, opts.count * 2);
		items = flat.filter((_, i) => i % 2 === 0);
	}
	return elementScanReply(next, items, opts.pattern, 1);
}

const readFast = ['readonly', 'fast'] as const;
const oneKey = [1, 1, 1] as const;

export const setReadCommands: readonly CommandSpec[] = [
	{
		name: 'SISMEMBER',
		arity: 3,
		flags: readFast,
		group: 'set',
		summary: 'Tells whether a member is in a set (1) or not (0).',
		syntax: 'key member',
		since: '1.0.0',
		keys: oneKey,
		run: sismember,
	},
	{
		name: 'SMISMEMBER',
		arity: -3,
		flags: readFast,
		group: 'set',
		summary: 'Tells, for each member given, whether it is in a set (1) or not (0).',
		syntax: 'key member [member ...]',
		since: '6.2.0',
		keys: oneKey,
		run: smismember,
	},
	{
		name: 'SCARD',
		arity: 2,
		flags: readFast,
		group: 'set',
		summary: 'Returns the number of members in a set.',
		syntax: 'key',
		since: '1.0.0',
		keys: oneKey,
		run: scard,
	},
	{
		name: 'SSCAN',
		arity: -3,
		flags: ['readonly'],
		group: 'set',
		summary: 'Iterates over the members of a set with a cursor.',
		syntax: 'key cursor [MATCH pattern] [COUNT count]',
		since: '2.8.0',
		keys: oneKey,
		run: sscan,
	},
];
