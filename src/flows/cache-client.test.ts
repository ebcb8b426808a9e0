import { describe, expect, it } from 'vitest';
import { createEngine, Random, VirtualClock } from '../engine/index.ts';
import { createCacheClient } from './cache-client.ts';

function fixture() {
	const engine = createEngine({ clock: new VirtualClock(), seed: 1 });
	const cache = createCacheClient({ client: engine.connect(), random: new Random(3) });
	return { engine, cache };
}

describe('createCacheClient', () => {
	it('sends argv to the engine and reports a small seeded round trip', () => {
		const { cache } = fixture();
		const r = cache.call(['GET', 'user:1']);
		expect(r).toMatchObject({ ok: true, reply: { type: 'bulk', value: null } });
		const latencies = Array.from({ length: 20 }, () => cache.call(['GET', 'x']).latencyMs);
		for (const l of latencies) expect([1, 2]).toContain(l);
		const again = fixture().cache;
		again.call(['GET', 'user:1']);
		expect(Array.from({ length: 20 }, () => again.call(['GET', 'x']).latencyMs)).toEqual(latencies);
	});

	it('fails like a client library when nothing listens (ECONNREFUSED, fast)', () => {
		const { cache, engine } = fixture();
		cache.link = 'refused';
		const r = cache.call(['GET', 'user:1']);
		expect(r).toEqual({
			ok: false,
			error: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:6379' },
			latencyMs: 1,
		});
		expect(cache.errors).toBe(1);
		expect(engine.inspect().stats.keyspace_misses).toBe(0);
	});

	it('fails after the timeout when Redis does not answer, and recovers when the link is back', () => {
		const { cache } = fixture();
		cache.link = 'timeout';
		expect(cache.call(['GET', 'k'])).toEqual({
			ok: false,
			error: { code: 'ETIMEDOUT', message: 'Command timed out' },
			latencyMs: 1000,
		});
		cache.link = 'up';
		expect(cache.call(['GET', 'k']).ok).toBe(true);
		expect(cache.errors).toBe(1);
	});
});
