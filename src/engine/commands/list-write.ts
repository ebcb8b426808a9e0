// Mirrors the commands of src/t_list.c that add or edit elements in place: LPUSH, RPUSH, their X
// forms, LINSERT, LSET, LREM and LTRIM. Each ends with storeList (re-price, signalModifiedKey, and
// delete the key once the list is empty).
import type { CommandContext, CommandSpec } from '../command.ts';
import { parseLong } from '../object.ts';
import { ERR, OK, ZERO, error, integer, type Reply } from '../reply.ts';
import { clampRange } from './list-read.ts';
import { NOT_INTEGER, isReply, newList, pushTo, storeList, writeList } from './list-type.ts';

const oneKey = [1, 1, 1] as const;

/** pushGenericCommand: WRONGTYPE before anything; the X forms answer 0 for a missing key. */
function push({ server, db, argv }: CommandContext, where: 'left' | 'right', xx: boolean): Reply {
	const key = argv[1]!;
	let list = writeList(server, db, key);
	if (isReply(list)) return list;
	const isNew = list === null;
	if (list === null) {
		if (xx) return ZERO;
		list = newList(server);
	}
	const threshold = server.packedThreshold;
	for (let j = 2; j < argv.length; j++) pushTo(list, where, argv[j]!, threshold);
	storeList(server, db, key, list, isNew);
	return integer(list.value.length);
}

const pushSpec = (name: string, where: 'left' | 'right', xx: boolean): CommandSpec => ({
	name,
	arity: -3,
	flags: ['write', 'denyoom', 'fast'],
	group: 'list',
	summary: `${where === 'left' ? 'Prepends' : 'Appends'} elements to a list${xx ? ' that already exists' : ', creating it if needed'}; returns the new length.`,
	syntax: 'key element [element ...]',
	since: xx ? '2.2.0' : '1.0.0',
	keys: oneKey,
	run: (ctx) => push(ctx, where, xx),
});

const ERR_OUT_OF_RANGE = error('ERR index out of range');

export const listWriteCommands: readonly CommandSpec[] = [
	pushSpec('LPUSH', 'left', false),
	pushSpec('RPUSH', 'right', false),
	pushSpec('LPUSHX', 'left', true),
	pushSpec('RPUSHX', 'right', true),
	{
		name: 'LINSERT',
		arity: 5,
		flags: ['write', 'denyoom'],
		group: 'list',
		summary: 'Inserts an element before or after the first occurrence of a pivot element.',
		syntax: 'key <BEFORE | AFTER> pivot element',
		since: '2.2.0',
		keys: oneKey,
		run({ server, db, argv }) {
			const where = argv[2]!.toLowerCase();
			if (where !== 'before' && where !== 'after') return error(ERR.syntax);
			const list = writeList(server, db, argv[1]!);
			if (list === null) return ZERO;
			if (isReply(list)) return list;
			const index = list.value.toArray().indexOf(argv[3]!);
			if (index === -1) return integer(-1);
			list.value.insert(index, argv[4]!, where === 'after', server.packedThreshold);
			storeList(server, db, argv[1]!, list, false);
			return integer(list.value.length);
		},
	},
	{
		name: 'LSET',
		arity: 4,
		flags: ['write', 'denyoom'],
		group: 'list',
		summary: 'Replaces the element at an index of a list.',
		syntax: 'key index element',
		since: '1.0.0',
		keys: oneKey,
		run({ server, db, argv }) {
			const list = writeList(server, db, argv[1]!);
			if (list === null) return error(ERR.noSuchKey);
			if (isReply(list)) return list;
			const index = parseLong(argv[2]!);
			if (index === null) return NOT_INTEGER;
			if (!list.value.replace(index, argv[3]!, server.packedThreshold)) return ERR_OUT_OF_RANGE;
			storeList(server, db, argv[1]!, list, false);
			return OK;
		},
	},
	{
		name: 'LREM',
		arity: 4,
		flags: ['write'],
		group: 'list',
		summary:
			'Removes occurrences of an element: count > 0 from the head, < 0 from the tail, 0 all.',
		syntax: 'key count element',
		since: '1.0.0',
		keys: oneKey,
		run({ server, db, argv }) {
			const toRemove = parseLong(argv[2]!);
			if (toRemove === null) return NOT_INTEGER;
			const list = writeList(server, db, argv[1]!);
			if (list === null) return ZERO;
			if (isReply(list)) return list;
			const ele = argv[3]!;
			const removed = list.value.removeWhere((s) => s === ele, toRemove < 0, Math.abs(toRemove));
			if (removed > 0) storeList(server, db, argv[1]!, list, false);
			return integer(removed);
		},
	},
	{
		name: 'LTRIM',
		arity: 4,
		flags: ['write'],
		group: 'list',
		summary: 'Keeps only the elements between two indexes of a list, both included.',
		syntax: 'key start stop',
		since: '1.0.0',
		keys: oneKey,
		run({ server, db, argv }) {
			const start = parseLong(argv[2]!);
			const end = parseLong(argv[3]!);
			if (start === null || end === null) return NOT_INTEGER;
			const list = writeList(server, db, argv[1]!);
			if (list === null) return OK;
			if (isReply(list)) return list;
			const len = list.value.length;
			const range = clampRange(start, end, len);
			const [ltrim, rtrim] = range ? [range[0], len - range[1] - 1] : [len, 0];
			list.value.deleteRange(0, ltrim);
			if (rtrim > 0) list.value.deleteRange(list.value.length - rtrim, rtrim);
			storeList(server, db, argv[1]!, list, false);
			return OK;
		},
	},
];
