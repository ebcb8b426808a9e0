// Mirrors the lookups of src/t_set.c's commands: lookupKeyRead/Write + checkType for sets,
// setTypeCreate, and the write-back that keeps used_memory and WATCH right.
import { keyCost } from '../memory.ts';
import { dbAdd, dbDelete, initialLru, valueChanged, type Db } from '../keyspace.ts';
import { createSet, type SetObject } from '../object.ts';
import type { Reply } from '../reply.ts';
import type { Server } from '../server.ts';
import { readTyped, writeTyped } from './check-type.ts';
import { intWidth } from '../set-members.ts';

export const isReply = (x: object | null): x is Reply =>
	x !== null && 'type' in x && (x as { type: string }).type !== 'set';

/** lookupKeyRead + checkType: the set, null when missing, or the WRONGTYPE reply. */
export function readSet(server: Server, db: Db, key: string): SetObject | null | Reply {
	return readTyped(server, db, key, 'set');
}

/** lookupKeyWrite + checkType. */
export function writeSet(server: Server, db: Db, key: string): SetObject | null | Reply {
	return writeTyped(server, db, key, 'set');
}

/** setTypeCreate: an intset if the first member is an integer string2ll accepts, else a hashtable. */
export function newSet(server: Server, first: string): SetObject {
	const obj = createSet(initialLru(server));
	if (intWidth(first) === 0) {
		obj.value.isDict = true;
		obj.encoding = 'hashtable';
	}
	return obj;
}

/**
 * setTypeAdd on the object: adds a member and keeps OBJECT ENCODING in step, an intset turning
 * into a hashtable past set-max-intset-entries as configured now. True if new.
 */
export function setAdd(server: Server, obj: SetObject, member: string): boolean {
	const added = obj.value.addMember(member, server.config['set-max-intset-entries']);
	if (obj.value.isDict) obj.encoding = 'hashtable';
	return added;
}

/**
 * Re-prices a set whose members did not change (a lookup finished its rehash, freeing the old
 * table): used_memory follows, but no watcher is told.
 */
export function reprice(db: Db, key: string, obj: SetObject): void {
	const before = obj.cost;
	obj.cost = keyCost(key, obj);
	obj.value.priceStale = false;
	db.bytes += obj.cost - before;
}

/**
 * After a write: a new set is added, an emptied one deleted, a changed one re-priced and signalled.
 * An unchanged one is re-priced only if a rehash freed its old table since its last price: a
 * rehash step that leaves the old table in place, or a found member, cannot move the price.
 */
export function storeSet(
	server: Server,
	db: Db,
	key: string,
	obj: SetObject,
	isNew: boolean,
	changed: boolean,
): void {
	if (isNew) {
		if (obj.value.size > 0) dbAdd(server, db, key, obj);
	} else if (obj.value.size === 0) dbDelete(server, db, key);
	else if (changed) {
		valueChanged(server, db, key, obj);
		obj.value.priceStale = false;
	} else if (obj.value.priceStale) reprice(db, key, obj);
}
