// Frozen plain data for views: what the keyspace table, memory gauge and lesson checks read. Looking
// never touches LRU clocks, stats or lazy expiry — like DEBUG OBJECT, not like GET.
import type { MaxmemoryPolicy } from './config.ts';
import { evictionProcDueAt } from './evict.ts';
import { lfuDecrAndReturn } from './lfu.ts';
import { isLfuPolicy, lruClockAt, lruIdleTicks } from './lru.ts';
import { memoryUsage } from './memory.ts';
import { zsetPreview } from './zset-preview.ts';
import { listPreview } from './list-preview.ts';
import { setPreview } from './set-preview.ts';
import type { RedisObject } from './object.ts';
import { expireOf, type Db } from './keyspace.ts';
import type { Server, Stats } from './server.ts';
import { usedMemory } from './stats.ts';

export interface KeyView {
	readonly name: string;
	readonly type: RedisObject['type'];
	readonly encoding: RedisObject['encoding'];
	/** The value (strings) or `field=value` pairs (hashes), cut to 200 bytes. */
	readonly preview: string;
	/** Absolute expiry in ms, or null when the key has no TTL. */
	readonly expiresAt: number | null;
	/** True when the key is past its TTL but Redis has not deleted it yet (a ghost). */
	readonly isExpired: boolean;
	/**
	 * The object's 24-bit `lru` field: the LRU clock at its last access, or under LFU the pair
	 * (minutes << 8 | counter). A stamp, not an age, so a view stays the same while only time
	 * passes; idleSecondsAt and freqAt read it at any moment.
	 */
	readonly lru: number;
	/** MEMORY USAGE of the key. */
	readonly bytes: number;
}

export interface KeyspaceView {
	readonly now: number;
	readonly db: number;
	readonly keys: readonly KeyView[];
	readonly dbSizes: readonly number[];
	readonly usedMemory: number;
	readonly maxmemory: number;
	readonly policy: MaxmemoryPolicy;
	readonly stats: Readonly<Stats>;
	readonly activeExpire: boolean;
	/**
	 * When evictions cut short by maxmemory-eviction-tenacity resume (evict.c's evictionTimeProc),
	 * or null when none are pending.
	 */
	readonly evictionDueAt: number | null;
	/** What idleSecondsAt and freqAt need: the LRU clock's tick and LFU's decay period. */
	readonly lruResolutionMs: number;
	readonly lfuDecayTime: number;
	/**
	 * The soonest expiry still ahead (or due now) among this db's keys, null when none has one
	 * left: what Next expiry jumps past. Found in the same pass as the keys, since a second pass
	 * over 10,000 views after every look cost as much as the look.
	 */
	readonly nextExpiry: number | null;
}

/** estimateObjectIdleTime in LRU ticks (seconds) at virtual time `now`; null under LFU. */
export function idleSecondsAt(view: KeyspaceView, key: KeyView, now = view.now): number | null {
	if (isLfuPolicy(view.policy)) return null;
	return lruIdleTicks(lruClockAt(now, view.lruResolutionMs), key.lru);
}

/** The key's LFU counter decayed to virtual time `now`; null under the other policies. */
export function freqAt(view: KeyspaceView, key: KeyView, now = view.now): number | null {
	return isLfuPolicy(view.policy) ? lfuDecrAndReturn(key.lru, now, view.lfuDecayTime) : null;
}

const PREVIEW_BYTES = 200;

/**
 * What the last look at a key produced, so the next look reuses the same frozen KeyView when
 * nothing about the key changed (time passing alone changes only its ghost flag), and a string's
 * preview and MEMORY USAGE when its value did not. A hash is mutated in place, so its preview and
 * bytes are recomputed.
 */
interface Memo {
	obj: RedisObject;
	value: unknown;
	encoding: RedisObject['encoding'];
	view: KeyView;
}

interface DbMemo {
	/**
	 * By slot (a key's place in db.keys), which a look walks in order: no lookup by name per key.
	 * A slot that another key has taken since (a deletion moves the last key into it) is looked
	 * at afresh.
	 */
	readonly bySlot: (Memo | undefined)[];
	keys: readonly KeyView[];
}

const memos = new WeakMap<Db, DbMemo>();

export function inspectServer(server: Server, dbIndex: number): KeyspaceView {
	const db = server.dbs[dbIndex]!;
	const now = server.now();
	let memo = memos.get(db);
	if (!memo) memos.set(db, (memo = { bySlot: [], keys: Object.freeze([]) }));
	const previous = memo.keys;
	let same = previous.length === db.keys.length;
	let nextExpiry: number | null = null;
	const keys: KeyView[] = new Array<KeyView>(db.keys.length);
	for (let i = 0; i < db.keys.length; i++) {
		const name = db.keys[i]!;
		const obj = db.dict.get(name)!;
		const when = expireOf(obj);
		const expiresAt = when ?? null;
		const isExpired = when !== undefined && now > when;
		if (when !== undefined && !isExpired && (nextExpiry === null || when < nextExpiry))
			nextExpiry = when;
		let m = memo.bySlot[i];
		if (m !== undefined && m.view.name !== name) m = undefined;
		const fresh = !m || m.obj !== obj || m.value !== obj.value || m.encoding !== obj.encoding;
		const text = fresh || obj.type !== 'string' ? preview(obj) : m!.view.preview;
		const bytes = fresh || obj.type !== 'string' ? memoryUsage(name, obj) : m!.view.bytes;
		let view = m?.view;
		if (
			!view ||
			view.type !== obj.type ||
			view.encoding !== obj.encoding ||
			view.preview !== text ||
			view.expiresAt !== expiresAt ||
			view.isExpired !== isExpired ||
			view.lru !== obj.lru ||
			view.bytes !== bytes
		) {
			view = Object.freeze({
				name,
				type: obj.type,
				encoding: obj.encoding,
				preview: text,
				expiresAt,
				isExpired,
				lru: obj.lru,
				bytes,
			});
		}
		if (m) {
			m.obj = obj;
			m.value = obj.value;
			m.encoding = obj.encoding;
			m.view = view;
		} else {
			memo.bySlot[i] = { obj, value: obj.value, encoding: obj.encoding, view };
		}
		keys[i] = view;
		same &&= previous[i] === view;
	}
	if (memo.bySlot.length > keys.length) memo.bySlot.length = keys.length;
	// Unchanged keys keep the same array, so views can skip re-sorting what did not change.
	if (!same) memo.keys = Object.freeze(keys);
	return Object.freeze({
		now,
		db: dbIndex,
		keys: memo.keys,
		dbSizes: Object.freeze(server.dbs.map((d) => d.dict.size)),
		usedMemory: usedMemory(server),
		maxmemory: server.config.maxmemory,
		policy: server.config['maxmemory-policy'],
		stats: Object.freeze({ ...server.stats }),
		activeExpire: server.activeExpireEnabled,
		evictionDueAt: evictionProcDueAt(server),
		lruResolutionMs: server.lruResolutionMs,
		lfuDecayTime: server.config['lfu-decay-time'],
		nextExpiry,
	});
}

function preview(obj: RedisObject): string {
	if (obj.type === 'string') return obj.value.slice(0, PREVIEW_BYTES);
	if (obj.type === 'zset') return zsetPreview(obj.value, PREVIEW_BYTES);
	if (obj.type === 'list') return listPreview(obj.value, PREVIEW_BYTES);
	if (obj.type === 'set') return setPreview(obj.value, PREVIEW_BYTES);
	let out = '';
	for (const [f, v] of obj.value) {
		if (out.length >= PREVIEW_BYTES) break;
		out += `${out ? ' ' : ''}${f}=${v}`;
	}
	return out.slice(0, PREVIEW_BYTES);
}
