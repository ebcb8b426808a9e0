// The flow stage on the virtual clock: the sandbox's cache-aside requests against the console's
// own engine (miss, hit, stale read, DEL, Redis down), step back replaying them, and the scenario
// player driven by a hand-cranked frame loop. No real time anywhere.
import { describe, expect, it } from 'vitest';
import { FlowStage } from './flow-stage.svelte.ts';
import { Preferences } from './preferences.svelte.ts';
import { Session } from './session.svelte.ts';

function setup() {
	const session = new Session();
	session.playing = false;
	let frame: ((ms: number) => void) | null = null;
	const driver = (onFrame: (ms: number) => void) => {
		frame = onFrame;
		return () => (frame = null);
	};
	const stage = new FlowStage(session, new Preferences(), driver);
	const sandbox = stage.sandbox;
	/** Runs every pending step of every request, one clock move per step. */
	const finish = () => {
		while (sandbox.nextStepAt !== null) sandbox.stepRequest();
	};
	const states = () => sandbox.steps.map((s) => s.state);
	const crank = (ms: number) => frame?.(ms);
	return { session, stage, sandbox, finish, states, crank, isDriving: () => frame !== null };
}

describe('FlowStage sandbox', () => {
	it('goes step by step on the virtual clock: GET at once, SELECT after its latency', () => {
		const { session, sandbox, states } = setup();
		const t0 = session.clock.now();
		sandbox.userId = 7;
		sandbox.sendRequest();
		expect(states()).toEqual(['checkingCache']);
		const get = sandbox.steps[0]!;
		expect(get.ops).toEqual(['GET user:7 → (nil)']);
		expect(get.node).toBe('redis');
		expect(sandbox.nextStepAt).toBe(t0 + get.latencyMs);
		// Not due yet: nothing moves.
		session.advance(get.latencyMs - 1);
		expect(states()).toEqual(['checkingCache']);
		session.advance(1);
		expect(states()).toEqual(['checkingCache', 'readingDb']);
		const select = sandbox.steps[1]!;
		expect(select.node).toBe('db');
		expect(select.latencyMs).toBeGreaterThanOrEqual(120);
		expect(select.line).toBe('select');
		session.advance(select.latencyMs);
		expect(states().at(-1)).toBe('fillingCache');
		expect(session.view.keys.map((k) => k.name)).toEqual(['user:7']);
		expect(session.view.keys[0]!.expiresAt).not.toBeNull();
	});

	it('serves a miss, then a hit on the same user', () => {
		const { sandbox, finish, states } = setup();
		sandbox.sendRequest();
		finish();
		expect(states()).toEqual(['checkingCache', 'readingDb', 'fillingCache', 'responding', 'done']);
		expect(sandbox.counts).toMatchObject({ hits: 0, misses: 1, dbLoads: 1, staleReads: 0 });
		sandbox.sendRequest();
		finish();
		expect(states().slice(5)).toEqual(['checkingCache', 'responding', 'done']);
		expect(sandbox.steps[6]!.source).toBe('cache');
		expect(sandbox.counts).toMatchObject({ hits: 1, misses: 1, dbLoads: 1 });
	});

	it('flags the next read as stale after an update without invalidation, with how long', () => {
		const { session, sandbox, finish } = setup();
		sandbox.sendRequest();
		finish();
		sandbox.updateUser();
		finish();
		session.advance(10_000);
		sandbox.sendRequest();
		finish();
		const served = sandbox.steps.findLast((s) => s.state === 'responding')!;
		expect(served).toMatchObject({ source: 'cache', isStale: true });
		const stale = sandbox.counts.lastStale!;
		expect(sandbox.counts.staleReads).toBe(1);
		expect(stale).toMatchObject({ userId: 123, version: 1, dbVersion: 2 });
		expect(stale.staleForMs).toBeGreaterThanOrEqual(10_000);
		expect(stale.staleForMs).toBeLessThan(11_000);
	});

	it('has no stale read when the write path deletes the key after the update', () => {
		const { sandbox, finish, states } = setup();
		sandbox.sendRequest();
		finish();
		sandbox.strategy = 'update-then-del';
		sandbox.updateUser();
		finish();
		expect(states().slice(-3)).toEqual(['updatingDb', 'deletingCache', 'done']);
		sandbox.sendRequest();
		finish();
		expect(sandbox.counts).toMatchObject({ staleReads: 0, misses: 2, hits: 0 });
	});

	it('reads fresh after DEL typed in the console', () => {
		const { session, sandbox, finish } = setup();
		sandbox.sendRequest();
		finish();
		sandbox.updateUser();
		finish();
		session.submit('DEL user:123');
		sandbox.sendRequest();
		finish();
		expect(sandbox.counts).toMatchObject({ staleReads: 0, misses: 2 });
		expect(session.view.keys[0]!.preview).toContain('"version":2');
	});

	it('with Redis down serves from the database and counts the error, then recovers', () => {
		const { session, sandbox, finish, states } = setup();
		sandbox.toggleRedis();
		expect(sandbox.isRedisDown).toBe(true);
		sandbox.sendRequest();
		finish();
		expect(states()).toEqual(['checkingCache', 'readingDb', 'responding', 'done']);
		expect(sandbox.steps[0]).toMatchObject({ isError: true });
		expect(sandbox.steps[2]!.source).toBe('db');
		expect(sandbox.counts).toMatchObject({ redisErrors: 1, misses: 0, hits: 0, dbLoads: 1 });
		expect(session.view.keys).toEqual([]);
		sandbox.toggleRedis();
		sandbox.sendRequest();
		finish();
		expect(sandbox.counts).toMatchObject({ redisErrors: 1, misses: 1 });
	});

	it('tells the event log in sentences under area flow', async () => {
		const { session, sandbox, finish } = setup();
		sandbox.sendRequest();
		finish();
		await Promise.resolve();
		const flow = session.log.filter((e) => e.area === 'flow').map((e) => e.text);
		expect(flow).toEqual([
			expect.stringMatching(/^DB: SELECT \* FROM users WHERE id = 123 — 1 row, \d+ ms$/),
			expect.stringMatching(
				/^get_user\(123\): miss — loaded from the database in \d+ ms and cached for 300 s$/,
			),
		]);
	});

	it('is replayed by step back: the request comes back exactly, minus the undone input', () => {
		const { session, sandbox, finish } = setup();
		sandbox.sendRequest();
		finish();
		const before = sandbox.steps.map((s) => [s.state, s.at, s.latencyMs]);
		sandbox.sendRequest();
		finish();
		// A hit is one recorded clock move after the send: undo it, then the send itself.
		session.stepBack();
		session.stepBack();
		expect(sandbox.steps.map((s) => [s.state, s.at, s.latencyMs])).toEqual(before);
		expect(sandbox.counts).toMatchObject({ hits: 0, misses: 1, dbLoads: 1 });
		expect(session.view.keys.map((k) => k.name)).toEqual(['user:123']);
	});

	it('reads the number fields as whole numbers in range', () => {
		const { sandbox, session } = setup();
		sandbox.userId = 5000;
		sandbox.ttlSeconds = null as unknown as number;
		sandbox.sendRequest();
		expect(sandbox.lanes[0]!.label).toBe('#1 get_user(1000)');
		session.advance(10_000);
		expect(session.view.keys[0]).toMatchObject({ name: 'user:1000', expiresAt: null });
	});

	it('follows the request in the listing, in the chosen language', () => {
		const { stage, sandbox } = setup();
		sandbox.sendRequest();
		expect(stage.listing.name).toBe('get_user');
		const current = stage.listing.lines.find((l) => l.number === stage.listing.current);
		expect(current?.text).toContain('redis.get(cache_key)');
		stage.preferences.setListing('typescript');
		const ts = stage.listing.lines.find((l) => l.number === stage.listing.current);
		expect(ts?.text).toContain('await redis.get(key)');
	});
});

describe('FlowStage scenarios', () => {
	it('steps, steps back and plays a scenario on its own clock', () => {
		const { stage, session, crank, isDriving } = setup();
		stage.setMode('scenarios');
		const sc = stage.scenarios;
		sc.select('stale-after-update');
		expect(stage.view.lanes.map((l) => l.id)).toEqual(['R', 'W', 'R2', 'R3']);
		sc.step();
		sc.step();
		expect(sc.position).toBe(2);
		expect(stage.view.steps.map((s) => s.state)).toEqual(['checkingCache', 'readingDb']);
		sc.back();
		expect(sc.position).toBe(1);
		sc.play();
		expect(isDriving()).toBe(true);
		crank(1500);
		expect(sc.position).toBe(2);
		sc.pause();
		expect(isDriving()).toBe(false);
		// The console's clock never moved.
		expect(session.view.now).toBe(session.clock.now());
		expect(session.log).toEqual([]);
	});

	it('flags the stale read and the fix removes it, at the same position', () => {
		const { stage } = setup();
		stage.setMode('scenarios');
		const sc = stage.scenarios;
		sc.select('stale-after-update');
		while (!sc.isFinished) sc.step();
		expect(stage.view.counts.staleReads).toBe(1);
		expect(stage.view.counts.lastStale?.staleForMs).toBeGreaterThan(0);
		sc.toggleFix('short-ttl');
		expect(sc.enabledFixes).toEqual(['short-ttl']);
		while (!sc.isFinished) sc.step();
		expect(stage.view.counts.staleReads).toBe(0);
		expect(sc.narration).toContain('R3');
	});
});
