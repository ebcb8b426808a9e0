// Mirrors checkType in src/object.c and the lookupKeyRead/lookupKeyWrite + checkType pair that
// every hash, list, set and sorted-set command starts with: one WRONGTYPE reply, one typed lookup.
import { lookupKeyRead, lookupKeyWrite, type Db } from '../keyspace.ts';
import type { RedisObject } from '../object.ts';
import { ERR, error, type Reply } from '../reply.ts';
import type { Server } from '../server.ts';

export const WRONGTYPE: Reply = Object.freeze(error(ERR.wrongType));

export type ObjectOf<T extends RedisObject['type']> = Extract<RedisObject, { type: T }>;

/** The object if it has type `type`, null when the key is missing, else WRONGTYPE. */
export function checkType<T extends RedisObject['type']>(
	obj: RedisObject | null,
	type: T,
): ObjectOf<T> | null | Reply {
	if (obj === null) return null;
	return obj.type === type ? (obj as ObjectOf<T>) : WRONGTYPE;
}

/** lookupKeyRead + checkType (a hit or a miss is counted). */
export function readTyped<T extends RedisObject['type']>(
	server: Server,
	db: Db,
	key: string,
	type: T,
): ObjectOf<T> | null | Reply {
	return checkType(lookupKeyRead(server, db, key), type);
}

/** lookupKeyWrite + checkType. */
export function writeTyped<T extends RedisObject['type']>(
	server: Server,
	db: Db,
	key: string,
	type: T,
): ObjectOf<T> | null | Reply {
	return checkType(lookupKeyWrite(server, db, key), type);
}
