// Mirrors src/evict.c's performEvictions(): before every command while maxmemory is set, evict keys
// chosen by maxmemory-policy until used_memory is back under the limit or the time budget runs out.
import type { MaxmemoryPolicy } from './config.ts';
import type { EvictionCandidate, EvictionMeasure } from './events.ts';
import { evictionPool, evictionPoolPopulate, TTL_SCORE_MAX } from './evict-pool.ts';
import { dbDelete } from './keyspace.ts';
import { isLfuPolicy } from './lru.ts';
import type { Server } from './server.ts';
import { usedMemory } from './stats.ts';

export type EvictResult = 'ok' | 'running' | 'fail';

/**
 * The time limit as a work budget. Virtual time does not pass while the engine runs, so each
 * eviction is charged what it costs a real 7.0.15 server: measured with one pipelined read after
 * CONFIG SET maxmemory over 200k keys (0.67 µs per key for allkeys-random, 0.83 at 5 samples,
 * 1.14 at 10, 1.49 at 20), i.e. about 620 ns per delete plus 45 ns per key sampled.
 */
export const EVICTION_DELETE_NS = 620;
export const EVICTION_SAMPLE_NS = 45;

/** evictionTimeLimitUs: tenacity 0–10 → 50 µs per step; 11–99 → 15 % more per step; 100 → none. */
export function evictionTimeLimitUs(tenacity: number): number {
	if (tenacity <= 10) return 50 * tenacity;
	if (tenacity < 100) return Math.floor(500 * 1.15 ** (tenacity - 10));
	return Infinity;
}

const ALLKEYS: ReadonlySet<MaxmemoryPolicy> = new Set([
	'allkeys-lru',
	'allkeys-lfu',
	'allkeys-random',
]);
const RANDOM: ReadonlySet<MaxmemoryPolicy> = new Set(['allkeys-random', 'volatile-random']);
/** Shared by every victim picked with no listener: nothing is ever pushed to it. */
const NOT_RECORDED: EvictionCandidate[] = [];

interface Victim {
	readonly db: number;
	readonly key: string;
	readonly sampled: EvictionCandidate[];
	readonly ghosts: number;
	readonly score: number;
	/** Keys sampled to find it: the work the budget is charged for. */
	readonly samples: number;
}

/** Picks the next key to evict, or null when no database has a candidate (evict.c's inner loop). */
function pickVictim(server: Server, record: boolean): Victim | null {
	const policy = server.config['maxmemory-policy'];
	const allkeys = ALLKEYS.has(policy);
	// Only the x-ray reads the samples: without a listener they are not kept.
	const sampled: EvictionCandidate[] = record ? [] : NOT_RECORDED;
	if (RANDOM.has(policy)) {
		// One draw per eviction, visiting the databases round-robin from a static next_db.
		const n = server.dbs.length;
		let nextDb = server.eviction.nextDb;
		for (let i = 0; i < n; i++) {
			const j = ++nextDb % n;
			const db = server.dbs[j]!;
			const keys = allkeys ? db.keys : db.volatile;
			if (keys.length === 0) continue;
			server.eviction.nextDb = nextDb;
			const key = keys[server.rng.int(keys.length)]!;
			if (record) sampled.push({ key, db: j, score: 0 });
			return { db: j, key, sampled, ghosts: 0, score: 0, samples: 1 };
		}
		server.eviction.nextDb = nextDb;
		return null;
	}
	const pool = evictionPool(server);
	let ghosts = 0;
	let samples = 0;
	const dbs = server.dbs;
	for (;;) {
		let total = 0;
		for (let d = 0; d < dbs.length; d++) {
			const db = dbs[d]!;
			const size = allkeys ? db.keys.length : db.volatile.length;
			if (size === 0) continue;
			samples += evictionPoolPopulate(server, db, allkeys, pool, record ? sampled : undefined);
			total += size;
		}
		if (total === 0) return null;
		// From the best entry to the worst, each one leaves the pool as it is looked at.
		while (pool.length > 0) {
			const e = pool.pop()!;
			const db = server.dbs[e.db];
			if (db && (allkeys ? db.dict.has(e.key) : db.expires.has(e.key)))
				return { db: e.db, key: e.key, sampled, ghosts, score: e.score, samples };
			ghosts++;
		}
	}
}

/**
 * evictionTimeProc: the timer that keeps evicting after a cut-short pass (server.eviction.proc, and
 * when it is due: the clock's "next eviction" jumps there). Each run is charged its whole budget,
 * so the next one is due `delayMs` later.
 */
function startEvictionTimeProc(server: Server, delayMs: number): void {
	if (server.eviction.proc !== null) return;
	armEvictionTimeProc(server, server.clock.now() + delayMs, delayMs);
}

/** Arms the timer at `at` (a fork re-arms its copy where the original's was due). */
export function armEvictionTimeProc(server: Server, at: number, delayMs: number): void {
	const tick = () => {
		// DEBUG SLEEP blocks the event loop: the timer waits, as the cron does.
		if (server.sleeping || performEvictions(server) === 'running') {
			armEvictionTimeProc(server, server.clock.now() + delayMs, delayMs);
			return;
		}
		server.eviction.proc = null;
	};
	server.eviction.proc = {
		timer: server.clock.setTimeout(tick, at - server.clock.now()),
		at,
		delayMs,
	};
}

/** True while the eviction timer is pending (INFO and tests look). */
export function isEvictionProcRunning(server: Server): boolean {
	return server.eviction.proc !== null;
}

/** When the pending eviction timer runs next, or null when none is pending. */
export function evictionProcDueAt(server: Server): number | null {
	return server.eviction.proc?.at ?? null;
}

export function performEvictions(server: Server): EvictResult {
	const result = evict(server);
	const s = server.stats;
	if (result !== 'ok') {
		if (s.last_eviction_exceeded_time === 0) s.last_eviction_exceeded_time = server.now();
	} else if (s.last_eviction_exceeded_time !== 0) {
		s.total_eviction_exceeded_time += server.now() - s.last_eviction_exceeded_time;
		s.last_eviction_exceeded_time = 0;
	}
	return result;
}

function evict(server: Server): EvictResult {
	const maxmemory = server.config.maxmemory;
	const used = usedMemory(server);
	if (maxmemory === 0 || used <= maxmemory) return 'ok';
	const policy = server.config['maxmemory-policy'];
	if (policy === 'noeviction') return 'fail';

	const tofree = used - maxmemory;
	const limitUs = evictionTimeLimitUs(server.config['maxmemory-eviction-tenacity']);
	const record = server.events.active;
	let freed = 0;
	let keysFreed = 0;
	let workNs = 0;
	while (freed < tofree) {
		const poolBefore = record ? snapshot(evictionPool(server)) : [];
		const victim = pickVictim(server, record);
		if (!victim) return 'fail';
		const db = server.dbs[victim.db]!;
		// Freed memory is the drop in used_memory across the delete alone, as evict.c measures it.
		const before = usedMemory(server);
		dbDelete(server, db, victim.key);
		const after = usedMemory(server);
		freed += before - after;
		server.stats.evicted_keys++;
		keysFreed++;
		workNs += EVICTION_DELETE_NS + EVICTION_SAMPLE_NS * victim.samples;
		if (record)
			server.events.emit({
				type: 'evicted',
				at: server.now(),
				db: victim.db,
				key: victim.key,
				policy,
				sampled: victim.sampled,
				poolBefore,
				poolAfter: snapshot(evictionPool(server)),
				score: victim.score,
				measure: evictionMeasure(policy, victim.score, server.now()),
				skipped: victim.ghosts,
				maxmemory,
				memoryBefore: before,
				memoryAfter: after,
			});
		if (keysFreed % 16 === 0 && workNs > limitUs * 1000) {
			// Each timer run is charged the budget it spends, so it is due that long after (whole
			// milliseconds, as the virtual clock keeps them).
			startEvictionTimeProc(server, Math.max(1, Math.ceil(limitUs / 1000)));
			break;
		}
	}
	return isEvictionProcRunning(server) ? 'running' : 'ok';
}

function snapshot(pool: readonly EvictionCandidate[]): EvictionCandidate[] {
	return pool.map((e) => ({ key: e.key, db: e.db, score: e.score }));
}

/** What a pool score stands for under `policy` at time `at` (the inverse of the pool's scoring). */
export function evictionMeasure(
	policy: MaxmemoryPolicy,
	score: number,
	at: number,
): EvictionMeasure {
	if (policy.endsWith('-random')) return { kind: 'random' };
	if (isLfuPolicy(policy)) return { kind: 'lfu', counter: 255 - score };
	if (policy === 'volatile-ttl') return { kind: 'ttl', ms: TTL_SCORE_MAX - score - at };
	return { kind: 'idle', ms: score };
}
