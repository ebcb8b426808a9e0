// The session store: a round trip, and every way storage can fail settling to a clean start with
// words for the learner (absent, blocked, full, garbage, a future version, a hostile log).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { LabLog } from './lab-log.ts';
import { parseLabLog } from './lab-log-schema.ts';
import { createSessionStore, idbKeyValue, SESSION_KEY, type KeyValue } from './storage.ts';

const LOG: LabLog = {
	v: 1,
	seed: 3,
	start: 1000,
	program: { kind: 'sandbox' },
	inputs: [
		{ kind: 'line', at: 1000, line: 'SET a 1' },
		{ kind: 'flow', at: 1500, action: { kind: 'request', userId: 7, ttlSeconds: 300 } },
		{ kind: 'advance', at: 2000, to: 9000 },
	],
	now: 9500,
};

function memory(): KeyValue & { map: Map<string, unknown> } {
	const map = new Map<string, unknown>();
	return {
		map,
		get: (k) => Promise.resolve(map.get(k)),
		set: (k, v) => Promise.resolve(void map.set(k, v)),
		del: (k) => Promise.resolve(void map.delete(k)),
	};
}

const failing: KeyValue = {
	get: () => Promise.reject(new Error('blocked')),
	set: () => Promise.reject(new DOMException('full', 'QuotaExceededError')),
	del: () => Promise.reject(new Error('blocked')),
};

describe('session store', () => {
	it('keeps a sandbox log in IndexedDB and gives it back', async () => {
		const store = createSessionStore(idbKeyValue());
		expect(await store.load()).toEqual({ log: null, problem: null });
		expect(await store.save(LOG)).toBe(true);
		expect(await store.load()).toEqual({ log: LOG, problem: null });
		expect(await store.clear()).toBe(true);
		expect(await store.load()).toEqual({ log: null, problem: null });
	});

	it('says why when storage is absent, blocked or full, and never throws', async () => {
		const none = createSessionStore(null);
		expect((await none.load()).problem).toMatch(/no storage/);
		expect(await none.save(LOG)).toBe(false);
		const blocked = createSessionStore(failing);
		expect(await blocked.load()).toEqual({ log: null, problem: expect.stringMatching(/refused/) });
		expect(await blocked.save(LOG)).toBe(false);
		expect(await blocked.clear()).toBe(false);
	});

	it('refuses garbage and a record from a future version with a reason', async () => {
		const kv = memory();
		const store = createSessionStore(kv);
		kv.map.set(SESSION_KEY, 'garbage');
		expect((await store.load()).problem).toMatch(/could not be used/);
		kv.map.set(SESSION_KEY, { ...LOG, v: 2 });
		expect((await store.load()).problem).toMatch(/newer version/);
		kv.map.set(SESSION_KEY, { ...LOG, program: { kind: 'scenario', id: 'eviction', fixes: [] } });
		expect((await store.load()).problem).toMatch(/not a sandbox session/);
	});
});

describe('parseLabLog', () => {
	it('accepts a log and names what is wrong with a bad one', () => {
		expect(parseLabLog(LOG)).toEqual({ log: LOG });
		const bad = (patch: object) => parseLabLog({ ...LOG, ...patch });
		expect(bad({ seed: 'x' })).toMatchObject({ problem: expect.stringContaining('seed') });
		expect(bad({ inputs: [{ kind: 'eval', at: 1000, code: 'alert(1)' }] })).toHaveProperty(
			'problem',
		);
		expect(bad({ inputs: [{ kind: 'line', at: 1000, line: 'x'.repeat(5000) }] })).toHaveProperty(
			'problem',
		);
		expect(bad({ inputs: new Array(20_001).fill(LOG.inputs[0]) })).toHaveProperty('problem');
		expect(bad({ now: 1e15 })).toMatchObject({ problem: expect.stringMatching(/clock/) });
		expect(bad({ inputs: [...LOG.inputs].reverse() })).toMatchObject({
			problem: expect.stringMatching(/time order/),
		});
		expect(bad({ program: { kind: 'scenario', id: 'eviction', fixes: ['nope'] } })).toMatchObject({
			problem: expect.stringMatching(/fix/),
		});
		expect(parseLabLog(null)).toHaveProperty('problem');
	});
});
