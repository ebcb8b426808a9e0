// Mirrors rdbLoad's key loop (src/rdb.c) for the loading half; the copying half has no Redis
// counterpart: fork() and snapshots deep-copy databases where Redis forks a process.
import {
	addVolatile,
	appendSlot,
	attachExpire,
	chargedCost,
	dbDelete,
	initialLru,
	type Db,
} from './keyspace.ts';
import { lfuTimeInMinutes } from './lfu.ts';
import { LRU_CLOCK_MAX, lruIdleTicks } from './lru.ts';
import { keyCost, resizedSlots } from './memory.ts';
import { copyObject, type RedisObject } from './object.ts';
import type { Snapshot } from './persistence.ts';
import { savedIdleOrFreq } from './persistence.ts';
import type { Server } from './server.ts';
import { loadedObject } from './rdb-load.ts';

/** A deep copy of every key, TTL and the active-expire bookkeeping, slot for slot. */
export function copyDb(from: Db, to: Db): void {
	for (const key of from.keys) {
		const obj = copyObject(from.dict.get(key)!);
		appendSlot(to, key, obj);
		to.dict.set(key, obj);
	}
	for (const key of from.volatile) {
		to.volatileSlot.set(key, to.volatile.length);
		to.volatile.push(key);
		attachExpire(to, key, to.dict.get(key)!, from.expires.get(key)!);
	}
	to.expiresCursor = from.expiresCursor;
	to.avgTtl = from.avgTtl;
	to.bytes = from.bytes;
	to.slots = from.slots;
	to.expiresSlots = from.expiresSlots;
}

/**
 * One database as a save holds it: each key's value (a copy, since the live one is edited in
 * place) and its expire time, in slot order; NaN for no TTL. The live tables the cycles need
 * (dict, expires, volatile order) are built only if the save is ever loaded: a BGSAVE of
 * 10,000 keys every few seconds at 600× used to build all three and block the page for 10–25 ms.
 */
export interface SavedDb {
	readonly id: number;
	readonly keys: readonly string[];
	readonly objects: readonly RedisObject[];
	readonly expires: Float64Array;
}

/** The dataset part of rdbSaveRio for one database, taken at the fork. */
export function saveDb(from: Db): SavedDb {
	const keys = from.keys.slice();
	const n = keys.length;
	const objects = new Array<RedisObject>(n);
	const expires = new Float64Array(n).fill(NaN);
	const withTtl = from.expires.size > 0;
	for (let i = 0; i < n; i++) {
		const key = keys[i]!;
		objects[i] = copyObject(from.dict.get(key)!);
		if (withTtl) expires[i] = from.expires.get(key) ?? NaN;
	}
	return { id: from.id, keys, objects, expires };
}

/**
 * rdbLoad into empty databases: keys whose TTL has passed are skipped (a master drops them and
 * counts them), the rest get fresh tables. A key's idle time (LRU) or counter (LFU) comes back when
 * the snapshot was saved under such a policy and the server now runs one of the same kind.
 */
export function loadSnapshot(server: Server, snapshot: Snapshot, replace = false): void {
	const p = server.persistence;
	const now = server.now();
	const saved = savedIdleOrFreq(snapshot);
	const lfu = server.isLfu();
	for (const from of snapshot.dbs) {
		const to = server.dbs[from.id];
		if (!to) continue;
		for (let i = 0; i < from.keys.length; i++) {
			const key = from.keys[i]!;
			const at = from.expires[i]!;
			const when = Number.isNaN(at) ? undefined : at;
			if (when !== undefined && when < now) {
				p.loadKeysExpired++;
				continue;
			}
			// RDBFLAGS_ALLOW_DUP (DEBUG RELOAD MERGE): a key already there gives way to the saved one.
			if (replace && to.dict.has(key)) dbDelete(server, to, key);
			const src = from.objects[i]!;
			const obj = loadedObject(server.config, copyObject(src));
			if (obj.type !== 'string') obj.cost = keyCost(key, obj);
			if (saved === 'lfu' && lfu) obj.lru = (lfuTimeInMinutes(now) << 8) | (src.lru & 0xff);
			else if (saved === 'lru' && !lfu) {
				const idle = lruIdleTicks(snapshot.lruClock, src.lru);
				obj.lru = (server.lruClock() - idle + LRU_CLOCK_MAX + 1) & LRU_CLOCK_MAX;
			} else obj.lru = initialLru(server);
			appendSlot(to, key, obj);
			to.dict.set(key, obj);
			to.bytes += chargedCost(key, obj);
			to.slots = resizedSlots(to.slots, to.dict.size);
			if (when !== undefined) addVolatile(to, key, obj, when);
			p.loadKeysLoaded++;
		}
	}
}
