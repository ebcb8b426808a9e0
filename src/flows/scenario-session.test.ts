import { describe, expect, it } from 'vitest';
import { lines } from './scenario-format.test-util.ts';
import { ScenarioSession } from './scenario-session.ts';
import { SCENARIOS } from './scenarios.ts';

/** Everything a view could read, as plain data. */
function stateOf(s: ScenarioSession) {
	const w = s.world;
	const view = w.engine.inspect();
	const { keyspace_hits, keyspace_misses, expired_keys, evicted_keys } = view.stats;
	return {
		position: s.position,
		now: s.clock.now(),
		// INFO's total_connections_received counts the connections a rebuilt engine makes again
		// (engine.fork() does not carry clients over), so it is masked here.
		timeline: s.timeline.map((e) => ({
			...e,
			ops: e.ops.map((o) =>
				o.kind === 'redis'
					? { ...o, result: o.result.replace(/total_connections_received:\d+/, '') }
					: o,
			),
		})),
		monitor: s.monitor,
		db: { ...w.db.snapshot(), log: w.db.log() },
		keys: view.keys.map((k) => [k.name, k.preview, k.expiresAt]),
		stats: { keyspace_hits, keyspace_misses, expired_keys, evicted_keys },
		lanes: w.scenario.lanes.map((l) => w.laneView(l.id)),
	};
}

const RUNS = SCENARIOS.flatMap((s) => [
	{ id: s.id, fixes: [] as string[] },
	...s.fixes.map((f) => ({ id: s.id, fixes: [f.id] })),
]);

describe('ScenarioSession: step back by rebuilding', () => {
	it.each(RUNS)(
		'$id $fixes: back to every step, then forward again, gives the same state',
		({ id, fixes }) => {
			const s = new ScenarioSession(id, { fixes, snapshotEvery: 3 });
			const seen = [stateOf(s)];
			while (s.step()) seen.push(stateOf(s));
			expect(s.snapshotPositions.length).toBeGreaterThan(0);
			for (let p = seen.length - 2; p >= 0; p--) {
				expect(s.back()).toBe(true);
				expect(stateOf(s), `back to ${p}`).toEqual(seen[p]);
			}
			expect(s.back()).toBe(false);
			while (s.step()) expect(stateOf(s)).toEqual(seen[s.position]);
			expect(stateOf(s)).toEqual(seen.at(-1));
		},
	);

	it('replays identically: two sessions with the same seed agree step for step', () => {
		const a = new ScenarioSession('stale-set');
		const b = new ScenarioSession('stale-set');
		while (a.step()) b.step();
		expect(stateOf(b)).toEqual(stateOf(a));
	});

	it('seeks to any position, using the nearest snapshot', () => {
		const s = new ScenarioSession('eviction', { snapshotEvery: 5 });
		const seen = [stateOf(s)];
		while (s.step()) seen.push(stateOf(s));
		expect(s.snapshotPositions).toEqual([5, 10, 15, 20, 25, 30, 35, 40]);
		s.seek(17);
		expect(stateOf(s)).toEqual(seen[17]);
		s.reset();
		expect(stateOf(s)).toEqual(seen[0]);
	});

	it('does not snapshot while a reader holds a WATCH across steps', () => {
		const s = new ScenarioSession('stale-set', { fixes: ['version'], snapshotEvery: 1 });
		while (s.step());
		// R WATCHes from its miss (position 1) until its fill (position 6).
		expect(s.snapshotPositions.filter((p) => p < 6)).toEqual([]);
		expect(s.snapshotPositions).toContain(6);
	});

	it('a new branch from a rewound position replaces the old future', () => {
		const s = new ScenarioSession('stale-after-update');
		for (let i = 0; i < 6; i++) s.step();
		s.back();
		s.back();
		s.clock.advance(5000);
		s.step();
		expect(s.timeline.at(-1)!.at).toBe(s.timeline.at(-2)!.endAt + 5000);
	});

	it('withFixes replays the same interleaving with the fix on, at the same position', () => {
		const s = new ScenarioSession('dual-write-race');
		for (let i = 0; i < 3; i++) s.step();
		const fixed = s.withFixes(['delete']);
		expect(fixed.position).toBe(3);
		expect(lines(fixed.timeline).at(-1)).toBe('W2 deletingCache: DEL user:1 → (integer) 0');
		expect(() => s.withFixes(['nope'])).toThrow(/no fix 'nope'/);
	});
});

describe('ScenarioSession: player on the virtual clock', () => {
	it('sends one step per interval while playing, none while paused', () => {
		const s = new ScenarioSession('cold-miss-warm-hit', { intervalMs: 1000 });
		s.play();
		expect(s.isPlaying).toBe(true);
		expect(s.position).toBe(0);
		s.clock.advance(999);
		expect(s.position).toBe(0);
		s.clock.advance(1);
		expect(s.position).toBe(1);
		s.setSpeed(4);
		s.clock.advance(1000);
		expect(s.position).toBe(2);
		s.clock.advance(500);
		expect(s.position).toBe(4);
		s.pause();
		s.clock.advance(10_000);
		expect(s.position).toBe(4);
	});

	it('stops by itself at the end of the scenario', () => {
		const s = new ScenarioSession('cold-miss-warm-hit', { intervalMs: 100 });
		s.play();
		s.clock.advance(60_000);
		expect(s.isFinished).toBe(true);
		expect(s.isPlaying).toBe(false);
		expect(s.position).toBe(8);
	});

	it('played and stepped runs differ only in timing, and each replays itself', () => {
		const played = new ScenarioSession('stale-set', { intervalMs: 250 });
		played.play();
		played.clock.advance(60_000);
		const end = played.timeline;
		played.seek(4);
		while (played.step());
		expect(played.timeline).toEqual(end);
		expect(played.timeline[1]!.at - played.timeline[0]!.at).toBe(250);
		const stepped = new ScenarioSession('stale-set');
		while (stepped.step());
		expect(lines(stepped.timeline)).toEqual(lines(played.timeline));
	});

	it('step back pauses the player and rebinds it to the rebuilt clock', () => {
		const s = new ScenarioSession('cold-miss-warm-hit', { intervalMs: 1000 });
		s.play();
		s.clock.advance(3000);
		const old = s.clock;
		s.back();
		expect(s.isPlaying).toBe(false);
		expect(s.clock).not.toBe(old);
		s.play();
		s.clock.advance(1000);
		expect(s.position).toBe(3);
	});
});
