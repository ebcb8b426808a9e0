// A thundering herd on the read path: many readers miss the same key at the same moment, every
// one of them goes to the database, and the connection pool's queue makes the last ones wait for
// all the others.
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { flowFixture } from './flow-fixture.test-util.ts';
import { createReadPathMachine } from './read-path.ts';

describe('herd of misses', () => {
	it('queues at the database and slows everyone down', () => {
		const fx = flowFixture();
		const readers = Array.from({ length: 40 }, () =>
			createActor(createReadPathMachine(fx.lane()), {
				input: { userId: 1, ttlSeconds: 60, guard: 'none' },
				clock: fx.clock,
			}).start(),
		);
		for (const r of readers) r.send({ type: 'step.next' });
		expect(readers.every((r) => r.getSnapshot().context.cached === null)).toBe(true);
		for (const r of readers) r.send({ type: 'step.next' });
		// Four connections, 120 ms each: the herd drains in ten waves.
		const elapsed = readers.map((r) => r.getSnapshot().context.elapsedMs);
		expect(elapsed[0]).toBe(1 + 120);
		expect(elapsed[39]).toBe(1 + 1200);
		expect(fx.db.stats()).toMatchObject({ queries: 40, queueLength: 36, maxQueueLength: 36 });
		expect(fx.db.queriesInWindow(1000)).toBe(40);
		// A lone read issued now, unrelated to the herd, waits behind it too.
		expect(fx.db.select(999)).toMatchObject({ queuedMs: 1200, latencyMs: 1320 });
		fx.clock.advance(1200);
		expect(fx.db.stats().queueLength).toBe(0);
		// Every one of them fills the cache with the same row: 40 writes for one key.
		for (const r of readers) r.send({ type: 'step.next' });
		expect(readers.every((r) => r.getSnapshot().context.fill === 'stored')).toBe(true);
	});
});
