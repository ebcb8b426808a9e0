// Mirrors appendCommand and setrangeCommand in src/t_string.c: the commands that edit a string in
// place. Both turn the value raw (dbUnshareStringValue) and grow it greedily (sds.ts); the TTL stays.
import type { CommandContext, CommandSpec } from '../command.ts';
import {
	chargedCost,
	dbAdd,
	initialLru,
	lookupKeyWrite,
	setKey,
	stringRepriced,
	valueChanged,
	type Db,
} from '../keyspace.ts';
import { createString, parseStrictInt64, type StringObject } from '../object.ts';
import { ERR, ZERO, error, integer, type Reply } from '../reply.ts';
import { currentAllocation, sdsMakeRoomFor, sdsNewLen, type SdsAllocation } from '../sds.ts';
import type { Server } from '../server.ts';

/** proto-max-bulk-len's default: the largest string a command may build. */
export const PROTO_MAX_BULK_LEN = 512 * 1024 * 1024;

/** checkStringLength: would `size + append` bytes exceed proto-max-bulk-len? */
function tooLong(size: number, append: number): Reply | null {
	return size + append > PROTO_MAX_BULK_LEN
		? error('ERR string exceeds maximum allowed size (proto-max-bulk-len)')
		: null;
}

/** A raw string object holding `value` in the given allocation. */
export function rawString(value: string, sds: SdsAllocation, lru: number): StringObject {
	const obj = createString('', lru);
	obj.encoding = 'raw';
	obj.value = value;
	obj.sds = sds;
	return obj;
}

/**
 * dbUnshareStringValue + the edit: `edit` gets the (unshared) allocation and returns the new value
 * and allocation. A raw value is changed in place; an int or embstr one is first copied into an
 * exact-size raw sds, which replaces it (under LFU it keeps the counter).
 */
export function editString(
	server: Server,
	db: Db,
	key: string,
	obj: StringObject,
	edit: (sds: SdsAllocation) => { value: string; sds: SdsAllocation },
	/** Asked after the edit: whether to signal the key (SETBIT and BITFIELD skip no-op writes). */
	signal: () => boolean = () => true,
): number {
	const isRaw = obj.encoding === 'raw';
	const { value, sds } = edit(isRaw ? currentAllocation(obj) : sdsNewLen(obj.value.length));
	if (isRaw) {
		// A string's price is not stored: take it before the edit changes it.
		const before = chargedCost(key, obj);
		obj.value = value;
		obj.sds = sds;
		if (signal()) valueChanged(server, db, key, obj, before);
		else stringRepriced(db, key, obj, before);
	} else {
		setKey(server, db, key, rawString(value, sds, initialLru(server)), true, signal());
	}
	return value.length;
}

function appendCommand({ server, db, argv }: CommandContext): Reply {
	const key = argv[1]!;
	const append = argv[2]!;
	const obj = lookupKeyWrite(server, db, key);
	if (!obj) {
		dbAdd(server, db, key, createString(append, initialLru(server)));
		return integer(append.length);
	}
	if (obj.type !== 'string') return error(ERR.wrongType);
	const refused = tooLong(obj.value.length, append.length);
	if (refused) return refused;
	const len = editString(server, db, key, obj, (sds) => ({
		value: obj.value + append,
		sds: sdsMakeRoomFor(sds, obj.value.length, append.length),
	}));
	return integer(len);
}

/**
 * SETRANGE: offset checks first, then the lookup. Writing nothing never creates a key (0) and
 * leaves an existing one alone (its length); a gap before the offset is filled with zero bytes.
 */
function setrangeCommand({ server, db, argv }: CommandContext): Reply {
	const key = argv[1]!;
	const patch = argv[3]!;
	const offsetArg = parseStrictInt64(argv[2]!);
	if (offsetArg === null) return error(ERR.notInteger);
	if (offsetArg < 0n) return error('ERR offset is out of range');
	// Past 2^53 the exact offset no longer matters: the length check refuses it anyway.
	const offset = Number(offsetArg);
	const obj = lookupKeyWrite(server, db, key);
	if (!obj) {
		if (patch.length === 0) return ZERO;
		const refused = tooLong(offset, patch.length);
		if (refused) return refused;
		const value = '\u0000'.repeat(offset) + patch;
		dbAdd(server, db, key, rawString(value, sdsNewLen(value.length), initialLru(server)));
		return integer(value.length);
	}
	if (obj.type !== 'string') return error(ERR.wrongType);
	if (patch.length === 0) return integer(obj.value.length);
	const refused = tooLong(offset, patch.length);
	if (refused) return refused;
	const len = editString(server, db, key, obj, (sds) => {
		const old = obj.value;
		const end = offset + patch.length;
		// sdsgrowzero: only a string that must get longer asks for room.
		const grown = end > old.length ? sdsMakeRoomFor(sds, old.length, end - old.length) : sds;
		const head =
			old.length >= offset ? old.slice(0, offset) : old + '\u0000'.repeat(offset - old.length);
		return { value: head + patch + old.slice(end), sds: grown };
	});
	return integer(len);
}

export const appendCommands: readonly CommandSpec[] = [
	{
		name: 'APPEND',
		arity: 3,
		flags: ['write', 'denyoom', 'fast'],
		group: 'string',
		summary: 'Appends a string to the value of a key; creates the key if it does not exist.',
		syntax: 'key value',
		since: '2.0.0',
		keys: [1, 1, 1],
		run: appendCommand,
	},
	{
		name: 'SETRANGE',
		arity: 4,
		flags: ['write', 'denyoom'],
		group: 'string',
		summary: 'Overwrites part of a string value from an offset; creates the key if needed.',
		syntax: 'key offset value',
		since: '2.2.0',
		keys: [1, 1, 1],
		run: setrangeCommand,
	},
];
