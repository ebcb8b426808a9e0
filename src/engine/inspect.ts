// Frozen plain data for views: what the keyspace table, memory gauge and lesson checks read. Looking
// never touches LRU clocks, stats or lazy expiry — like DEBUG OBJECT, not like GET.
import type { MaxmemoryPolicy } from './config.ts';
import { lfuDecrAndReturn } from './lfu.ts';
import { memoryUsage } from './memory.ts';
import type { RedisObject } from './object.ts';
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
	/** Seconds since last access (LRU policies and noeviction), null under LFU. */
	readonly idleSeconds: number | null;
	/** The decayed LFU counter under LFU policies, null otherwise. */
	readonly freq: number | null;
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
}

const PREVIEW_BYTES = 200;

export function inspectServer(server: Server, dbIndex: number): KeyspaceView {
	const db = server.dbs[dbIndex]!;
	const now = server.now();
	const lfu = server.isLfu();
	const clock = server.lruClock();
	const keys: KeyView[] = [];
	for (const name of db.keys) {
		const obj = db.dict.get(name)!;
		const when = db.expires.get(name);
		keys.push(
			Object.freeze({
				name,
				type: obj.type,
				encoding: obj.encoding,
				preview: preview(obj),
				expiresAt: when ?? null,
				isExpired: when !== undefined && now > when,
				idleSeconds: lfu ? null : idle(clock, obj.lru),
				freq: lfu ? lfuDecrAndReturn(obj.lru, now, server.config['lfu-decay-time']) : null,
				bytes: memoryUsage(name, obj),
			}),
		);
	}
	return Object.freeze({
		now,
		db: dbIndex,
		keys: Object.freeze(keys),
		dbSizes: Object.freeze(server.dbs.map((d) => d.dict.size)),
		usedMemory: usedMemory(server),
		maxmemory: server.config.maxmemory,
		policy: server.config['maxmemory-policy'],
		stats: Object.freeze({ ...server.stats }),
		activeExpire: server.activeExpireEnabled,
	});
}

/** estimateObjectIdleTime, in seconds. */
function idle(clock: number, lru: number): number {
	return clock >= lru ? clock - lru : clock + 0xffffff - lru;
}

function preview(obj: RedisObject): string {
	if (obj.type === 'string') return obj.value.slice(0, PREVIEW_BYTES);
	let out = '';
	for (const [f, v] of obj.value) {
		if (out.length >= PREVIEW_BYTES) break;
		out += `${out ? ' ' : ''}${f}=${v}`;
	}
	return out.slice(0, PREVIEW_BYTES);
}
