// The flow stage on the Lab's virtual clock: the sandbox's cache-aside requests against the
// console's own engine (miss, hit, stale read, DEL, Redis down, restart), step back replaying them,
// and scenarios played on the same world by hand-cranked frames. No real time anywhere.
import { describe, expect, it } from 'vitest';
import { FlowStage } from './flow-stage.svelte.ts';
import { Preferences } from './preferences.svelte.ts';
import { Session } from './session.svelte.ts';

function setup() {
	const session = new Session();
	session.playing = false;
	const stage = new FlowStage(session, new Preferences());
	const sandbox = stage.sandbox;
	/** Runs every pending step of every request, one clock move per step. */
	const finish = () => {
		while (sandbox.nextStepAt !== null) sandbox.stepRequest();
	};
	const states = () => stage.view.steps.map((s) => s.state);
	const crank = (ms: number) => session.frame(ms);
	return { session, stage, sandbox, finish, states, crank };
}

describe('FlowStage sandbox', () => {
	it('goes step by step on the virtual clock: GET at once, SELECT after its latency', () => {
		const { stage, session, sandbox, states } = setup();
		const t0 = session.clock.now();
		sandbox.userId = 7;
		sandbox.sendRequest();
		expect(states()).toEqual(['checkingCache']);
		const get = stage.view.steps[0]!;
		expect(get.ops).toEqual(['GET user:7 → (nil)']);
		expect(get.node).toBe('redis');
		expect(sandbox.nextStepAt).toBe(t0 + get.latencyMs);
		// Not due yet: nothing moves.
		session.advance(get.latencyMs - 1);
		expect(states()).toEqual(['checkingCache']);
		session.advance(1);
		expect(states()).toEqual(['checkingCache', 'readingDb']);
		const select = stage.view.steps[1]!;
		expect(select.node).toBe('db');
		expect(select.latencyMs).toBeGreaterThanOrEqual(120);
		expect(select.line).toBe('select');
		session.advance(select.latencyMs);
		expect(states().at(-1)).toBe('fillingCache');
		expect(session.view.keys.map((k) => k.name)).toEqual(['user:7']);
		expect(session.view.keys[0]!.expiresAt).not.toBeNull();
	});

	it('serves a miss, then a hit on the same user', () => {
		const { stage, sandbox, finish, states } = setup();
		sandbox.sendRequest();
		finish();
		expect(states()).toEqual(['checkingCache', 'readingDb', 'fillingCache', 'responding']);
		expect(stage.view.counts).toMatchObject({ hits: 0, misses: 1, dbLoads: 1, staleReads: 0 });
		sandbox.sendRequest();
		finish();
		expect(states().slice(4)).toEqual(['checkingCache', 'responding']);
		expect(stage.view.steps[5]!.source).toBe('cache');
		expect(stage.view.counts).toMatchObject({ hits: 1, misses: 1, dbLoads: 1 });
	});

	it('flags the next read as stale after an update without invalidation, with how long', () => {
		const { stage, session, sandbox, finish } = setup();
		sandbox.sendRequest();
		finish();
		sandbox.updateUser();
		finish();
		session.advance(10_000);
		sandbox.sendRequest();
		finish();
		const served = stage.view.steps.findLast((s) => s.state === 'responding')!;
		expect(served).toMatchObject({ source: 'cache', isStale: true });
		const stale = stage.view.counts.lastStale!;
		expect(stage.view.counts.staleReads).toBe(1);
		expect(stale).toMatchObject({ userId: 123, version: 1, dbVersion: 2 });
		expect(stale.staleForMs).toBeGreaterThanOrEqual(10_000);
		expect(stale.staleForMs).toBeLessThan(11_000);
	});

	it('has no stale read when the write path deletes the key after the update', () => {
		const { stage, sandbox, finish, states } = setup();
		sandbox.sendRequest();
		finish();
		sandbox.strategy = 'update-then-del';
		sandbox.updateUser();
		finish();
		expect(states().slice(-3)).toEqual(['updatingDb', 'deletingCache', 'done']);
		sandbox.sendRequest();
		finish();
		expect(stage.view.counts).toMatchObject({ staleReads: 0, misses: 2, hits: 0 });
	});

	it('reads fresh after DEL typed in the console', () => {
		const { stage, session, sandbox, finish } = setup();
		sandbox.sendRequest();
		finish();
		sandbox.updateUser();
		finish();
		session.submit('DEL user:123');
		sandbox.sendRequest();
		finish();
		expect(stage.view.counts).toMatchObject({ staleReads: 0, misses: 2 });
		expect(session.view.keys[0]!.preview).toContain('"version":2');
	});

	it('with Redis down serves from the database and counts the error, then recovers', () => {
		const { stage, session, sandbox, finish, states } = setup();
		sandbox.toggleRedis();
		expect(sandbox.isRedisDown).toBe(true);
		sandbox.sendRequest();
		finish();
		expect(states()).toEqual(['checkingCache', 'readingDb', 'responding']);
		expect(stage.view.steps[0]).toMatchObject({ isError: true });
		expect(stage.view.steps[2]!.source).toBe('db');
		expect(stage.view.counts).toMatchObject({ redisErrors: 1, misses: 0, hits: 0, dbLoads: 1 });
		expect(session.view.keys).toEqual([]);
		sandbox.toggleRedis();
		sandbox.sendRequest();
		finish();
		expect(stage.view.counts).toMatchObject({ redisErrors: 1, misses: 1 });
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
		const { stage, session, sandbox, finish } = setup();
		sandbox.sendRequest();
		finish();
		const before = stage.view.steps.map((s) => [s.state, s.at, s.latencyMs]);
		sandbox.sendRequest();
		finish();
		// A hit is one recorded clock move after the send: undo it, then the send itself.
		session.stepBack();
		session.stepBack();
		expect(stage.view.steps.map((s) => [s.state, s.at, s.latencyMs])).toEqual(before);
		expect(stage.view.counts).toMatchObject({ hits: 0, misses: 1, dbLoads: 1 });
		expect(session.view.keys.map((k) => k.name)).toEqual(['user:123']);
	});

	it('reads the number fields as whole numbers in range', () => {
		const { stage, sandbox, session } = setup();
		sandbox.userId = 5000;
		sandbox.ttlSeconds = null as unknown as number;
		sandbox.sendRequest();
		expect(stage.view.lanes[0]!.label).toBe('#1 get_user(1000)');
		session.advance(10_000);
		expect(session.view.keys[0]).toMatchObject({ name: 'user:1000', expiresAt: null });
	});

	it('lights every line of get_user as it runs, the returns included', () => {
		const { stage, sandbox, finish } = setup();
		const lit = () => stage.listing.lines.find((l) => l.number === stage.listing.current)?.text;
		const seen: string[] = [];
		sandbox.sendRequest();
		seen.push(lit()!);
		while (sandbox.nextStepAt !== null) {
			sandbox.stepRequest();
			seen.push(lit()!);
		}
		expect(seen).toEqual([
			expect.stringContaining('redis.get(cache_key)'),
			expect.stringContaining('SELECT * FROM users'),
			expect.stringContaining('redis.setex('),
			expect.stringContaining('return user'),
		]);
		sandbox.sendRequest();
		finish();
		expect(lit()).toContain('return json.loads(data)');
	});

	it('says the cache was unreachable, not a miss, when Redis is down', () => {
		const { stage, sandbox } = setup();
		sandbox.toggleRedis();
		sandbox.sendRequest();
		sandbox.stepRequest();
		expect(stage.view.current?.state).toBe('readingDb');
		expect(stage.view.current?.description).toMatch(/could not be reached/);
		expect(stage.view.current?.description).not.toMatch(/miss/i);
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
	it('plays a scenario on the one world: its keys in the keyspace, its steps back and forth', () => {
		const { stage, session, crank } = setup();
		session.submit('SET mine 1');
		stage.setMode('scenarios');
		const sc = stage.scenarios;
		sc.select('stale-after-update');
		expect(session.view.keys).toEqual([]);
		expect(stage.view.lanes.map((l) => l.id)).toEqual(['R', 'W', 'R2', 'R3']);
		sc.step();
		sc.step();
		sc.step();
		expect(sc.position).toBe(3);
		expect(stage.view.steps.map((s) => s.state)).toEqual([
			'checkingCache',
			'readingDb',
			'fillingCache',
		]);
		// The scenario's fill is in the keyspace every panel draws.
		expect(session.view.keys.map((k) => k.name)).toEqual(['user:1']);
		sc.back();
		expect(sc.position).toBe(2);
		expect(session.view.keys).toEqual([]);
		sc.play();
		crank(1500);
		expect(sc.position).toBe(3);
		sc.pause();
		crank(3000);
		expect(sc.position).toBe(3);
		// Back to the sandbox: its own session returns, the scenario's keys are gone.
		stage.setMode('sandbox');
		expect(session.view.keys.map((k) => k.name)).toEqual(['mine']);
		expect(session.entries.map((e) => e.input)).toEqual(['SET mine 1']);
	});

	it('flags the stale read and the fix removes it, at the same position', () => {
		const { stage } = setup();
		stage.setMode('scenarios');
		const sc = stage.scenarios;
		sc.select('stale-after-update');
		while (stage.view.counts.staleReads === 0) sc.step();
		// The banner speaks of the latest read: this one was stale…
		expect(stage.view.counts.lastStale?.staleForMs).toBeGreaterThan(0);
		while (!sc.isFinished) sc.step();
		// …and the read after the TTL ran out is fresh, so it is gone.
		expect(stage.view.counts).toMatchObject({ staleReads: 1, lastStale: null });
		sc.toggleFix('short-ttl');
		expect(sc.enabledFixes).toEqual(['short-ttl']);
		while (!sc.isFinished) sc.step();
		expect(stage.view.counts.staleReads).toBe(0);
		expect(sc.narration).toContain('R3');
	});
});
