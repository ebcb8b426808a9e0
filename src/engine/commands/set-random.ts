// Mirrors spopCommand, spopWithCountCommand, srandmemberCommand and srandmemberWithCountCommand in
// src/t_set.c, drawing with server.rng in Redis's cases (whole set, draw and remove, rebuild the
// remainder; repeats, whole set, subtract, pick unique).
import type { CommandContext, CommandSpec } from '../command.ts';
import type { SetObject } from '../object.ts';
import { EMPTY_ARRAY, ERR, NIL, array, bulk, bulks, error, type Reply } from '../reply.ts';
import { parseStrictInt64 } from '../object.ts';
import type { Random } from '../random.ts';
import { setKey } from '../keyspace.ts';
import { unionReply } from './set-ops.ts';
import { isReply, newSet, readSet, setAdd, storeSet, writeSet } from './set-lookup.ts';

const EMPTY_SET: Reply = Object.freeze(array([], 'set'));
const LONG_MAX = 9223372036854775807n;
/** SPOP_MOVE_STRATEGY_MUL and SRANDMEMBER_SUB_STRATEGY_MUL. */
const SPOP_MOVE_STRATEGY_MUL = 5;
const SRANDMEMBER_SUB_STRATEGY_MUL = 3;
/** Not Redis: a negative count asks for that many draws; the playground caps the reply. */
const PLAYGROUND_MAX_DRAWS = 1_000_000;

/** setTypeRandomElement: each draw moves a hashtable's rehash along, as dictGetRandomKey does. */
function draw(obj: SetObject, members: readonly string[], rng: Random): string {
	if (obj.value.rehashLeft > 0) obj.value.rehashStep();
	return members[rng.int(members.length)]!;
}

function spopWithCount(ctx: CommandContext): Reply {
	const { server, db, argv } = ctx;
	const l = parseStrictInt64(argv[2]!);
	if (l === null || l < 0n) return error('ERR value is out of range, must be positive');
	const key = argv[1]!;
	const obj = writeSet(server, db, key);
	if (obj === null) return EMPTY_SET;
	if (isReply(obj)) return obj;
	if (l === 0n) return EMPTY_SET;
	const size = obj.value.size;
	// CASE 1: the whole set, replied as SUNION of the one key, and the key is gone.
	if (l >= BigInt(size)) {
		const reply = unionReply(ctx, obj);
		obj.value.members.clear();
		storeSet(server, db, key, obj, false, true);
		return reply;
	}
	const count = Number(l);
	let remaining = size - count;
	const members = obj.value.ordered();
	const out: string[] = [];
	if (remaining * SPOP_MOVE_STRATEGY_MUL > count) {
		// CASE 2: draw and remove, one member at a time.
		for (let i = 0; i < count; i++) {
			const at = server.rng.int(members.length);
			if (obj.value.rehashLeft > 0) obj.value.rehashStep();
			const m = members[at]!;
			members[at] = members[members.length - 1]!;
			members.pop();
			obj.value.delete(m);
			out.push(m);
		}
		storeSet(server, db, key, obj, false, true);
		return bulks(out, 'set');
	}
	// CASE 3: draw the members that stay into a new set (setTypeCreate from the first one drawn);
	// what is left of the old set is the reply, and the new set replaces it.
	let fresh: SetObject | null = null;
	while (remaining-- > 0) {
		const at = server.rng.int(members.length);
		const m = members[at]!;
		members[at] = members[members.length - 1]!;
		members.pop();
		fresh ??= newSet(server, m);
		setAdd(server, fresh, m);
		obj.value.delete(m);
	}
	fresh!.lru = obj.lru;
	setKey(server, db, key, fresh!, true);
	return bulks(obj.value.ordered(), 'set');
}

function spop(ctx: CommandContext): Reply {
	const { server, db, argv } = ctx;
	if (argv.length === 3) return spopWithCount(ctx);
	if (argv.length > 3) return error(ERR.syntax);
	const key = argv[1]!;
	const obj = writeSet(server, db, key);
	if (obj === null) return NIL;
	if (isReply(obj)) return obj;
	const m = draw(obj, obj.value.ordered(), server.rng);
	obj.value.delete(m);
	storeSet(server, db, key, obj, false, true);
	return bulk(m);
}

/** The four cases of srandmemberWithCountCommand; `unique` is a non-negative count. */
function randomMembers(obj: SetObject, count: number, unique: boolean, rng: Random): string[] {
	const members = obj.value.ordered();
	const size = members.length;
	// CASE 1: repeats allowed (or a single pick): sample the whole set each time.
	if (!unique || count === 1) return Array.from({ length: count }, () => draw(obj, members, rng));
	// CASE 2: asking for at least the whole set returns it, in its own order.
	if (count >= size) return members;
	// CASE 3: count close to size: copy everything, then remove random members.
	if (count * SRANDMEMBER_SUB_STRATEGY_MUL > size) {
		while (members.length > count) {
			const at = rng.int(members.length);
			members[at] = members[members.length - 1]!;
			members.pop();
		}
		return members;
	}
	// CASE 4: a big set: draw until enough distinct members are picked.
	const picked = new Set<string>();
	while (picked.size < count) picked.add(draw(obj, members, rng));
	return [...picked];
}

function srandmember({ server, db, argv }: CommandContext): Reply {
	if (argv.length > 3) return error(ERR.syntax);
	if (argv.length === 2) {
		const obj = readSet(server, db, argv[1]!);
		if (obj === null) return NIL;
		if (isReply(obj)) return obj;
		return bulk(draw(obj, obj.value.ordered(), server.rng));
	}
	const l = parseStrictInt64(argv[2]!);
	if (l === null) return error(ERR.notInteger);
	if (l < -LONG_MAX)
		return error(`ERR value is out of range, value must between ${-LONG_MAX} and ${LONG_MAX}`);
	const obj = readSet(server, db, argv[1]!);
	if (obj === null) return EMPTY_ARRAY;
	if (isReply(obj)) return obj;
	const unique = l >= 0n;
	const abs = unique ? l : -l;
	if (abs === 0n) return EMPTY_ARRAY;
	const size = BigInt(obj.value.size);
	const count = unique && abs >= size ? size : abs;
	if (count > BigInt(PLAYGROUND_MAX_DRAWS))
		return error(`ERR count too large for the playground (at most ${PLAYGROUND_MAX_DRAWS})`);
	return bulks(randomMembers(obj, Number(count), unique, server.rng));
}

export const setRandomCommands: readonly CommandSpec[] = [
	{
		name: 'SPOP',
		arity: -2,
		flags: ['write', 'fast'],
		group: 'set',
		summary: 'Removes and returns random members of a set.',
		syntax: 'key [count]',
		since: '1.0.0',
		keys: [1, 1, 1],
		run: spop,
	},
	{
		name: 'SRANDMEMBER',
		arity: -2,
		flags: ['readonly'],
		group: 'set',
		summary: 'Returns random members of a set; a negative count may repeat members.',
		syntax: 'key [count]',
		since: '1.0.0',
		keys: [1, 1, 1],
		run: srandmember,
	},
];
