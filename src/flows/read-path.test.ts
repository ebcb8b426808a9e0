import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { flowFixture } from './flow-fixture.test-util.ts';
import type { ReadOptions } from './flow-options.ts';
import { createReadPathMachine, readLine } from './read-path.ts';
import { opText } from './trace.ts';

const plain: ReadOptions = { userId: 7, ttlSeconds: 3600, guard: 'none' };

function start(fx: ReturnType<typeof flowFixture>, options = plain) {
	const deps = fx.lane();
	const actor = createActor(createReadPathMachine(deps), { input: options, clock: fx.clock });
	actor.start();
	return { actor, deps };
}

/** Steps until done, collecting (state, line, ops) per step. */
function run(actor: ReturnType<typeof start>['actor']) {
	const steps: string[] = [];
	while (actor.getSnapshot().status !== 'done') {
		actor.send({ type: 'step.next' });
		const s = actor.getSnapshot();
		const ops = (s.context.trace?.ops ?? []).map(opText).join('; ');
		steps.push(`${String(s.value)} [${readLine(s)}] ${ops}`.trim());
	}
	return steps;
}

describe('read path (get_user)', () => {
	it('one step.next is one whole step: the effect runs and the machine rests on its result', () => {
		const fx = flowFixture();
		const { actor } = start(fx);
		expect(actor.getSnapshot().value).toBe('idle');
		actor.send({ type: 'step.next' });
		const s = actor.getSnapshot();
		expect(s.value).toBe('checkingCache');
		expect(s.hasTag('step')).toBe(true);
		expect(s.context.trace?.ops.map(opText)).toEqual(['GET user:7 → (nil)']);
		expect(s.context.cached).toBeNull();
		actor.send({ type: 'step.next' });
		expect(actor.getSnapshot().value).toBe('readingDb');
		expect(fx.db.stats().queries).toBe(1);
	});

	it('miss: GET → SELECT → SETEX → respond; then a second reader hits', () => {
		const fx = flowFixture();
		const json = JSON.stringify(fx.db.peek(7));
		expect(run(start(fx).actor)).toEqual([
			'checkingCache [get] GET user:7 → (nil)',
			'readingDb [select] SELECT * FROM users WHERE id = 7 → 1 row',
			`fillingCache [fill] SETEX user:7 3600 '${json}' → OK`,
			'responding [return]',
			'done [null]',
		]);
		const second = start(fx).actor;
		expect(run(second)).toEqual([
			`checkingCache [get] GET user:7 → ${JSON.stringify(json)}`,
			'responding [hit]',
			'done [null]',
		]);
		expect(second.getSnapshot().context).toMatchObject({ source: 'cache', elapsedMs: 1 });
		expect(second.getSnapshot().context.user).toEqual(fx.db.peek(7));
	});

	it('records latency as data: the DB read costs its latency, the cache a round trip', () => {
		const fx = flowFixture();
		const { actor } = start(fx);
		run(actor);
		// 1 ms GET + 120 ms SELECT (base, no jitter) + 1 ms SETEX.
		expect(actor.getSnapshot().context.elapsedMs).toBe(122);
		expect(fx.clock.now()).toBe(fx.engine.clock.now());
	});

	it('without a TTL fills with a plain SET', () => {
		const fx = flowFixture();
		const steps = run(start(fx, { ...plain, ttlSeconds: null }).actor);
		expect(steps[2]).toMatch(/^fillingCache \[fill\] SET user:7 '/);
	});

	it('Redis down: the error is counted and the request degrades to the database', () => {
		const fx = flowFixture();
		const { actor, deps } = start(fx);
		deps.cache.link = 'refused';
		expect(run(actor)).toEqual([
			'checkingCache [redis-down] GET user:7 → (error) ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:6379',
			'readingDb [select] SELECT * FROM users WHERE id = 7 → 1 row',
			'responding [return]',
			'done [null]',
		]);
		const c = actor.getSnapshot().context;
		expect(c.user).toEqual(fx.db.peek(7));
		expect(c.source).toBe('db');
		expect(c.redisError?.code).toBe('ECONNREFUSED');
		expect(deps.cache.errors).toBe(1);
		expect(fx.engine.inspect().keys).toEqual([]);
	});

	it('Redis timing out: still alive, but each request pays the timeout', () => {
		const fx = flowFixture();
		const { actor, deps } = start(fx);
		deps.cache.link = 'timeout';
		run(actor);
		expect(actor.getSnapshot().context.elapsedMs).toBe(1000 + 120);
		expect(actor.getSnapshot().context.redisError?.code).toBe('ETIMEDOUT');
	});

	it('a missing row is answered from the database and not cached', () => {
		const fx = flowFixture();
		const steps = run(start(fx, { ...plain, userId: 5000 }).actor);
		expect(steps).toEqual([
			'checkingCache [get] GET user:5000 → (nil)',
			'readingDb [select] SELECT * FROM users WHERE id = 5000 → 0 rows',
			'responding [return]',
			'done [null]',
		]);
	});

	it('lease guard: a miss takes a lease, the fill checks it and releases it', () => {
		const fx = flowFixture();
		const steps = run(start(fx, { ...plain, guard: 'lease' }).actor);
		expect(steps[0]).toMatch(
			/^checkingCache \[get\] GET user:7 → \(nil\); SET user:7:lease \w{8} NX PX 10000 → OK$/,
		);
		expect(steps[2]).toMatch(
			/WATCH user:7:lease → OK; GET user:7:lease → "\w{8}"; MULTI → OK; SETEX/,
		);
		expect(fx.engine.inspect().keys.map((k) => k.name)).toEqual(['user:7']);
	});

	it('version guard: WATCH the version key, then MULTI/SETEX/EXEC', () => {
		const fx = flowFixture();
		const steps = run(start(fx, { ...plain, guard: 'version' }).actor);
		expect(steps[0]).toBe('checkingCache [get] WATCH user:7:ver → OK; GET user:7 → (nil)');
		expect(steps[2]).toMatch(
			/^fillingCache \[fill\] MULTI → OK; SETEX user:7 3600 .* → QUEUED; EXEC → 1\) OK$/,
		);
	});
});
