// Mirrors the database-level commands of src/db.c and server.c: SELECT, FLUSHDB, FLUSHALL, SWAPDB,
// and getIntFromObjectOrReply + selectDb as MOVE and COPY ... DB use them. (DBSIZE is in server.ts.)
import { rdbSave, saveParams } from '../persistence.ts';
import type { CommandSpec } from '../command.ts';
import { scanDatabaseForReadyKeys } from '../blocking.ts';
import { emptyDb, touchAllWatchedKeysInDb } from '../keyspace.ts';
import { parseStrictInt64 } from '../object.ts';
import { ERR, OK, error, type Reply } from '../reply.ts';
import type { Server } from '../server.ts';

const INT_MIN = -2147483648n;
const INT_MAX = 2147483647n;

/**
 * A database index as SELECT, MOVE and COPY ... DB parse it: an integer (string2ll rules), then
 * an `int`, then a database that exists. Each step has its own error, in this order.
 */
export function parseDbIndex(server: Server, raw: string): number | Reply {
	const n = parseStrictInt64(raw);
	if (n === null) return error(ERR.notInteger);
	if (n < INT_MIN || n > INT_MAX)
		return error(`ERR value is out of range, value must between ${INT_MIN} and ${INT_MAX}`);
	if (n < 0n || n >= BigInt(server.dbs.length)) return error(ERR.outOfRangeIndex);
	return Number(n);
}

/** getIntFromObjectOrReply with SWAPDB's message: an integer that fits an `int`, or the error. */
function parseSwapIndex(raw: string, which: 'first' | 'second'): number | Reply {
	const n = parseStrictInt64(raw);
	if (n === null || n < INT_MIN || n > INT_MAX) return error(`ERR invalid ${which} DB index`);
	return Number(n);
}

/** getFlushCommandFlags: nothing, ASYNC or SYNC (any case); anything else is a syntax error. */
function checkFlushFlags(argv: readonly string[]): Reply | null {
	if (argv.length > 2) return error(ERR.syntax);
	if (argv.length === 2) {
		const flag = argv[1]!.toLowerCase();
		if (flag !== 'sync' && flag !== 'async') return error(ERR.syntax);
	}
	return null;
}

export const databaseCommands: readonly CommandSpec[] = [
	{
		name: 'SELECT',
		arity: 2,
		flags: ['loading', 'stale', 'fast'],
		group: 'connection',
		summary: "Changes the connection's selected database.",
		syntax: 'index',
		since: '1.0.0',
		run({ server, client, argv }) {
			const id = parseDbIndex(server, argv[1]!);
			if (typeof id !== 'number') return id;
			client.db = id;
			return OK;
		},
	},
	{
		name: 'FLUSHDB',
		arity: -1,
		flags: ['write'],
		group: 'server',
		summary: 'Removes all keys from the selected database.',
		syntax: '[ASYNC|SYNC]',
		since: '1.0.0',
		run({ server, db, argv }) {
			const bad = checkFlushFlags(argv);
			if (bad) return bad;
			emptyDb(server, db);
			return OK;
		},
	},
	{
		name: 'SWAPDB',
		arity: 3,
		flags: ['write', 'fast'],
		group: 'server',
		summary: 'Swaps two Redis databases.',
		syntax: 'index1 index2',
		since: '4.0.0',
		run({ server, argv }) {
			const id1 = parseSwapIndex(argv[1]!, 'first');
			if (typeof id1 !== 'number') return id1;
			const id2 = parseSwapIndex(argv[2]!, 'second');
			if (typeof id2 !== 'number') return id2;
			const count = server.dbs.length;
			if (id1 < 0 || id1 >= count || id2 < 0 || id2 >= count)
				return error('ERR DB index is out of range');
			if (id1 === id2) return OK;
			const db1 = server.dbs[id1]!;
			const db2 = server.dbs[id2]!;
			// Watchers are told before the swap, while each side still holds its own keys.
			touchAllWatchedKeysInDb(server, db1, db2);
			touchAllWatchedKeysInDb(server, db2, db1);
			db1.swapContents(db2);
			// A client blocked on a key of either index may find it there now.
			scanDatabaseForReadyKeys(server, db1);
			scanDatabaseForReadyKeys(server, db2);
			return OK;
		},
	},
	{
		name: 'FLUSHALL',
		arity: -1,
		flags: ['write'],
		group: 'server',
		summary: 'Removes all keys from all databases; statistics are kept.',
		syntax: '[ASYNC|SYNC]',
		since: '1.0.0',
		run({ server, argv }) {
			const bad = checkFlushFlags(argv);
			if (bad) return bad;
			for (const db of server.dbs) emptyDb(server, db);
			// flushAllDataAndResetRDB: with save points set, the empty dataset is saved at once.
			if (saveParams(server.config).length > 0) rdbSave(server);
			return OK;
		},
	},
];
