// Mirrors the type tails of rdbLoadObject in src/rdb.c: a value comes back encoded for the server
// that loads it, not as it was when saved. A string is re-encoded from its bytes (an APPEND's
// spare room is gone), a hash or a set that fits the current limits comes back small even if it
// had grown past them once, and a sorted set likewise (zset-convert.ts). A list keeps its nodes
// but takes the current list-max-listpack-size and list-compress-depth.
import type { Config } from './config.ts';
import { createList, createString, type RedisObject } from './object.ts';
import { clampFill } from './quicklist.ts';
import { zsetLoaded } from './zset-convert.ts';

/** The object as rdbLoad would rebuild it from a save of `obj` (a fresh copy it may edit). */
export function loadedObject(config: Config, obj: RedisObject): RedisObject {
	switch (obj.type) {
		case 'string':
			// rdbLoadEncodedStringObject + tryObjectEncoding: int, embstr or an exact raw sds.
			return createString(obj.value, obj.lru);
		case 'hash': {
			// RDB_TYPE_HASH loads into a listpack while it fits; a saved listpack too big for the
			// current limits is converted. Either way the limits of now decide.
			const maxValue = config['hash-max-listpack-value'];
			let fits = obj.value.size <= config['hash-max-listpack-entries'];
			for (const [field, value] of obj.value) {
				if (!fits) break;
				fits = field.length <= maxValue && value.length <= maxValue;
			}
			obj.encoding = fits ? 'listpack' : 'hashtable';
			return obj;
		}
		case 'set':
			obj.value.reload(config['set-max-intset-entries']);
			obj.encoding = obj.value.isDict ? 'hashtable' : 'intset';
			return obj;
		case 'zset':
			zsetLoaded(config, obj);
			return obj;
		case 'list': {
			// RDB_TYPE_LIST_QUICKLIST_2: quicklistSetOptions from the current config, then the nodes.
			const list = createList(obj.lru, clampFill(config['list-max-listpack-size']));
			list.value.setCompressDepth(config['list-compress-depth']);
			list.value.loadFrom(obj.value);
			return list;
		}
	}
}
