// Mirrors the generic key commands of src/db.c (DEL, UNLINK, EXISTS, TYPE, TOUCH, RANDOMKEY) and
// gathers the rest of Redis's "keyspace" commands from scan.ts, rename.ts and databases.ts.
import type { CommandContext, CommandSpec } from '../command.ts';
import { LOOKUP_NOTOUCH, dbDelete, expireIfNeeded, lookupKeyRead, type Db } from '../keyspace.ts';
import { NIL, bulk, integer, status, type Reply } from '../reply.ts';
import type { Server } from '../server.ts';
import { databaseCommands } from './databases.ts';
import { renameCommands } from './rename.ts';
import { scanCommands } from './scan.ts';

/**
 * delGenericCommand: each key first goes through expireIfNeeded, so an expired key is deleted
 * (and counted in expired_keys) before the DEL itself looks — and then finds nothing: DEL of a
 * ghost replies 0. UNLINK frees lazily in Redis; the keyspace effect is the same.
 */
function delGeneric({ server, db, argv }: CommandContext): Reply {
	let deleted = 0;
	for (let j = 1; j < argv.length; j++) {
		const key = argv[j]!;
		expireIfNeeded(server, db, key);
		if (dbDelete(server, db, key)) deleted++;
	}
	return integer(deleted);
}

/** Counts the arguments that name a live key; a key named twice counts twice. */
function countExisting({ server, db, argv }: CommandContext, flags: number): Reply {
	let count = 0;
	for (let j = 1; j < argv.length; j++) {
		if (lookupKeyRead(server, db, argv[j]!, flags)) count++;
	}
	return integer(count);
}

/**
 * dbRandomKey: a uniformly drawn key; one with a TTL is checked first, and if it turns out to
 * be expired it is deleted (lazily, counted) and another is drawn.
 */
function randomKey(server: Server, db: Db): Reply {
	for (;;) {
		if (db.keys.length === 0) return NIL;
		const key = db.keys[server.rng.int(db.keys.length)]!;
		if (db.expires.has(key) && expireIfNeeded(server, db, key)) continue;
		return bulk(key);
	}
}

const genericCommands: readonly CommandSpec[] = [
	{
		name: 'DEL',
		arity: -2,
		flags: ['write'],
		group: 'generic',
		summary: 'Deletes one or more keys; replies how many existed.',
		syntax: 'key [key ...]',
		since: '1.0.0',
		keys: [1, -1, 1],
		run: delGeneric,
	},
	{
		name: 'UNLINK',
		arity: -2,
		flags: ['write', 'fast'],
		group: 'generic',
		summary: 'Deletes one or more keys, freeing their memory in the background.',
		syntax: 'key [key ...]',
		since: '4.0.0',
		keys: [1, -1, 1],
		run: delGeneric,
	},
	{
		name: 'EXISTS',
		arity: -2,
		flags: ['readonly', 'fast'],
		group: 'generic',
		summary: 'Counts how many of the given keys exist.',
		syntax: 'key [key ...]',
		since: '1.0.0',
		keys: [1, -1, 1],
		run: (ctx) => countExisting(ctx, LOOKUP_NOTOUCH),
	},
	{
		name: 'TOUCH',
		arity: -2,
		flags: ['readonly', 'fast'],
		group: 'generic',
		summary: "Updates the keys' last access time; replies how many exist.",
		syntax: 'key [key ...]',
		since: '3.2.1',
		keys: [1, -1, 1],
		run: (ctx) => countExisting(ctx, 0),
	},
	{
		name: 'TYPE',
		arity: 2,
		flags: ['readonly', 'fast'],
		group: 'generic',
		summary: 'Returns the type of the value stored at a key, or none.',
		syntax: 'key',
		since: '1.0.0',
		keys: [1, 1, 1],
		run({ server, db, argv }) {
			const obj = lookupKeyRead(server, db, argv[1]!, LOOKUP_NOTOUCH);
			return status(obj ? obj.type : 'none');
		},
	},
	{
		name: 'RANDOMKEY',
		arity: 1,
		flags: ['readonly'],
		group: 'generic',
		summary: 'Returns a random key name from the database.',
		syntax: '',
		since: '1.0.0',
		run: ({ server, db }) => randomKey(server, db),
	},
];

export const keysCommands: readonly CommandSpec[] = [
	...genericCommands,
	...scanCommands,
	...renameCommands,
	...databaseCommands,
];
