// Mirrors renameGenericCommand, moveCommand and copyCommand in src/db.c: commands that give a
// value a new name or a new database. The TTL always travels with the value.
import type { CommandContext, CommandSpec } from '../command.ts';
import {
	dbAdd,
	dbDelete,
	getExpire,
	initialLru,
	lookupKeyRead,
	lookupKeyWrite,
	setExpire,
} from '../keyspace.ts';
import { copyObject, type RedisObject } from '../object.ts';
import { ERR, OK, ONE, ZERO, error, type Reply } from '../reply.ts';
import type { Server } from '../server.ts';
import { parseDbIndex } from './databases.ts';

const SAME_OBJECT = 'ERR source and destination objects are the same';

/**
 * RENAME / RENAMENX. The same object moves to the new name, so its LRU/LFU field comes along.
 * The source's TTL (or its absence) replaces whatever the destination had.
 */
function renameGeneric({ server, db, argv }: CommandContext, nx: boolean): Reply {
	const src = argv[1]!;
	const dst = argv[2]!;
	const obj = lookupKeyWrite(server, db, src);
	if (!obj) return error(ERR.noSuchKey);
	if (src === dst) return nx ? ZERO : OK;
	const expire = getExpire(db, src);
	if (lookupKeyWrite(server, db, dst)) {
		if (nx) return ZERO;
		dbDelete(server, db, dst);
	}
	// Delete first: dbDelete finds the object by its slot, which dbAdd reassigns.
	dbDelete(server, db, src);
	dbAdd(server, db, dst, obj);
	if (expire !== -1) setExpire(server, db, dst, expire);
	return nx ? ONE : OK;
}

/** dupStringObject / hashTypeDup: a fresh object (new LRU/LFU field, an exactly sized sds). */
function duplicate(server: Server, obj: RedisObject): RedisObject {
	const copy = copyObject(obj);
	copy.lru = initialLru(server);
	if (copy.type === 'string') copy.sds = null;
	return copy;
}

function copy({ server, db, argv }: CommandContext): Reply {
	let dst = db;
	let replace = false;
	for (let j = 3; j < argv.length; j++) {
		const opt = argv[j]!.toLowerCase();
		if (opt === 'replace') {
			replace = true;
		} else if (opt === 'db' && j + 1 < argv.length) {
			const id = parseDbIndex(server, argv[++j]!);
			if (typeof id !== 'number') return id;
			dst = server.dbs[id]!;
		} else {
			return error(ERR.syntax);
		}
	}
	const key = argv[1]!;
	const newkey = argv[2]!;
	if (dst === db && key === newkey) return error(SAME_OBJECT);
	const obj = lookupKeyRead(server, db, key);
	if (!obj) return ZERO;
	const expire = getExpire(db, key);
	const exists = lookupKeyWrite(server, dst, newkey) !== null;
	if (exists && !replace) return ZERO;
	const dup = duplicate(server, obj);
	if (exists) dbDelete(server, dst, newkey);
	dbAdd(server, dst, newkey, dup);
	if (expire !== -1) setExpire(server, dst, newkey, expire);
	return ONE;
}

function move({ server, db, argv }: CommandContext): Reply {
	const key = argv[1]!;
	const id = parseDbIndex(server, argv[2]!);
	if (typeof id !== 'number') return id;
	const dst = server.dbs[id]!;
	if (dst === db) return error(SAME_OBJECT);
	const obj = lookupKeyWrite(server, db, key);
	if (!obj) return ZERO;
	const expire = getExpire(db, key);
	if (lookupKeyWrite(server, dst, key)) return ZERO;
	dbDelete(server, db, key);
	dbAdd(server, dst, key, obj);
	if (expire !== -1) setExpire(server, dst, key, expire);
	return ONE;
}

export const renameCommands: readonly CommandSpec[] = [
	{
		name: 'RENAME',
		arity: 3,
		flags: ['write'],
		group: 'generic',
		summary: 'Renames a key, overwriting the destination; the TTL moves with the value.',
		syntax: 'key newkey',
		since: '1.0.0',
		keys: [1, 2, 1],
		run: (ctx) => renameGeneric(ctx, false),
	},
	{
		name: 'RENAMENX',
		arity: 3,
		flags: ['write', 'fast'],
		group: 'generic',
		summary: 'Renames a key only when the new name does not exist yet.',
		syntax: 'key newkey',
		since: '1.0.0',
		keys: [1, 2, 1],
		run: (ctx) => renameGeneric(ctx, true),
	},
	{
		name: 'COPY',
		arity: -3,
		flags: ['write', 'denyoom'],
		group: 'generic',
		summary: 'Copies the value of a key (and its TTL) to a new key.',
		syntax: 'source destination [DB destination-db] [REPLACE]',
		since: '6.2.0',
		keys: [1, 2, 1],
		run: copy,
	},
	{
		name: 'MOVE',
		arity: 3,
		flags: ['write', 'fast'],
		group: 'generic',
		summary: 'Moves a key (and its TTL) to another database.',
		syntax: 'key db',
		since: '1.0.0',
		keys: [1, 1, 1],
		run: move,
	},
];
