import { describe, expect, it } from 'vitest';
import { createEngine, DEFAULT_START_MS, type EngineEvent } from '../engine/index.ts';
import { flowSentence } from './sentences.ts';
import {
	candidateValue,
	describeEvent,
	evictionPosition,
	evictionVerdict,
	LOG_AREAS,
	measureText,
	scoreHeading,
	usesPool,
	type EvictionEvent,
} from './sentences.ts';

const lru: EvictionEvent = {
	type: 'evicted',
	at: DEFAULT_START_MS,
	db: 0,
	key: 'key:7',
	policy: 'allkeys-lru',
	sampled: [{ key: 'key:7', db: 0, score: 42_896_000 }],
	poolBefore: [{ key: 'key:7', db: 0, score: 42_896_000 }],
	poolAfter: [],
	score: 42_896_000,
	measure: { kind: 'idle', ms: 42_896_000 },
	skipped: 0,
	maxmemory: 1_048_576,
	memoryBefore: 1_049_000,
	memoryAfter: 1_024_000,
};

/** Every event a small session produces, in order; `null` moves the clock 10 ms. */
function record(lines: (string[] | null)[]): EngineEvent[] {
	const engine = createEngine();
	const seen: EngineEvent[] = [];
	engine.subscribe((e) => seen.push(e));
	for (const argv of lines) {
		if (argv) engine.exec(argv);
		else engine.clock.advance(10);
	}
	return seen;
}

describe('describeEvent', () => {
	it('writes an eviction from its data: key, policy, idle time as a duration, memory', () => {
		expect(describeEvent(lru)).toEqual({
			area: 'eviction',
			text: 'key:7 evicted by allkeys-lru — idle 11h 54m (1.00M → 1000.00K)',
		});
		const skipped = describeEvent({ ...lru, skipped: 1 })?.text;
		expect(skipped).toContain('after passing over 1 stale pool entry (');
		expect(describeEvent({ ...lru, skipped: 2 })?.text).toContain('2 stale pool entries');
	});

	it('says one key, not one keys, for the expire cycle', () => {
		const e: EngineEvent = { type: 'active-expire-cycle', at: 0, sampled: 1, expired: 1 };
		expect(describeEvent(e)?.text).toBe('expire cycle sampled 1 key with a TTL and deleted 1');
	});

	it('logs nothing for commands, hits and misses', () => {
		const seen = record([
			['SET', 'a', '1'],
			['GET', 'a'],
			['GET', 'b'],
		]);
		expect(seen.map((e) => e.type)).toContain('command');
		expect(seen.map(describeEvent).filter(Boolean)).toEqual([]);
	});

	it('offers a filter only for areas something is written under', () => {
		const seen = record([
			['DEBUG', 'SET-ACTIVE-EXPIRE', '0'],
			['SET', 'gone', 'x', 'PX', '1'],
			null,
			['GET', 'gone'],
			['SET', 'k', 'v'],
			['CONFIG', 'SET', 'maxmemory', '1'],
			['SET', 'refused', 'v'],
			['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru'],
			['SET', 'k2', 'v'],
		]);
		const areas = new Set(seen.map((e) => describeEvent(e)?.area));
		areas.delete(undefined);
		areas.add(flowSentence({ type: 'link', isDown: true }).area);
		expect([...areas].sort()).toEqual([...LOG_AREAS].sort());
	});
});

describe('eviction x-ray words', () => {
	it('reads each policy score in its own terms', () => {
		const c = { key: 'k', db: 0, score: 250 };
		expect(candidateValue('allkeys-lfu', c, 0)).toBe('5');
		expect(candidateValue('allkeys-lru', { ...c, score: 42_896_000 }, 0)).toBe('11h 54m');
		expect(candidateValue('allkeys-lru', { ...c, score: 3000 }, 0)).toBe('3s');
		const at = DEFAULT_START_MS;
		const ttl = { ...c, score: Number.MAX_SAFE_INTEGER - (at + 303_000) };
		expect(candidateValue('volatile-ttl', ttl, at)).toBe('5m 03s');
		expect(scoreHeading('volatile-ttl')).toMatch(/^time to live/);
		expect(scoreHeading('allkeys-lfu')).toMatch(/^LFU counter/);
	});

	it('says which policies use the pool', () => {
		expect(usesPool('allkeys-random')).toBe(false);
		expect(usesPool('volatile-random')).toBe(false);
		expect(usesPool('volatile-ttl')).toBe(true);
		expect(usesPool('allkeys-lfu')).toBe(true);
	});

	it('explains the victim from the measure, not from a sentence the engine wrote', () => {
		expect(evictionVerdict(lru)).toBe(
			'used_memory 1.00M was over maxmemory 1.00M; it had been idle 11h 54m when it was scored, ' +
				'the longest in the pool. Afterwards used_memory was 1000.00K.',
		);
		const random: EvictionEvent = { ...lru, policy: 'allkeys-random', measure: { kind: 'random' } };
		expect(evictionVerdict(random)).toContain('allkeys-random drew it at random from db 0');
		expect(measureText({ kind: 'lfu', counter: 3 })).toBe('LFU counter 3');
		expect(measureText({ kind: 'ttl', ms: 4200 })).toBe('expires in 4.2s');
	});

	it('says when older evictions are no longer kept', () => {
		expect(evictionPosition(1, 2, 2, 200)).toBe('Eviction 2 of 2');
		expect(evictionPosition(199, 200, 1234, 200)).toBe(
			'Eviction 1,234 of 1,234 (only the latest 200 are kept)',
		);
		expect(evictionPosition(0, 200, 1234, 200)).toBe(
			'Eviction 1,035 of 1,234 (only the latest 200 are kept)',
		);
		expect(evictionPosition(199, 200, null, 200)).toBe(
			'Eviction 200 of the latest 200 (older evictions are not kept)',
		);
	});
});
