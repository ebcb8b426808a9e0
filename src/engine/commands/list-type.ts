// Mirrors the listType* helpers of src/t_list.c: typed lookups, creating a list on first push
// (createQuicklistObject with the configured fill and compress depth), and the write-back every
// list edit ends with: re-pricing, signalModifiedKey, and deleting a list that has become empty.
import type { Db } from '../keyspace.ts';
import { dbAdd, dbDelete, initialLru, valueChanged } from '../keyspace.ts';
import { createList, parseLong, type ListObject } from '../object.ts';
import { clampFill } from '../quicklist.ts';
import { ERR, error, type Reply } from '../reply.ts';
import type { Server } from '../server.ts';
import { readTyped, writeTyped } from './check-type.ts';

/** lookupKeyReadOrReply + checkType: the list, null when missing, or the WRONGTYPE reply. */
export function readList(server: Server, db: Db, key: string): ListObject | null | Reply {
	return readTyped(server, db, key, 'list');
}

/** lookupKeyWrite + checkType: the list, null when missing, or WRONGTYPE. */
export function writeList(server: Server, db: Db, key: string): ListObject | null | Reply {
	return writeTyped(server, db, key, 'list');
}

export const isReply = (x: ListObject | Reply | null): x is Reply =>
	x !== null && x.type !== 'list';

/**
 * A new, empty list not yet in the keyspace (storeList adds it once it holds an element):
 * quicklistNew(list-max-listpack-size, list-compress-depth), both fixed for the list's life.
 */
export function newList(server: Server): ListObject {
	const list = createList(initialLru(server), clampFill(server.config['list-max-listpack-size']));
	list.value.setCompressDepth(server.config['list-compress-depth']);
	return list;
}

/**
 * After an edit: a list left empty is deleted (as every list command does), a new one is added with
 * dbAdd (which also wakes clients blocked on the key), an existing one is re-priced.
 */
export function storeList(server: Server, db: Db, key: string, obj: ListObject, isNew: boolean) {
	if (obj.value.length === 0) {
		if (!isNew) dbDelete(server, db, key);
	} else if (isNew) dbAdd(server, db, key, obj);
	else valueChanged(server, db, key, obj);
}

export const NOT_INTEGER: Reply = Object.freeze(error(ERR.notInteger));
export const MUST_BE_POSITIVE: Reply = Object.freeze(
	error('ERR value is out of range, must be positive'),
);

/**
 * getPositiveLongFromObjectOrReply: a count ≥ 0. Whatever is wrong (not a number, or negative),
 * the one message is sent: `msg`, else "value is out of range, must be positive".
 */
export function parsePositive(s: string, msg?: string): number | Reply {
	const n = parseLong(s);
	if (n !== null && n >= 0) return n;
	return msg ? error(`ERR ${msg}`) : MUST_BE_POSITIVE;
}

/** getListPositionFromObjectOrReply: LEFT is the head, RIGHT the tail. */
export function parseWhere(s: string): 'left' | 'right' | null {
	const w = s.toLowerCase();
	return w === 'left' || w === 'right' ? w : null;
}

/** listTypePop. */
export const popFrom = (obj: ListObject, where: 'left' | 'right'): string | null =>
	where === 'left' ? obj.value.popHead() : obj.value.popTail();

/** listTypePush; `threshold` is the server's packed threshold (server.packedThreshold). */
export function pushTo(obj: ListObject, where: 'left' | 'right', s: string, threshold: number) {
	if (where === 'left') obj.value.pushHead(s, threshold);
	else obj.value.pushTail(s, threshold);
}
