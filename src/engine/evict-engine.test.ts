// performEvictions seen through the engine's front door: commands, INFO, events and fork.
import { describe, expect, it } from 'vitest';
import { createEngine } from './engine.ts';
import type { EngineEvent } from './events.ts';

const OOM = "OOM command not allowed when used memory > 'maxmemory'.";

describe('eviction through engine.exec', () => {
	it('CONFIG SET maxmemory evicts at once and evicted_keys counts it (INFO stats)', () => {
		const e = createEngine();
		for (let i = 0; i < 50; i++) e.exec(['SET', `k${i}`, 'v']);
		e.exec(['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru']);
		e.exec(['CONFIG', 'SET', 'maxmemory', '1']);
		expect(e.inspect().dbSizes[0]).toBe(0);
		expect(e.inspect().stats.evicted_keys).toBe(50);
		const info = e.exec(['INFO', 'stats']);
		expect(info.type === 'bulk' && info.value).toContain('evicted_keys:50\r\n');
		expect(e.exec(['SET', 'x', 'y'])).toEqual({ type: 'error', value: OOM });
		expect(e.inspect().stats.expired_keys).toBe(0);
	});

	it('a SET that pushes memory over the limit runs; the next command evicts', () => {
		const e = createEngine();
		e.exec(['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-random']);
		e.exec(['CONFIG', 'SET', 'maxmemory', String(e.usedMemory() + 1000)]);
		for (let i = 0; i < 40; i++)
			expect(e.exec(['SET', `k${i}`, 'v'])).toEqual({ type: 'status', value: 'OK' });
		const { stats, usedMemory, maxmemory } = e.inspect();
		expect(stats.evicted_keys).toBeGreaterThan(0);
		expect(usedMemory - maxmemory).toBeLessThan(100);
	});

	it('publishes evicted events with the victim among the samples', () => {
		const e = createEngine();
		for (let i = 0; i < 100; i++) e.exec(['SET', `k${i}`, 'v']);
		const seen: EngineEvent[] = [];
		e.subscribe((ev) => seen.push(ev));
		e.exec(['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu']);
		e.exec(['CONFIG', 'SET', 'maxmemory', String(e.usedMemory() - 300)]);
		const evicted = seen.flatMap((ev) => (ev.type === 'evicted' ? [ev] : []));
		expect(evicted.length).toBeGreaterThan(0);
		for (const ev of evicted) {
			expect(ev.policy).toBe('allkeys-lfu');
			expect(ev.measure).toEqual({ kind: 'lfu', counter: 255 - ev.score });
			expect(ev.memoryAfter).toBeLessThan(ev.memoryBefore);
		}
	});

	it('fork() copies the pool and the PRNG: both copies evict the same keys', () => {
		const e = createEngine({ seed: 5 });
		for (let i = 0; i < 500; i++) e.exec(['SET', `k${i}`, 'v']);
		e.exec(['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru']);
		e.exec(['CONFIG', 'SET', 'maxmemory', String(e.usedMemory() - 2000)]);
		const f = e.fork();
		const victims = (x: typeof e) => {
			const keys: string[] = [];
			x.subscribe((ev) => ev.type === 'evicted' && keys.push(ev.key));
			for (let i = 0; i < 30; i++) x.exec(['SET', `new${i}`, 'v']);
			return keys;
		};
		const a = victims(e);
		expect(a.length).toBeGreaterThan(10);
		expect(victims(f)).toEqual(a);
	});

	it('volatile-lru with no TTL keys behaves like noeviction', () => {
		const e = createEngine();
		e.exec(['SET', 'a', '1']);
		e.exec(['CONFIG', 'SET', 'maxmemory-policy', 'volatile-lru']);
		e.exec(['CONFIG', 'SET', 'maxmemory', '1']);
		expect(e.exec(['SET', 'b', '2'])).toEqual({ type: 'error', value: OOM });
		expect(e.exec(['GET', 'a'])).toEqual({ type: 'bulk', value: '1' });
		expect(e.inspect().stats.evicted_keys).toBe(0);
	});
});
