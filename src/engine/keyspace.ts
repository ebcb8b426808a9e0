// Mirrors src/db.c: each database's main dict and expires dict, the lookupKey choke point (lazy
// expiry, LRU/LFU touch, hits and misses) and the add/overwrite/delete primitives every command uses.
import type {
	HashObject,
	ListObject,
	RedisObject,
	SetObject,
	StringObject,
	ZsetObject,
} from './object.ts';
import { stringEncoding, volatileString } from './object.ts';
import type { Server } from './server.ts';
import { EXPIRE_ENTRY_COST, keyCost, resizedSlots, valueBytes, zsetKeyCost } from './memory.ts';
import { lfuInitField, lfuUpdateField } from './lfu.ts';
import { signalKeyAsReady } from './blocking.ts';
import { KeyTable } from './key-table.ts';

/**
 * One database. Keys also sit in arrays so a uniformly random key (dictGetRandomKey, the eviction
 * sampler) is O(1); `slot` on the object and `volatileSlot` give each key its position.
 */
export class Db {
	/** The main dict (key-table.ts says why it is not a Map). */
	dict = new KeyTable<RedisObject>();
	/**
	 * No parallel array of objects beside it: that was a pointer per key (the goal: memory ≤ 2× a
	 * Map); the eviction sampler reads the packed `lruBySlot` instead, 4 bytes per key.
	 */
	keys: string[] = [];
	/**
	 * Each slot's object's `lru` field, packed (kept equal to obj.lru by this file): the eviction
	 * sampler scores a sampled slot from one 4-byte read here instead of chasing key → dict entry →
	 * object, which at a million keys is three cache misses per sample (the evicting SET benchmark).
	 */
	lruBySlot = new Uint32Array(16);
	/** The expires dict, read as a map from key to time (see Expires). */
	readonly expires = new Expires(this);
	/** The keys with a TTL, for the active expire sweep and the volatile-* samplers. */
	volatile: string[] = [];
	volatileSlot = new Map<string, number>();
	/** expires_cursor: where the active expire sweep resumes in `volatile`. */
	expiresCursor = 0;
	/** avg_ttl estimate (ms) maintained by the active expire cycle. */
	avgTtl = 0;
	/**
	 * `totals` is shared by all of a server's databases: every change to bytes or slots below adds
	 * its difference there, so used_memory is one read, not a walk over the databases (it is asked
	 * before every command while maxmemory is set, and around every eviction).
	 */
	constructor(
		readonly id: number,
		readonly totals: DbTotals = { charged: 0 },
	) {}

	#bytes = 0;
	#slots = 0;
	#expiresSlots = 0;

	/** Σ keyCost + expires entries: this database's share of used_memory, minus table slots. */
	get bytes(): number {
		return this.#bytes;
	}
	set bytes(v: number) {
		this.totals.charged += v - this.#bytes;
		this.#bytes = v;
	}
	/** Slots of the main and expires hash tables: they grow with the dict, shrink late (memory.ts). */
	get slots(): number {
		return this.#slots;
	}
	set slots(v: number) {
		this.totals.charged += 8 * (v - this.#slots);
		this.#slots = v;
	}
	get expiresSlots(): number {
		return this.#expiresSlots;
	}
	set expiresSlots(v: number) {
		this.totals.charged += 8 * (v - this.#expiresSlots);
		this.#expiresSlots = v;
	}

	get size(): number {
		return this.dict.size;
	}

	/**
	 * dbSwapDatabases: the two databases trade their keys, expires and the expire sweep's state;
	 * each keeps its index (and so its watchers and blocked clients, which are kept by index).
	 * The shared totals do not change: the same keys are still held.
	 */
	swapContents(other: Db): void {
		[this.dict, other.dict] = [other.dict, this.dict];
		[this.keys, other.keys] = [other.keys, this.keys];
		[this.lruBySlot, other.lruBySlot] = [other.lruBySlot, this.lruBySlot];
		[this.volatile, other.volatile] = [other.volatile, this.volatile];
		[this.volatileSlot, other.volatileSlot] = [other.volatileSlot, this.volatileSlot];
		[this.expiresCursor, other.expiresCursor] = [other.expiresCursor, this.expiresCursor];
		[this.avgTtl, other.avgTtl] = [other.avgTtl, this.avgTtl];
		[this.#bytes, other.#bytes] = [other.#bytes, this.#bytes];
		[this.#slots, other.#slots] = [other.#slots, this.#slots];
		[this.#expiresSlots, other.#expiresSlots] = [other.#expiresSlots, this.#expiresSlots];
	}
}

/**
 * The expires dict, read as a Map from key to expire time (unix ms). Redis keeps the time as the
 * value of the key's entry in a second dict; here it is the key's object's `expire` field, which
 * lookupKey holds anyway. So checking whether a key has expired and refreshing a TTL that is
 * already there (SETEX on a cached key) reach no second table: on a large keyspace every probe
 * of one is a cache miss or two, and SETEX cost about 1.4 SETs with one. Which keys have a TTL is
 * `volatileSlot`'s to say; each of them, and only they, has an object whose `expire` is not -1.
 */
export class Expires {
	constructor(readonly db: Db) {}

	get size(): number {
		return this.db.volatile.length;
	}

	has(key: string): boolean {
		return this.db.volatileSlot.has(key);
	}

	get(key: string): number | undefined {
		const obj = this.db.dict.get(key);
		return obj === undefined ? undefined : expireOf(obj);
	}

	/** [key, time] for every key with a TTL, in the sweep's order. */
	*[Symbol.iterator](): IterableIterator<[string, number]> {
		const { dict, volatile } = this.db;
		for (const key of volatile) yield [key, dict.get(key)!.expire!];
	}
}

/** The expire time of the key an object is stored under, or undefined when it has no TTL. */
export const expireOf = (obj: RedisObject): number | undefined =>
	obj.expire === undefined || obj.expire === -1 ? undefined : obj.expire;

const hasTtl = (obj: RedisObject) => expireOf(obj) !== undefined;

/** Σ over a server's databases of bytes + 8 × (slots + expiresSlots): their part of used_memory. */
export interface DbTotals {
	charged: number;
}

/** Lookup flags, as db.c's LOOKUP_* (LOOKUP_WRITE also implies no hit/miss stats). */
export const LOOKUP_NONE = 0;
export const LOOKUP_NOTOUCH = 1;
export const LOOKUP_NONOTIFY = 2;
export const LOOKUP_NOSTATS = 4;
export const LOOKUP_WRITE = 8;
/** Don't delete a logically expired key (KEYS, DBSIZE, MEMORY USAGE look without expiring). */
export const LOOKUP_NOEXPIRE = 16;

export function keyIsExpired(server: Server, db: Db, key: string): boolean {
	if (db.volatile.length === 0) return false;
	const when = db.expires.get(key);
	return when !== undefined && server.now() > when;
}

/**
 * expireIfNeeded: deletes a logically expired key and counts it as expired. Returns true when the
 * key is (now) gone.
 */
export function expireIfNeeded(server: Server, db: Db, key: string): boolean {
	if (!keyIsExpired(server, db, key)) return false;
	deleteExpiredKey(server, db, key, 'lazy');
	return true;
}

export function deleteExpiredKey(server: Server, db: Db, key: string, how: 'lazy' | 'active') {
	dbDelete(server, db, key);
	// An expiry is no change a command made: it adds nothing to dirty (dirty.ts).
	server.keySignals--;
	server.stats.expired_keys++;
	if (server.events.active) {
		const at = server.now();
		server.events.emit(
			how === 'lazy'
				? { type: 'expired', at, db: db.id, key, how, by: server.currentCommand }
				: { type: 'expired', at, db: db.id, key, how },
		);
	}
}

/** updateLRU/updateLFU on access: what a lookup without NOTOUCH does to a live object. */
export function touchObject(server: Server, db: Db, obj: RedisObject): void {
	let lru: number;
	if (server.isLfu()) {
		const c = server.config;
		lru = lfuUpdateField(
			obj.lru,
			server.now(),
			c['lfu-decay-time'],
			c['lfu-log-factor'],
			server.rng,
		);
	} else {
		lru = server.lruClock();
	}
	stampLru(db, obj, lru);
}

/**
 * Writes an object's LRU/LFU field and its copy in the packed array. Most accesses land in the
 * same clock tick as the last one: lruBySlot already holds that stamp, and leaving it unwritten
 * spares a likely cache miss on a large keyspace.
 */
function stampLru(db: Db, obj: RedisObject, lru: number): void {
	if (lru === obj.lru) return;
	obj.lru = lru;
	db.lruBySlot[obj.slot] = lru;
}

/** Puts a key at the end of the key list, growing the packed LRU array by doubling. */
export function appendSlot(db: Db, key: string, obj: RedisObject): void {
	const slot = db.keys.length;
	if (slot === db.lruBySlot.length) {
		const grown = new Uint32Array(slot * 2);
		grown.set(db.lruBySlot);
		db.lruBySlot = grown;
	}
	obj.slot = slot;
	db.keys.push(key);
	db.lruBySlot[slot] = obj.lru;
}

/** The `lru` field a new object starts with under the current policy. */
export function initialLru(server: Server): number {
	return server.isLfu() ? lfuInitField(server.now()) : server.lruClock();
}

/** lookupKey: the single choke point. */
export function lookupKey(server: Server, db: Db, key: string, flags: number): RedisObject | null {
	let obj = db.dict.get(key) ?? null;
	// expireIfNeeded, from the object in hand.
	if (obj !== null && db.volatile.length > 0 && !(flags & LOOKUP_NOEXPIRE)) {
		const when = expireOf(obj);
		if (when !== undefined && server.now() > when) {
			deleteExpiredKey(server, db, key, 'lazy');
			obj = null;
		}
	}
	if (obj !== null) {
		// No access-time update while a bgsave child runs: it would copy pages on write for nothing.
		if (!(flags & LOOKUP_NOTOUCH) && server.persistence.child === null)
			touchObject(server, db, obj);
		if (!(flags & (LOOKUP_NOSTATS | LOOKUP_WRITE))) {
			server.stats.keyspace_hits++;
			if (server.events.active)
				server.events.emit({ type: 'hit', at: server.now(), db: db.id, key });
		}
	} else if (!(flags & (LOOKUP_NOSTATS | LOOKUP_WRITE))) {
		server.stats.keyspace_misses++;
		if (server.events.active)
			server.events.emit({ type: 'miss', at: server.now(), db: db.id, key });
	}
	return obj;
}

export const lookupKeyRead = (server: Server, db: Db, key: string, flags = LOOKUP_NONE) =>
	lookupKey(server, db, key, flags);
export const lookupKeyWrite = (server: Server, db: Db, key: string) =>
	lookupKey(server, db, key, LOOKUP_WRITE);

/** Adds a key that must not exist. */
export function dbAdd(server: Server, db: Db, key: string, obj: RedisObject): void {
	appendSlot(db, key, obj);
	db.dict.set(key, obj);
	db.bytes += price(key, obj);
	db.slots = resizedSlots(db.slots, db.dict.size);
	signalModifiedKey(server, db, key);
	// A new list or sorted set may be what a blocked client waits for.
	if (server.blocking !== null && obj.type !== 'string') signalKeyAsReady(server, db, key);
}

/**
 * dbOverwrite / setKey: replaces the value, keeping the key's slot. Under LFU the new object inherits
 * the old counter (the write lookup already counted this access), as dbSetValue does.
 */
export function setKey(
	server: Server,
	db: Db,
	key: string,
	obj: RedisObject,
	keepTtl = false,
	/** False for an overwrite no one may notice (SETBIT unsharing a string it leaves as it was). */
	signal = true,
): void {
	const old = db.dict.get(key);
	if (!old) {
		dbAdd(server, db, key, obj);
		return;
	}
	// The TTL is the key's: a kept one moves to the new object (a string made able to hold it).
	// (A new object comes without one: -1, or for a string no field at all.)
	if (keepTtl && hasTtl(old)) {
		if (obj.expire === undefined) obj = volatileString(obj as StringObject);
		obj.expire = old.expire!;
	}
	if (server.isLfu()) obj.lru = old.lru;
	obj.slot = old.slot;
	db.lruBySlot[obj.slot] = obj.lru;
	db.dict.set(key, obj);
	if (old.type === 'string' && obj.type === 'string') {
		// The commonest overwrite: same key, so only the value's share of keyCost changes.
		db.bytes += valueBytes(obj) - valueBytes(old);
	} else {
		const oldCost = chargedCost(key, old);
		db.bytes += price(key, obj) - oldCost;
	}
	if (!keepTtl && db.volatile.length > 0 && hasTtl(old)) removeExpire(db, key);
	if (signal) signalModifiedKey(server, db, key);
}

/**
 * setKey for a string written over a string: the same end state as a fresh object (value,
 * encoding, an LRU stamp of now or the kept LFU counter, the key's slot, the TTL dropped unless
 * kept), written into the object the key already has. A fresh object per SET outlived the young
 * generation on a large keyspace and cost a promotion and a write barrier per overwrite. Only an
 * exactly sized value (no `sds` greedily grown by APPEND) is rewritten in place, so every field a
 * view compares still tells a change.
 */
export function overwriteString(
	server: Server,
	db: Db,
	key: string,
	obj: StringObject,
	value: string,
	keepTtl: boolean,
): void {
	const before = valueBytes(obj);
	if (!server.isLfu()) stampLru(db, obj, server.lruClock());
	obj.value = value;
	obj.encoding = stringEncoding(value);
	db.bytes += valueBytes(obj) - before;
	if (!keepTtl && db.volatile.length > 0 && hasTtl(obj)) removeExpire(db, key);
	signalModifiedKey(server, db, key);
}

/** keyCost of a key being stored, remembered on a hash (HashObject.cost says why only there). */
function price(key: string, obj: RedisObject): number {
	const cost = keyCost(key, obj);
	if (obj.type !== 'string') obj.cost = cost;
	return cost;
}

/** What a stored key is charged in db.bytes: a hash's remembered cost, a string's recomputed. */
export function chargedCost(key: string, obj: RedisObject): number {
	return obj.type !== 'string' ? obj.cost : keyCost(key, obj);
}

/**
 * Re-prices a value changed in place (APPEND, HSET…); the caller has already looked it up. A hash
 * remembers its old price; a string does not, so its caller passes chargedCost from before the edit.
 */
export function valueChanged(
	server: Server,
	db: Db,
	key: string,
	obj: HashObject | ZsetObject | ListObject | SetObject,
): void;
export function valueChanged(
	server: Server,
	db: Db,
	key: string,
	obj: StringObject,
	before: number,
): void;
export function valueChanged(
	server: Server,
	db: Db,
	key: string,
	obj: RedisObject,
	before?: number,
): void {
	if (obj.type === 'zset') {
		zsetChanged(server, db, key, obj);
		return;
	}
	const old = obj.type !== 'string' ? obj.cost : before!;
	db.bytes += price(key, obj) - old;
	signalModifiedKey(server, db, key);
}

/**
 * valueChanged for a sorted set, ZADD's every write: its price is read and kept by loads and a
 * store that only ever meet a zset. Shared with every type that remembers a price, V8 left the
 * store on its inline cache's slow path, some 250 instructions of each ZADD in all.
 */
function zsetChanged(server: Server, db: Db, key: string, obj: ZsetObject): void {
	const cost = zsetKeyCost(key, obj);
	db.bytes += cost - obj.cost;
	obj.cost = cost;
	signalModifiedKey(server, db, key);
}

/** valueChanged without the signal: a string made raw or grown by a write that changed no bit. */
export function stringRepriced(db: Db, key: string, obj: StringObject, before: number): void {
	db.bytes += price(key, obj) - before;
}

/** dbDelete without expiry accounting; true if the key existed. */
export function dbDelete(server: Server, db: Db, key: string): boolean {
	const obj = db.dict.get(key);
	if (!obj) return false;
	removeExpire(db, key);
	const last = db.keys.pop()!;
	if (last !== key) {
		db.keys[obj.slot] = last;
		db.lruBySlot[obj.slot] = db.lruBySlot[db.keys.length]!;
		db.dict.get(last)!.slot = obj.slot;
	}
	db.dict.delete(key);
	db.bytes -= chargedCost(key, obj);
	db.slots = resizedSlots(db.slots, db.dict.size);
	signalModifiedKey(server, db, key);
	return true;
}

export function getExpire(db: Db, key: string): number {
	return db.expires.get(key) ?? -1;
}

/**
 * Writes the TTL into `obj`, the object stored under `key`, without registering the key as
 * volatile (addVolatile does, or a copy of a whole database). A string seeing its first TTL is
 * replaced in the key's place by a copy that has the field.
 */
export function attachExpire(db: Db, key: string, obj: RedisObject, when: number): void {
	if (obj.expire === undefined) {
		obj = volatileString(obj as StringObject);
		db.dict.set(key, obj);
	}
	obj.expire = when;
}

/**
 * A key without a TTL gets one: it joins the sweep's list, its expires entry is charged and the
 * time goes on its object. No signal: setExpire sends one, a load must not.
 */
export function addVolatile(db: Db, key: string, obj: RedisObject, when: number): void {
	db.volatileSlot.set(key, db.volatile.length);
	db.volatile.push(key);
	db.bytes += EXPIRE_ENTRY_COST;
	db.expiresSlots = resizedSlots(db.expiresSlots, db.volatile.length);
	attachExpire(db, key, obj, when);
}

/** setExpire: a key's object is already in hand, so a TTL overwritten reaches no other table. */
export function setExpire(server: Server, db: Db, key: string, when: number): void {
	const obj = db.dict.get(key)!;
	if (hasTtl(obj)) attachExpire(db, key, obj, when);
	else addVolatile(db, key, obj, when);
	signalModifiedKey(server, db, key);
	// A tick planned by `when` already serves this TTL: waking the cron would plan nothing new.
	if (when < server.cron.plannedAt) server.wakeCron(when);
}

/** removeExpire: true if the key had a TTL. */
export function removeExpire(db: Db, key: string): boolean {
	// Every delete and overwrite asks: with no TTL in the database, no lookup is needed to answer.
	if (db.volatile.length === 0) return false;
	const slot = db.volatileSlot.get(key);
	if (slot === undefined) return false;
	const last = db.volatile.pop()!;
	if (last !== key) {
		db.volatile[slot] = last;
		db.volatileSlot.set(last, slot);
	}
	db.volatileSlot.delete(key);
	const obj = db.dict.get(key);
	if (obj !== undefined && obj.expire !== undefined) obj.expire = -1;
	db.bytes -= EXPIRE_ENTRY_COST;
	db.expiresSlots = resizedSlots(db.expiresSlots, db.volatile.length);
	return true;
}

/** emptyDb for one database (FLUSHDB); returns how many keys were removed. */
export function emptyDb(server: Server, db: Db): number {
	const removed = db.dict.size;
	touchAllWatchedKeysInDb(server, db, null);
	db.dict.clear();
	db.keys.length = 0;
	db.lruBySlot = new Uint32Array(16);
	db.volatile.length = 0;
	db.volatileSlot.clear();
	db.expiresCursor = 0;
	db.avgTtl = 0;
	db.bytes = 0;
	db.slots = 0;
	db.expiresSlots = 0;
	return removed;
}

/**
 * touchAllWatchedKeysInDb: `emptied` is flushed (replacedWith null) or about to get replacedWith's
 * keys (SWAPDB). A watched key that exists on either side fails its watchers' EXEC, except where
 * a watcher could see no change: a key that was already expired when watched and is now gone or
 * still expired; a missing key replaced by an expired one, which only marks that watch expired.
 */
export function touchAllWatchedKeysInDb(
	server: Server,
	emptied: Db,
	replacedWith: Db | null,
): void {
	if (server.watchedKeys.size === 0) return;
	const prefix = watchKey(emptied.id, '');
	for (const [id, watchers] of server.watchedKeys) {
		if (!id.startsWith(prefix)) continue;
		const key = id.slice(prefix.length);
		const inEmptied = emptied.dict.has(key);
		const inReplacement = replacedWith !== null && replacedWith.dict.has(key);
		if (!inEmptied && !inReplacement) continue;
		for (const c of watchers) {
			const w = c.watched.find((x) => x.db === emptied.id && x.key === key);
			if (!w) continue;
			if (w.expired) {
				if (!inReplacement) {
					w.expired = false;
					continue;
				}
				if (keyIsExpired(server, replacedWith!, key)) continue;
			} else if (!inEmptied && keyIsExpired(server, replacedWith!, key)) {
				w.expired = true;
				continue;
			}
			c.dirtyCas = true;
		}
	}
}

/**
 * signalModifiedKey → touchWatchedKey: any client WATCHing this key will have its EXEC fail —
 * except one that watched it while it was already expired: its deletion changes nothing that
 * client could have seen, so only that watch's `expired` mark is cleared.
 */
export function signalModifiedKey(server: Server, db: Db, key: string): void {
	server.keySignals++;
	if (server.watchedKeys.size === 0) return;
	const watchers = server.watchedKeys.get(watchKey(db.id, key));
	if (!watchers) return;
	for (const c of watchers) {
		const w = c.watched.find((x) => x.db === db.id && x.key === key);
		if (w?.expired) {
			if (!db.dict.has(key)) {
				w.expired = false;
				continue;
			}
			// Redis 7.0 leaves the loop here (later watchers are skipped too); kept as it is.
			break;
		}
		c.dirtyCas = true;
	}
}

export const watchKey = (dbId: number, key: string) => `${dbId}\u0000${key}`;
