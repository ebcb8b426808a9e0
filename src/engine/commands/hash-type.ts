// Mirrors the hashType* helpers of src/t_hash.c: typed lookups, set/delete with the listpack →
// hashtable conversion, and the write-back that keeps used_memory and WATCH right.
import type { Config } from '../config.ts';
import type { Db } from '../keyspace.ts';
import { dbAdd, dbDelete, initialLru, lookupKeyWrite, valueChanged } from '../keyspace.ts';
import { createHash, updateHashEncoding, type HashObject } from '../object.ts';
import type { Reply } from '../reply.ts';
import type { Server } from '../server.ts';
import { WRONGTYPE, readTyped, writeTyped } from './check-type.ts';

/** lookupKeyReadOrReply + checkType: the hash, null when missing, or the WRONGTYPE reply. */
export function readHash(server: Server, db: Db, key: string): HashObject | null | Reply {
	return readTyped(server, db, key, 'hash');
}

/** A write lookup that must find a hash (HDEL): the hash, null, or WRONGTYPE. */
export function writeHash(server: Server, db: Db, key: string): HashObject | null | Reply {
	return writeTyped(server, db, key, 'hash');
}

/** A hash opened for writing by hashTypeLookupWriteOrCreate; `isNew` until storeHash adds it. */
export interface OpenHash {
	readonly obj: HashObject;
	readonly isNew: boolean;
}

/**
 * hashTypeLookupWriteOrCreate. Redis adds the empty hash to the keyspace at once; here the new
 * object is only added by storeHash, after its first field, which leaves the same keyspace.
 */
export function openHash(server: Server, db: Db, key: string): OpenHash | Reply {
	const obj = lookupKeyWrite(server, db, key);
	if (obj === null) return { obj: createHash(initialLru(server)), isNew: true };
	return obj.type === 'hash' ? { obj, isNew: false } : WRONGTYPE;
}

/** Puts an edited hash back: dbAdd for a new one, else valueChanged (memory + signalModifiedKey). */
export function storeHash(server: Server, db: Db, key: string, open: OpenHash): void {
	if (open.isNew) dbAdd(server, db, key, open.obj);
	else valueChanged(server, db, key, open.obj);
}

export const isHashReply = (x: HashObject | OpenHash | null | Reply): x is Reply =>
	x !== null && 'type' in x && x.type !== 'hash';

/**
 * hashTypeSet: a field or value longer than hash-max-listpack-value, or more than
 * hash-max-listpack-entries fields (both as CONFIG SET left them), turns a listpack into a
 * hashtable. True if the field is new.
 */
export function hashSet(config: Config, obj: HashObject, field: string, value: string): boolean {
	const isNew = !obj.value.has(field);
	obj.value.set(field, value);
	const entries = config['hash-max-listpack-entries'];
	updateHashEncoding(obj, field, value, entries, config['hash-max-listpack-value']);
	return isNew;
}

/**
 * Deletes fields from a hash found by writeHash; a hash left empty is deleted from the keyspace,
 * as HDEL does. Returns how many fields were removed.
 */
export function hashDelete(
	server: Server,
	db: Db,
	key: string,
	obj: HashObject,
	fields: readonly string[],
): number {
	let deleted = 0;
	for (const field of fields) {
		if (obj.value.delete(field)) deleted++;
		if (obj.value.size === 0) break;
	}
	if (deleted === 0) return 0;
	if (obj.value.size === 0) dbDelete(server, db, key);
	else valueChanged(server, db, key, obj);
	return deleted;
}
