// A cache under load, in virtual time: a power-law workload (redis-cli --lru-test's key choice)
// over N keys against a server with maxmemory and a policy, reporting the hit rate over time.
// Each request runs what processCommand runs: performEvictions, then GET (and SET on a miss).
import { VirtualClock } from '../clock.ts';
import { DEFAULT_CONFIG, type MaxmemoryPolicy } from '../config.ts';
import { performEvictions } from '../evict.ts';
import { activeExpireCycle } from '../expire.ts';
import { initialLru, lookupKeyRead, setExpire, setKey } from '../keyspace.ts';
import { createString } from '../object.ts';
import { Random } from '../random.ts';
import { Server } from '../server.ts';
import { usedMemory } from '../stats.ts';
import { LRU_TEST_ALPHA, lruTestKey } from './power-law.ts';

export interface HitRateOptions {
	/** N: how many distinct keys the workload asks for (`lru:1` … `lru:N`). */
	readonly keys: number;
	/** maxmemory in bytes, as CONFIG SET takes it (a fresh server already uses ~0.9 MB). */
	readonly maxmemory: number;
	readonly policy: MaxmemoryPolicy;
	readonly samples?: number;
	readonly requestsPerSecond: number;
	readonly durationSeconds: number;
	readonly intervalSeconds?: number;
	/**
	 * cache-aside: GET, and SET on a miss. lru-test: redis-cli's cycles of 250 SETs then 250 GETs,
	 * each key drawn afresh.
	 */
	readonly workload?: 'cache-aside' | 'lru-test';
	readonly valueBytes?: number;
	/** Give every SET this TTL (volatile-* policies evict only keys that have one). */
	readonly ttlSeconds?: number;
	readonly alpha?: number;
	readonly seed?: number;
}

export interface HitRatePoint {
	/** Seconds since the start, at the end of the interval. */
	readonly t: number;
	readonly hits: number;
	readonly misses: number;
	readonly hitRate: number;
	/** Writes refused with OOM during the interval. */
	readonly oom: number;
	readonly evictedKeys: number;
	readonly usedMemory: number;
	readonly dbsize: number;
}

export interface HitRateResult {
	readonly points: readonly HitRatePoint[];
	readonly hitRate: number;
	readonly evictedKeys: number;
}

const LRU_CYCLE_PIPELINE_SIZE = 250;

export function hitRateRun(o: HitRateOptions): HitRateResult {
	const seed = o.seed ?? 1;
	const config = { ...DEFAULT_CONFIG, maxmemory: o.maxmemory, 'maxmemory-policy': o.policy };
	if (o.samples !== undefined) config['maxmemory-samples'] = o.samples;
	const server = new Server(new VirtualClock(), config, new Random(seed));
	// The workload has its own stream, so every policy faces the very same requests.
	const workload = new Random(seed ^ 0x5eed);
	const db = server.dbs[0]!;
	const value = 'v'.repeat(o.valueBytes ?? 5);
	const cron = () => {
		activeExpireCycle(server);
		server.clock.setTimeout(cron, 1000 / server.config.hz);
	};
	server.clock.setTimeout(cron, 1000 / server.config.hz);

	let hits = 0;
	let misses = 0;
	let oom = 0;
	const get = (key: string) => {
		performEvictions(server);
		if (lookupKeyRead(server, db, key)) hits++;
		else misses++;
	};
	const set = (key: string) => {
		if (performEvictions(server) === 'fail') {
			oom++;
			return;
		}
		setKey(server, db, key, createString(value, initialLru(server)));
		if (o.ttlSeconds) setExpire(server, db, key, server.now() + o.ttlSeconds * 1000);
	};
	const request = (i: number) => {
		const key = lruTestKey(workload, o.keys, o.alpha ?? LRU_TEST_ALPHA);
		if (o.workload === 'lru-test') {
			const inCycle = i % (2 * LRU_CYCLE_PIPELINE_SIZE);
			return inCycle < LRU_CYCLE_PIPELINE_SIZE ? set(key) : get(key);
		}
		const before = hits;
		get(key);
		if (hits === before) set(key);
	};

	const points: HitRatePoint[] = [];
	const interval = o.intervalSeconds ?? 1;
	const perInterval = Math.round(o.requestsPerSecond * interval);
	const gapMs = 1000 / o.requestsPerSecond;
	let carry = 0;
	let i = 0;
	let totalHits = 0;
	let totalLookups = 0;
	for (let n = 1; n * interval <= o.durationSeconds; n++) {
		[hits, misses, oom] = [0, 0, 0];
		const evictedBefore = server.stats.evicted_keys;
		for (let r = 0; r < perInterval; r++) {
			request(i++);
			// Whole milliseconds only: the virtual clock keeps Redis's mstime() granularity.
			carry += gapMs;
			if (carry >= 1) {
				server.clock.advance(Math.floor(carry));
				carry -= Math.floor(carry);
			}
		}
		totalHits += hits;
		totalLookups += hits + misses;
		points.push({
			t: n * interval,
			hits,
			misses,
			hitRate: hits + misses ? hits / (hits + misses) : 0,
			oom,
			evictedKeys: server.stats.evicted_keys - evictedBefore,
			usedMemory: usedMemory(server),
			dbsize: db.size,
		});
	}
	return {
		points,
		hitRate: totalLookups ? totalHits / totalLookups : 0,
		evictedKeys: server.stats.evicted_keys,
	};
}
