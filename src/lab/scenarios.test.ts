// Each scenario's exact event sequence on a Lab's virtual clock, and what the invariant monitor sees.
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../flows/scenarios.ts';
import { Lab } from './lab.ts';
import { lines } from './scenario-format.test-util.ts';

/** A Lab running the scenario from its start, stepped to the end (or `steps` steps). */
function play(id: string, fixes: readonly string[] = [], steps = Infinity) {
	const lab = new Lab({ seed: 1, program: { kind: 'scenario', id, fixes } });
	for (let n = 0; n < steps && lab.step(); n++);
	return {
		lab,
		get timeline() {
			return lab.world.timeline;
		},
		get monitor() {
			return lab.world.monitor.report();
		},
		get world() {
			return lab.world;
		},
	};
}

const SELECT = 'SELECT * FROM users WHERE id = 1 → 1 row';
const UPDATE_BOB = "UPDATE users SET name = 'Bob', version = 2 WHERE id = 1 → 1 row";
const miss = (lane: string, ttl: number | null, v: number) => [
	`${lane} checkingCache: GET user:1 → (nil)`,
	`${lane} readingDb: ${SELECT}`,
	ttl === null
		? `${lane} fillingCache: SET user:1 <v${v}> → OK`
		: `${lane} fillingCache: SETEX user:1 ${ttl} <v${v}> → OK`,
	`${lane} responding`,
	`${lane} done`,
];
const hit = (lane: string, v: number) => [
	`${lane} checkingCache: GET user:1 → <v${v}>`,
	`${lane} responding`,
	`${lane} done`,
];

describe('scenario catalogue', () => {
	it('holds scenarios 1–8 and 13, each with lanes, instructions and a lesson', () => {
		expect(SCENARIOS.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 13]);
		for (const s of SCENARIOS) {
			expect(s.teaches.length).toBeGreaterThan(40);
			for (const i of s.instructions)
				if ('lane' in i) expect(s.lanes.map((l) => l.id)).toContain(i.lane);
			expect(s.fixes.length > 0).toBe(s.isRace);
		}
	});
});

describe('scenario event sequences', () => {
	it('1: cold miss, then warm hit', () => {
		const s = play('cold-miss-warm-hit');
		expect(lines(s.timeline)).toEqual([...miss('R', 3600, 1), ...hit('R2', 1)]);
		const [first, second] = s.monitor.reads;
		expect(first).toMatchObject({ source: 'db', version: 1, isStale: false });
		expect(second).toMatchObject({ source: 'cache', version: 1, isStale: false });
		// The miss costs a database read; the hit one round trip.
		const r = s.timeline.filter((e) => e.lane === 'R');
		const r2 = s.timeline.filter((e) => e.lane === 'R2');
		expect(r.at(-1)!.endAt - r[0]!.at).toBeGreaterThan(120);
		expect(r2.at(-1)!.endAt - r2[0]!.at).toBeLessThanOrEqual(4);
		expect(s.world.engine.inspect().stats).toMatchObject({ keyspace_hits: 1, keyspace_misses: 1 });
	});

	it('2: expiry, lazy and active', () => {
		expect(lines(play('expiry-lazy-vs-active').timeline)).toEqual([
			'CLI redis: DEBUG SET-ACTIVE-EXPIRE 0 → OK',
			'CLI redis: SET session:1 v EX 5 → OK',
			'CLI redis: TTL session:1 → (integer) 5',
			'- clock',
			'CLI redis: DBSIZE → (integer) 1',
			'CLI redis: GET session:1 → (nil)',
			'CLI redis: DBSIZE → (integer) 0',
			'CLI redis: DEBUG SET-ACTIVE-EXPIRE 1 → OK',
			'CLI redis: SET session:2 v EX 5 → OK',
			'- clock',
			'CLI redis: DBSIZE → (integer) 0',
			'CLI redis: TTL session:2 → (integer) -2',
			'CLI redis: SET plain v → OK',
			'CLI redis: TTL plain → (integer) -1',
			'CLI redis: SET session:3 v EX 100 → OK',
			'CLI redis: SET session:3 v2 → OK',
			'CLI redis: TTL session:3 → (integer) -1',
		]);
	});

	it('3: update without invalidation is stale until the TTL; a short TTL bounds it', () => {
		const s = play('stale-after-update');
		expect(lines(s.timeline)).toEqual([
			...miss('R', 60, 1),
			`W updatingDb: ${UPDATE_BOB}`,
			'W done',
			'- clock',
			...hit('R2', 1),
			'- clock',
			...miss('R3', 60, 2),
		]);
		const stale = s.monitor.reads.filter((r) => r.isStale);
		expect(stale).toHaveLength(1);
		expect(stale[0]).toMatchObject({ lane: 'R2', version: 1, dbVersionNow: 2, source: 'cache' });
		expect(stale[0]!.staleForMs).toBeGreaterThanOrEqual(10_000);

		const fixed = play('stale-after-update', ['short-ttl']);
		expect(lines(fixed.timeline).slice(8, 13)).toEqual(miss('R2', 5, 2));
		expect(fixed.monitor.staleReads).toBe(0);
	});

	it('4: update, then invalidate', () => {
		const s = play('update-then-invalidate');
		expect(lines(s.timeline)).toEqual([
			...miss('R', 3600, 1),
			`W updatingDb: ${UPDATE_BOB}`,
			'W deletingCache: DEL user:1 → (integer) 1',
			'W done',
			...miss('R2', 3600, 2),
		]);
		expect(s.monitor.staleReads).toBe(0);
	});

	it('5: invalidating before the write refills the old row; a delayed double delete clears it', () => {
		const wrong = [
			...miss('R', 60, 1),
			'W deletingFirst: DEL user:1 → (integer) 1',
			...miss('R2', 60, 1),
			`W updatingDb: ${UPDATE_BOB}`,
		];
		const s = play('invalidate-before-write');
		expect(lines(s.timeline)).toEqual([...wrong, 'W done', ...hit('R3', 1)]);
		expect(s.monitor.reads.filter((r) => r.isStale).map((r) => r.lane)).toEqual(['R3']);

		const fixed = play('invalidate-before-write', ['double-delete']);
		expect(lines(fixed.timeline)).toEqual([
			...wrong,
			'W deletingAgain: DEL user:1 → (integer) 1',
			'W done',
			...miss('R3', 60, 2),
		]);
		expect(fixed.monitor.staleReads).toBe(0);
	});

	it('6: the classic stale set, without a fix', () => {
		const s = play('stale-set');
		expect(lines(s.timeline)).toEqual([
			'R checkingCache: GET user:1 → (nil)',
			`R readingDb: ${SELECT}`,
			`W updatingDb: ${UPDATE_BOB}`,
			'W deletingCache: DEL user:1 → (integer) 0',
			'W done',
			'R fillingCache: SETEX user:1 60 <v1> → OK',
			'R responding',
			'R done',
			...hit('R2', 1),
		]);
		// R raced the write, so its own old answer is fine; R2 came after and got the stale set.
		expect(s.monitor.reads.map((r) => [r.lane, r.version, r.isStale])).toEqual([
			['R', 1, false],
			['R2', 1, true],
		]);
		const staleness = s.monitor.staleness.find((c) => c.key === 'user:1');
		expect(staleness).toMatchObject({ cachedVersion: 1, dbVersion: 2 });
		expect(staleness?.staleSince).toBe(s.timeline[5]!.at);
	});

	it('6: the version check (WATCH/MULTI/EXEC) refuses the late fill', () => {
		const s = play('stale-set', ['version']);
		expect(lines(s.timeline)).toEqual([
			'R checkingCache: WATCH user:1:ver → OK; GET user:1 → (nil)',
			`R readingDb: ${SELECT}`,
			`W updatingDb: ${UPDATE_BOB}`,
			'W deletingCache: MULTI → OK; DEL user:1 → QUEUED; SET user:1:ver 2 EX 60 → QUEUED; EXEC → 1) (integer) 0 2) OK',
			'W done',
			'R fillingCache: MULTI → OK; SETEX user:1 60 <v1> → QUEUED; EXEC → (nil)',
			'R responding',
			'R done',
			'R2 checkingCache: WATCH user:1:ver → OK; GET user:1 → (nil)',
			`R2 readingDb: ${SELECT}`,
			'R2 fillingCache: MULTI → OK; SETEX user:1 60 <v2> → QUEUED; EXEC → 1) OK',
			'R2 responding',
			'R2 done',
		]);
		expect(s.monitor.staleReads).toBe(0);
	});

	it('6: the lease token is voided by the delete, so the late fill is refused', () => {
		const s = play('stale-set', ['lease']);
		expect(lines(s.timeline)).toEqual([
			'R checkingCache: GET user:1 → (nil); SET user:1:lease <token> NX PX 10000 → OK',
			`R readingDb: ${SELECT}`,
			`W updatingDb: ${UPDATE_BOB}`,
			'W deletingCache: DEL user:1 user:1:lease → (integer) 1',
			'W done',
			'R fillingCache: WATCH user:1:lease → OK; GET user:1:lease → (nil); UNWATCH → OK',
			'R responding',
			'R done',
			'R2 checkingCache: GET user:1 → (nil); SET user:1:lease <token> NX PX 10000 → OK',
			`R2 readingDb: ${SELECT}`,
			'R2 fillingCache: WATCH user:1:lease → OK; GET user:1:lease → <token>; MULTI → OK; SETEX user:1 60 <v2> → QUEUED; DEL user:1:lease → QUEUED; EXEC → 1) OK 2) (integer) 1',
			'R2 responding',
			'R2 done',
		]);
		expect(s.monitor.staleReads).toBe(0);
	});

	it('7: two dual writers land out of order; deleting instead commutes', () => {
		const s = play('dual-write-race');
		const updates = [
			"W updatingDb: UPDATE users SET name = 'Ann', version = 2 WHERE id = 1 → 1 row",
			"W2 updatingDb: UPDATE users SET name = 'Bea', version = 3 WHERE id = 1 → 1 row",
		];
		expect(lines(s.timeline)).toEqual([
			...updates,
			'W2 settingCache: SET user:1 <v3> → OK',
			'W settingCache: SET user:1 <v2> → OK',
			'W done',
			'W2 done',
			...hit('R', 2),
		]);
		expect(s.monitor.reads[0]).toMatchObject({ version: 2, dbVersionNow: 3, isStale: true });
		expect(s.world.engine.inspect().keys.find((k) => k.name === 'user:1')?.expiresAt).toBeNull();

		const fixed = play('dual-write-race', ['delete']);
		expect(lines(fixed.timeline)).toEqual([
			...updates,
			'W2 deletingCache: DEL user:1 → (integer) 0',
			'W deletingCache: DEL user:1 → (integer) 0',
			'W done',
			'W2 done',
			...miss('R', null, 3),
		]);
		expect(fixed.monitor.staleReads).toBe(0);
	});

	it('8: a DEL that times out leaves the cache stale; retrying with backoff fixes it', () => {
		const s = play('dual-write-failure');
		const before = [
			...miss('R', 60, 1),
			'W link',
			`W updatingDb: ${UPDATE_BOB}`,
			'W deletingCache: DEL user:1 → (error) ETIMEDOUT: Command timed out',
			'W link',
		];
		expect(lines(s.timeline)).toEqual([...before, 'W done', ...hit('R2', 1)]);
		expect(s.monitor.staleReads).toBe(1);
		expect(s.monitor.redisErrors).toBe(1);

		const fixed = play('dual-write-failure', ['retry']);
		expect(lines(fixed.timeline)).toEqual([
			...before,
			'W retryingDelete: DEL user:1 → (integer) 1',
			'W done',
			...miss('R2', 60, 2),
		]);
		expect(fixed.monitor.staleReads).toBe(0);
		// The retry starts after the 1 s timeout and waits a 100 ms backoff plus a round trip.
		const failed = fixed.timeline.find((e) => e.state === 'deletingCache')!;
		const retry = fixed.timeline.find((e) => e.state === 'retryingDelete')!;
		expect(retry.at - failed.at).toBe(1000);
		expect(retry.endAt - retry.at).toBeGreaterThanOrEqual(101);
		expect(retry.endAt - retry.at).toBeLessThanOrEqual(102);
	});

	it('13: allkeys-lru evicts the least recently used row; noeviction refuses the fill with OOM', () => {
		const s = play('eviction');
		const out = lines(s.timeline);
		const info = out.findIndex((l) => l.startsWith('CLI redis: INFO stats'));
		expect(out[info]).toMatch(/evicted_keys:[1-9]/);
		const fill = (lane: string, id: number) => [
			`${lane} checkingCache: GET user:${id} → (nil)`,
			`${lane} readingDb: SELECT * FROM users WHERE id = ${id} → 1 row`,
			`${lane} fillingCache: SETEX user:${id} 3600 <v1> → OK`,
			`${lane} responding`,
			`${lane} done`,
		];
		expect(out.slice(0, info)).toEqual([
			'CLI redis: CONFIG SET maxmemory-policy allkeys-lru → OK',
			expect.stringMatching(/^CLI redis: CONFIG SET maxmemory \d+ → OK$/),
			...fill('R', 1),
			'- clock',
			...fill('R', 2),
			'- clock',
			...fill('R', 3),
			'- clock',
			...fill('R', 4),
			...fill('R2', 1),
		]);
		expect(out.slice(info + 1)).toEqual([
			'CLI redis: CONFIG SET maxmemory-policy noeviction → OK',
			...fill('R', 5),
			'R checkingCache: GET user:6 → (nil)',
			'R readingDb: SELECT * FROM users WHERE id = 6 → 1 row',
			"R fillingCache: SETEX user:6 3600 <v1> → (error) OOM command not allowed when used memory > 'maxmemory'.",
			'R responding',
			'R done',
		]);
		// The app still answered user 6, from the database.
		expect(s.monitor.reads.at(-1)).toMatchObject({ userId: 6, source: 'db', version: 1 });
		expect(s.world.engine.inspect().stats.evicted_keys).toBeGreaterThanOrEqual(1);
	});
});

describe('invariant monitor across the catalogue', () => {
	const races = SCENARIOS.filter((s) => s.isRace);

	it('flags a stale read in scenarios 3, 5, 6, 7 and 8 without their fix', () => {
		expect(races.map((s) => s.number)).toEqual([3, 5, 6, 7, 8]);
		for (const s of races) expect(play(s.id).monitor.staleReads, s.id).toBeGreaterThan(0);
	});

	it('flags none with any of their fixes, nor in the other scenarios', () => {
		for (const s of races)
			for (const fix of s.fixes)
				expect(play(s.id, [fix.id]).monitor.staleReads, `${s.id} ${fix.id}`).toBe(0);
		for (const s of SCENARIOS.filter((x) => !x.isRace))
			expect(play(s.id).monitor.staleReads).toBe(0);
	});

	it('reports hit rate and DB queries per window', () => {
		const m = play('cold-miss-warm-hit').monitor;
		expect(m).toMatchObject({ hits: 1, misses: 1, hitRate: 0.5, windowMs: 1000 });
		expect(m.dbQueriesInWindow).toBe(1);
	});
});
