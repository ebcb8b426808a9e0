import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock.ts';
import { DEFAULT_CONFIG } from './config.ts';
import type { EvictionCandidate } from './events.ts';
import {
	EVPOOL_SIZE,
	TTL_SCORE_MAX,
	estimateObjectIdleTime,
	evictionScore,
	poolInsert,
	sampleIndices,
} from './evict-pool.ts';
import { dbAdd, setExpire } from './keyspace.ts';
import { lfuInitField } from './lfu.ts';
import { createString } from './object.ts';
import { Random } from './random.ts';
import { Server } from './server.ts';

const e = (key: string, score: number): EvictionCandidate => ({ key, db: 0, score });
const keysOf = (pool: EvictionCandidate[]) => pool.map((p) => p.key);

describe('poolInsert (evictionPoolPopulate’s insertion rule)', () => {
	it('keeps ascending order and puts ties left of equal scores', () => {
		const pool: EvictionCandidate[] = [];
		poolInsert(pool, e('b', 20));
		poolInsert(pool, e('a', 10));
		poolInsert(pool, e('c', 30));
		poolInsert(pool, e('b2', 20));
		expect(keysOf(pool)).toEqual(['a', 'b2', 'b', 'c']);
	});

	it('drops a sample no better than the worst entry once full', () => {
		const pool: EvictionCandidate[] = [];
		for (let i = 1; i <= EVPOOL_SIZE; i++) poolInsert(pool, e(`k${i}`, i * 10));
		expect(poolInsert(pool, e('low', 5))).toBe(false);
		expect(poolInsert(pool, e('tie', 10))).toBe(false);
		expect(pool).toHaveLength(EVPOOL_SIZE);
		expect(pool[0]!.key).toBe('k1');
	});

	it('throws entry 0 away and inserts at k−1 when full', () => {
		const pool: EvictionCandidate[] = [];
		for (let i = 1; i <= EVPOOL_SIZE; i++) poolInsert(pool, e(`k${i}`, i * 10));
		expect(poolInsert(pool, e('mid', 35))).toBe(true);
		expect(keysOf(pool).slice(0, 4)).toEqual(['k2', 'k3', 'mid', 'k4']);
		expect(poolInsert(pool, e('top', 1000))).toBe(true);
		expect(pool.at(-1)!.key).toBe('top');
		expect(pool).toHaveLength(EVPOOL_SIZE);
	});

	it('does not check for duplicates', () => {
		const pool: EvictionCandidate[] = [];
		poolInsert(pool, e('x', 1));
		poolInsert(pool, e('x', 1));
		expect(keysOf(pool)).toEqual(['x', 'x']);
	});
});

describe('sampleIndices (uniform stand-in for dictGetSomeKeys)', () => {
	it('takes every position when there are fewer than asked for', () => {
		expect(sampleIndices(new Random(1), 2, 5)).toEqual([0, 1]);
	});

	it('draws distinct positions, uniformly', () => {
		const rng = new Random(7);
		const counts = new Array<number>(50).fill(0);
		for (let r = 0; r < 20_000; r++) {
			const s = sampleIndices(rng, 50, 5);
			expect(new Set(s).size).toBe(5);
			for (const i of s) counts[i]!++;
		}
		// Each position is expected 2,000 times; ±10 % is over 4 standard deviations.
		for (const c of counts) expect(Math.abs(c - 2000)).toBeLessThan(200);
		expect(new Set(sampleIndices(rng, 50, 40)).size).toBe(40);
	});
});

describe('scores', () => {
	const server = (policy: (typeof DEFAULT_CONFIG)['maxmemory-policy']) =>
		new Server(
			new VirtualClock(1_000_000_000),
			{ ...DEFAULT_CONFIG, 'maxmemory-policy': policy },
			new Random(1),
		);

	it('LRU: idle ms from the 1-second clock, wrapping at 24 bits', () => {
		const s = server('allkeys-lru');
		const now = s.lruClock();
		expect(estimateObjectIdleTime(s, now - 3)).toBe(3000);
		expect(estimateObjectIdleTime(s, now)).toBe(0);
		expect(estimateObjectIdleTime(s, (now + 5) & 0xffffff)).toBe((now + 0xffffff - now - 5) * 1000);
		s.lruResolutionMs = 1;
		expect(estimateObjectIdleTime(s, s.lruClock() - 7)).toBe(7);
	});

	it('LFU: 255 − the decayed counter; volatile-ttl: soonest expiry highest', () => {
		const s = server('allkeys-lfu');
		const db = s.dbs[0]!;
		dbAdd(s, db, 'f', createString('v', lfuInitField(s.now())));
		expect(evictionScore(s, db, 'f')).toBe(250);
		s.clock.advance(3 * 60_000);
		expect(evictionScore(s, db, 'f')).toBe(253);
		s.config['maxmemory-policy'] = 'volatile-ttl';
		dbAdd(s, db, 'soon', createString('v', 0));
		dbAdd(s, db, 'late', createString('v', 0));
		setExpire(s, db, 'soon', s.now() + 1000);
		setExpire(s, db, 'late', s.now() + 5000);
		expect(evictionScore(s, db, 'soon')).toBe(TTL_SCORE_MAX - s.now() - 1000);
		expect(evictionScore(s, db, 'soon')).toBeGreaterThan(evictionScore(s, db, 'late'));
	});
});
