// The session store: a round trip, and every way storage can fail settling to a clean start with
// words for the learner (absent, blocked, full, garbage, a future version, a hostile log).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { LabLog } from './lab-log.ts';
import { parseLabLog } from './lab-log-schema.ts';
import {
	createSessionStore,
	idbKeyValue,
	INPUTS_PER_SLICE,
	SESSION_KEY,
	type KeyValue,
} from './storage.ts';

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

describe('a long session in slices', () => {
	const long = (n: number, now: number): LabLog => ({
		...LOG,
		inputs: Array.from({ length: n }, (_, i) => ({
			kind: 'line' as const,
			at: 1000 + i,
			line: `SET k${i} ${i}`,
		})),
		now,
	});
	/** Records each key written, and writes several in one call as IndexedDB's transaction does. */
	function counting() {
		const kv = memory();
		const written: string[] = [];
		return {
			kv: {
				...kv,
				setMany: (entries: readonly [string, unknown][]) => {
					for (const [k, v] of entries) {
						written.push(k);
						kv.map.set(k, v);
					}
					return Promise.resolve();
				},
			},
			map: kv.map,
			written,
		};
	}

	it('stores 2,500 inputs in three slices and gives the same log back', async () => {
		const { kv, written } = counting();
		const store = createSessionStore(kv);
		const log = long(2.5 * INPUTS_PER_SLICE, 90_000);
		expect(await store.save(log)).toBe(true);
		expect(written).toHaveLength(4);
		expect(await createSessionStore(kv).load()).toEqual({ log, problem: null });
	});

	it('storing again as time plays rewrites only the head, and a new input only its slice', async () => {
		const { kv, written } = counting();
		const store = createSessionStore(kv);
		const log = long(2.5 * INPUTS_PER_SLICE, 90_000);
		await store.save(log);
		written.length = 0;
		await store.save({ ...log, now: 95_000 });
		expect(written).toEqual([SESSION_KEY]);
		written.length = 0;
		const grown = long(2.5 * INPUTS_PER_SLICE + 1, 96_000);
		await store.save({ ...grown, inputs: [...log.inputs, grown.inputs.at(-1)!] });
		expect(written).toEqual([`${SESSION_KEY}:inputs:2`, SESSION_KEY]);
		expect((await createSessionStore(kv).load()).log?.inputs).toHaveLength(2501);
	});

	it('a log stepped back to fewer inputs comes back with only those', async () => {
		const { kv } = counting();
		const store = createSessionStore(kv);
		const log = long(2.5 * INPUTS_PER_SLICE, 90_000);
		await store.save(log);
		const shorter = { ...log, inputs: log.inputs.slice(0, 1200), now: 2200 };
		await store.save(shorter);
		expect(await createSessionStore(kv).load()).toEqual({ log: shorter, problem: null });
	});

	it('still reads a session kept whole under one key, and names a missing slice', async () => {
		const kv = memory();
		kv.map.set(SESSION_KEY, LOG);
		expect(await createSessionStore(kv).load()).toEqual({ log: LOG, problem: null });
		await createSessionStore(kv).save(long(1500, 9000));
		kv.map.delete(`${SESSION_KEY}:inputs:1`);
		expect((await createSessionStore(kv).load()).problem).toMatch(/could not be used/);
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
