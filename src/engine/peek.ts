// Mirrors lookupKeyReadWithFlags in src/db.c with LOOKUP_NOTOUCH|LOOKUP_NOSTATS|LOOKUP_NONOTIFY and
// no expiry, for readers that must not change what they read (a lesson's goal checks): the reply a
// handful of read-only commands would give now, computed without a copy of the keyspace and
// without moving an LRU clock, an LFU counter, keyspace_hits/misses, commandstats or lazy expiry.
// Anything a plain read cannot answer exactly answers null: the caller runs it on a fork().
import { configGet } from './commands/config-command.ts';
import { genInfoString } from './commands/info.ts';
import type { Db } from './keyspace.ts';
import { bulk, integer, status, type Reply } from './reply.ts';
import type { Server } from './server.ts';

/** The commands peekReply answers, by name, with their exact argument counts (or minimum, < 0). */
const ARITY: Readonly<Record<string, number>> = {
	GET: 2,
	STRLEN: 2,
	TYPE: 2,
	TTL: 2,
	PTTL: 2,
	EXPIRETIME: 2,
	PEXPIRETIME: 2,
	EXISTS: -2,
	DBSIZE: 1,
	INFO: -1,
	CONFIG: -3,
};

/**
 * The reply `argv` would get from a client on database `dbIndex` outside MULTI, or null when the
 * command is not one of these reads, its arguments are not plain, or answering it for real would
 * change the server (a key named is past its TTL: the lookup would delete it and count it).
 */
export function peekReply(server: Server, dbIndex: number, argv: readonly string[]): Reply | null {
	const name = argv[0]?.toUpperCase() ?? '';
	const arity = ARITY[name];
	if (arity === undefined || server.down) return null;
	if (arity > 0 ? argv.length !== arity : argv.length < -arity) return null;
	const db = server.dbs[dbIndex];
	if (!db) return null;
	const now = server.now();
	const expired = (key: string) => {
		const when = db.expires.get(key);
		return when !== undefined && now > when;
	};
	if (argv.slice(1).some(expired) && name !== 'INFO' && name !== 'CONFIG' && name !== 'DBSIZE')
		return null;
	switch (name) {
		case 'GET':
		case 'STRLEN': {
			const obj = db.dict.get(argv[1]!);
			if (!obj) return name === 'GET' ? bulk(null) : integer(0);
			if (obj.type !== 'string') return null;
			return name === 'GET' ? bulk(obj.value) : integer(obj.value.length);
		}
		case 'TYPE':
			return status(db.dict.get(argv[1]!)?.type ?? 'none');
		case 'EXISTS':
			return integer(argv.slice(1).filter((k) => db.dict.has(k)).length);
		case 'TTL':
		case 'PTTL':
		case 'EXPIRETIME':
		case 'PEXPIRETIME':
			return ttlReply(db, argv[1]!, now, name.startsWith('P'), name.endsWith('EXPIRETIME'));
		case 'DBSIZE':
			return integer(db.dict.size);
		case 'INFO': {
			// INFO memory records the peak as it reads used_memory; a look leaves the peak alone.
			const peak = server.peakMemory;
			const text = genInfoString(server, argv.slice(1));
			server.peakMemory = peak;
			return bulk(text);
		}
		case 'CONFIG':
			return argv[1]!.toUpperCase() === 'GET' ? configGet(server, argv.slice(2)) : null;
	}
	return null;
}

/** ttlGenericCommand's answer for a live key; null past 2^53 ms, where it needs BigInt maths. */
function ttlReply(db: Db, key: string, now: number, ms: boolean, abs: boolean): Reply | null {
	if (!db.dict.has(key)) return integer(-2);
	const when = db.expires.get(key);
	if (when === undefined) return integer(-1);
	if (!Number.isSafeInteger(when)) return null;
	const ttl = Math.max(0, abs ? when : when - now);
	return integer(ms ? ttl : Math.floor((ttl + 500) / 1000));
}
