// Mirrors saddCommand, sremCommand and smoveCommand in src/t_set.c.
import type { CommandContext, CommandSpec } from '../command.ts';
import { ZERO, integer, ONE, type Reply } from '../reply.ts';
import { isReply, newSet, setAdd, storeSet, writeSet } from './set-lookup.ts';

function sadd({ server, db, argv }: CommandContext): Reply {
	const key = argv[1]!;
	const found = writeSet(server, db, key);
	if (isReply(found)) return found;
	const obj = found ?? newSet(server, argv[2]!);
	let added = 0;
	for (let j = 2; j < argv.length; j++) if (setAdd(server, obj, argv[j]!)) added++;
	storeSet(server, db, key, obj, found === null, added > 0);
	return integer(added);
}

function srem({ server, db, argv }: CommandContext): Reply {
	const key = argv[1]!;
	const obj = writeSet(server, db, key);
	if (obj === null) return ZERO;
	if (isReply(obj)) return obj;
	let deleted = 0;
	for (let j = 2; j < argv.length; j++) {
		if (obj.value.delete(argv[j]!)) {
			deleted++;
			if (obj.value.size === 0) break;
		}
	}
	storeSet(server, db, key, obj, false, deleted > 0);
	return integer(deleted);
}

/**
 * SMOVE: a missing source answers 0 before any type check; moving within one set only asks
 * whether the member is there; the destination is created (setTypeCreate) on demand.
 */
function smove({ server, db, argv }: CommandContext): Reply {
	const [, srckey, dstkey, ele] = argv as [string, string, string, string];
	const src = writeSet(server, db, srckey);
	const dst = writeSet(server, db, dstkey);
	if (src === null) return ZERO;
	if (isReply(src)) return src;
	if (isReply(dst)) return dst;
	if (src === dst) return src.value.has(ele) ? ONE : ZERO;
	if (!src.value.delete(ele)) {
		storeSet(server, db, srckey, src, false, false);
		return ZERO;
	}
	storeSet(server, db, srckey, src, false, true);
	const target = dst ?? newSet(server, ele);
	const added = setAdd(server, target, ele);
	storeSet(server, db, dstkey, target, dst === null, added);
	return ONE;
}

export const setWriteCommands: readonly CommandSpec[] = [
	{
		name: 'SADD',
		arity: -3,
		flags: ['write', 'denyoom', 'fast'],
		group: 'set',
		summary: 'Adds members to a set, creating it if needed; replies how many were new.',
		syntax: 'key member [member ...]',
		since: '1.0.0',
		keys: [1, 1, 1],
		run: sadd,
	},
	{
		name: 'SREM',
		arity: -3,
		flags: ['write', 'fast'],
		group: 'set',
		summary: 'Removes members from a set; the key goes when its last member does.',
		syntax: 'key member [member ...]',
		since: '1.0.0',
		keys: [1, 1, 1],
		run: srem,
	},
	{
		name: 'SMOVE',
		arity: 4,
		flags: ['write', 'fast'],
		group: 'set',
		summary: 'Moves a member from one set to another (1 if it was moved, 0 if absent).',
		syntax: 'source destination member',
		since: '1.0.0',
		keys: [1, 2, 1],
		run: smove,
	},
];
