import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock.ts';
import { DEFAULT_CONFIG, type Config } from './config.ts';
import { evictionPool } from './evict-pool.ts';
import {
	evictionMeasure,
	evictionTimeLimitUs,
	isEvictionProcRunning,
	performEvictions,
} from './evict.ts';
import type { EngineEvent } from './events.ts';
import { dbAdd, initialLru, lookupKeyRead, setExpire } from './keyspace.ts';
import { createString } from './object.ts';
import { Random } from './random.ts';
import { Server } from './server.ts';
import { usedMemory } from './stats.ts';

function makeServer(config: Partial<Config> = {}, seed = 1): Server {
	return new Server(
		new VirtualClock(1_700_000_000_000),
		{ ...DEFAULT_CONFIG, ...config },
		new Random(seed),
	);
}

function fill(server: Server, n: number, { db = 0, ttl = false, prefix = 'key:' } = {}) {
	const d = server.dbs[db]!;
	for (let i = 0; i < n; i++) {
		const key = `${prefix}${i}`;
		dbAdd(server, d, key, createString('v', initialLru(server)));
		if (ttl) setExpire(server, d, key, server.now() + 100_000 + i);
	}
}

function events(server: Server): EngineEvent[] {
	const seen: EngineEvent[] = [];
	server.events.subscribe((e) => seen.push(e));
	return seen;
}

describe('performEvictions', () => {
	it('is OK under the limit and FAIL over it under noeviction', () => {
		const s = makeServer({ maxmemory: 2_000_000 });
		fill(s, 100);
		expect(performEvictions(s)).toBe('ok');
		s.config.maxmemory = 1;
		expect(performEvictions(s)).toBe('fail');
		expect(s.dbs[0]!.size).toBe(100);
	});

	it('evicts until used_memory is under maxmemory and counts evicted_keys', () => {
		const s = makeServer({ 'maxmemory-policy': 'allkeys-lru' });
		fill(s, 1000);
		s.config.maxmemory = usedMemory(s) - 10_000;
		expect(performEvictions(s)).toBe('ok');
		expect(usedMemory(s)).toBeLessThanOrEqual(s.config.maxmemory);
		expect(s.stats.evicted_keys).toBe(1000 - s.dbs[0]!.size);
		expect(s.stats.evicted_keys).toBeGreaterThan(100);
		expect(s.stats.expired_keys).toBe(0);
	});

	it('evicts everything under allkeys-* with maxmemory 1, then fails', () => {
		for (const policy of ['allkeys-lru', 'allkeys-lfu', 'allkeys-random'] as const) {
			const s = makeServer({
				maxmemory: 1,
				'maxmemory-policy': policy,
				'maxmemory-eviction-tenacity': 100,
			});
			fill(s, 50, { db: 0 });
			fill(s, 20, { db: 3 });
			expect(performEvictions(s)).toBe('fail');
			expect(s.dbs.every((d) => d.size === 0)).toBe(true);
			expect(s.stats.evicted_keys).toBe(70);
		}
	});

	it('volatile-* evict only keys with a TTL and fail when none is left', () => {
		for (const policy of [
			'volatile-lru',
			'volatile-lfu',
			'volatile-random',
			'volatile-ttl',
		] as const) {
			const s = makeServer({ maxmemory: 1, 'maxmemory-policy': policy });
			fill(s, 30, { prefix: 'plain:' });
			expect(performEvictions(s)).toBe('fail');
			expect(s.stats.evicted_keys).toBe(0);
			fill(s, 10, { prefix: 'ttl:', ttl: true });
			expect(performEvictions(s)).toBe('fail');
			expect(s.stats.evicted_keys).toBe(10);
			expect(s.dbs[0]!.size).toBe(30);
		}
	});

	it('volatile-ttl evicts the soonest expiry first', () => {
		const s = makeServer({ 'maxmemory-policy': 'volatile-ttl', 'maxmemory-samples': 10 });
		fill(s, 10, { ttl: true });
		s.config.maxmemory = usedMemory(s) - 1;
		const seen = events(s);
		performEvictions(s);
		expect(s.dbs[0]!.dict.has('key:0')).toBe(false);
		expect(s.dbs[0]!.size).toBe(9);
		// key:0 was set to expire 100 s from now: that is what the event carries.
		const ev = seen.find((e) => e.type === 'evicted');
		expect(ev?.type === 'evicted' && ev.measure).toEqual({ kind: 'ttl', ms: 100_000 });
	});

	it('LRU with every key sampled evicts the least recently used', () => {
		const s = makeServer({ 'maxmemory-policy': 'allkeys-lru', 'maxmemory-samples': 20 });
		fill(s, 10);
		s.clock.advance(5000);
		for (let i = 0; i < 10; i++) if (i !== 6) lookupKeyRead(s, s.dbs[0]!, `key:${i}`);
		s.config.maxmemory = usedMemory(s) - 1;
		performEvictions(s);
		expect(s.dbs[0]!.dict.has('key:6')).toBe(false);
	});

	it('publishes samples, the pool before and after, the victim, its measure and memory', () => {
		const s = makeServer({ 'maxmemory-policy': 'allkeys-lru' });
		fill(s, 100);
		s.clock.advance(3000);
		const seen = events(s);
		s.config.maxmemory = usedMemory(s) - 1;
		performEvictions(s);
		const ev = seen.find((e) => e.type === 'evicted');
		if (ev?.type !== 'evicted') throw new Error('no evicted event');
		expect(ev.sampled).toHaveLength(5);
		expect(ev.poolBefore).toEqual([]);
		expect(ev.poolAfter).toHaveLength(4);
		expect(ev.sampled.map((c) => c.key)).toContain(ev.key);
		expect(ev.sampled.every((c) => c.score === 3000)).toBe(true);
		expect(ev.policy).toBe('allkeys-lru');
		expect(ev.score).toBe(3000);
		expect(ev.measure).toEqual({ kind: 'idle', ms: 3000 });
		expect(ev.skipped).toBe(0);
		expect(ev.maxmemory).toBe(s.config.maxmemory);
		expect(ev.memoryBefore - ev.memoryAfter).toBeGreaterThan(0);
		expect(ev.memoryAfter).toBe(usedMemory(s));
	});

	it('random policies publish the draw and visit databases round-robin', () => {
		const s = makeServer({
			'maxmemory-policy': 'allkeys-random',
			'maxmemory-eviction-tenacity': 100,
		});
		fill(s, 5, { db: 1 });
		fill(s, 5, { db: 2 });
		const seen = events(s);
		s.config.maxmemory = 1;
		performEvictions(s);
		const evicted = seen.flatMap((e) => (e.type === 'evicted' ? [e] : []));
		expect(evicted.map((e) => e.db)).toEqual([1, 2, 1, 2, 1, 2, 1, 2, 1, 2]);
		for (const e of evicted) {
			expect(e.sampled).toEqual([{ key: e.key, db: e.db, score: 0 }]);
			expect(e.measure).toEqual({ kind: 'random' });
		}
	});

	it('skips ghosts and never rescores pool entries', () => {
		const s = makeServer({ 'maxmemory-policy': 'allkeys-lru', 'maxmemory-samples': 3 });
		fill(s, 3);
		s.clock.advance(10_000);
		const pool = evictionPool(s);
		pool.push({ key: 'gone', db: 0, score: 1e9 }, { key: 'key:1', db: 0, score: 2e9 });
		// key:1 is touched now, yet its stale score still makes it the pick.
		lookupKeyRead(s, s.dbs[0]!, 'key:1');
		const seen = events(s);
		s.config.maxmemory = usedMemory(s) - 1;
		performEvictions(s);
		expect(s.dbs[0]!.dict.has('key:1')).toBe(false);
		// 'gone' (1e9) is still in the pool; a second ghost goes on top of it.
		pool.push({ key: 'ghost', db: 0, score: 9e9 });
		s.config.maxmemory = usedMemory(s) - 1;
		performEvictions(s);
		const last = seen.filter((e) => e.type === 'evicted').at(-1);
		expect(last?.type === 'evicted' && last.skipped).toBe(2);
	});

	it('reads a pool score back as what each policy measured', () => {
		expect(evictionMeasure('allkeys-lru', 42_000, 0)).toEqual({ kind: 'idle', ms: 42_000 });
		expect(evictionMeasure('volatile-lfu', 250, 0)).toEqual({ kind: 'lfu', counter: 5 });
		expect(evictionMeasure('volatile-random', 0, 0)).toEqual({ kind: 'random' });
		const at = 1_700_000_000_000;
		const score = Number.MAX_SAFE_INTEGER - (at + 5000);
		expect(evictionMeasure('volatile-ttl', score, at)).toEqual({ kind: 'ttl', ms: 5000 });
	});

	it('stops at the tenacity budget, returns running and finishes from a timer', () => {
		const s = makeServer({ 'maxmemory-policy': 'allkeys-random' });
		fill(s, 20_000);
		s.config.maxmemory = 1;
		expect(performEvictions(s)).toBe('running');
		// 500 µs at 665 ns per random eviction: over budget after 752 keys (checked every 16: 47 × 16).
		expect(s.stats.evicted_keys).toBe(752);
		expect(isEvictionProcRunning(s)).toBe(true);
		s.clock.advance(1000);
		expect(s.dbs[0]!.size).toBe(0);
		expect(isEvictionProcRunning(s)).toBe(false);
		expect(s.stats.total_eviction_exceeded_time).toBe(0);
		expect(s.stats.last_eviction_exceeded_time).toBeGreaterThan(0);
	});

	it('keeps the time-limit table of evictionTimeLimitUs', () => {
		expect([0, 1, 10, 11, 20, 99, 100].map(evictionTimeLimitUs)).toEqual([
			0,
			50,
			500,
			575,
			2022,
			Math.floor(500 * 1.15 ** 89),
			Infinity,
		]);
	});

	it('tracks total_eviction_exceeded_time while over the limit', () => {
		const s = makeServer({ maxmemory: 1 });
		fill(s, 10);
		performEvictions(s);
		s.clock.advance(250);
		s.config.maxmemory = 0;
		performEvictions(s);
		expect(s.stats.total_eviction_exceeded_time).toBe(250);
		expect(s.stats.last_eviction_exceeded_time).toBe(0);
	});
});

describe('cost per victim', () => {
	it('is O(samples): the same draws per eviction at 1k and 100k keys', () => {
		const drawsPerEviction = (n: number) => {
			const s = makeServer({ 'maxmemory-policy': 'allkeys-lru' });
			fill(s, n);
			let draws = 0;
			const int = s.rng.int.bind(s.rng);
			s.rng.int = (k: number) => (draws++, int(k));
			s.config.maxmemory = usedMemory(s) - 5000;
			performEvictions(s);
			return draws / s.stats.evicted_keys;
		};
		expect(drawsPerEviction(100_000)).toBe(drawsPerEviction(1000));
	});
});
