import { describe, expect, it } from 'vitest';
import { Lab } from '../lab/lab.ts';
import type { KeyValue } from '../lab/storage.ts';
import { EMPTY_PROGRESS, parseProgress, type Progress } from './progress-schema.ts';
import { createProgressStore, PROGRESS_KEY } from './progress-store.ts';
import { progressFile, readProgressFile } from './progress-file.ts';

function mapStore(): KeyValue & { map: Map<string, unknown> } {
	const map = new Map<string, unknown>();
	return {
		map,
		get: async (k) => map.get(k),
		set: async (k, v) => void map.set(k, v),
		del: async (k) => void map.delete(k),
	};
}

const failing: KeyValue = {
	get: () => Promise.reject(new Error('blocked')),
	set: () => Promise.reject(new Error('quota')),
	del: () => Promise.reject(new Error('blocked')),
};

const lab = new Lab();
lab.submit('SET k v');
const SAMPLE: Progress = {
	v: 1,
	completed: ['01-why-a-cache/01-slow-database'],
	open: { lesson: '02-expiry/01-a-key-can-expire', hints: 1, met: [0], log: lab.toLog() },
	view: 'lesson',
	predictions: {
		'02-expiry/01-a-key-can-expire': { '0': { choice: '(integer) -1', right: true } },
	},
};

describe('progress store', () => {
	it('stores under its key and reads back what it stored', async () => {
		const kv = mapStore();
		const store = createProgressStore(kv);
		expect(await store.load()).toEqual({ progress: null, problem: null });
		expect(await store.save(SAMPLE)).toBe(true);
		expect(kv.map.has(PROGRESS_KEY)).toBe(true);
		expect(await store.load()).toEqual({ progress: SAMPLE, problem: null });
		expect(await store.clear()).toBe(true);
		expect(await store.load()).toEqual({ progress: null, problem: null });
	});

	it('never throws: absent, blocked, full or corrupt storage become a problem in words', async () => {
		expect((await createProgressStore(null).load()).problem).toMatch(/no storage/);
		expect(await createProgressStore(null).save(SAMPLE)).toBe(false);
		expect((await createProgressStore(failing).load()).problem).toMatch(/refused/);
		expect(await createProgressStore(failing).save(SAMPLE)).toBe(false);
		expect(await createProgressStore(failing).clear()).toBe(false);
		const kv = mapStore();
		kv.map.set(PROGRESS_KEY, { v: 1, completed: 'everything' });
		const r = await createProgressStore(kv).load();
		expect(r.progress).toBeNull();
		expect(r.problem).toMatch(/could not be used: .*completed/);
	});
});

describe('progress files', () => {
	it('round-trips through export and import', () => {
		expect(readProgressFile(progressFile(SAMPLE))).toEqual({ progress: SAMPLE });
		expect(readProgressFile(progressFile(EMPTY_PROGRESS))).toEqual({ progress: EMPTY_PROGRESS });
	});

	it.each([
		['not json', /not JSON/],
		['[1,2]', /not Cache Lab progress/],
		['{"app":"cachelab","v":1}', /not Cache Lab progress/],
		['{"v":2,"completed":[],"open":null,"predictions":{}}', /newer version/],
		[
			'{"v":1,"completed":["../../etc"],"open":null,"predictions":{}}',
			/lesson id .* at completed\.0/,
		],
		[
			'{"v":1,"completed":[],"open":{"lesson":"01-a/01-b","hints":9,"met":[],"log":null},"predictions":{}}',
			/at open\.hints/,
		],
		[
			'{"v":1,"completed":[],"open":{"lesson":"01-a/01-b","hints":0,"met":[],"log":{"v":1}},"predictions":{}}',
			/open lesson's session/,
		],
	])('refuses %s, naming what is wrong', (text, problem) => {
		const r = readProgressFile(text);
		expect('problem' in r && r.problem).toMatch(problem);
	});

	it('drops duplicate completions', () => {
		const r = parseProgress({ ...EMPTY_PROGRESS, completed: ['01-a/01-b', '01-a/01-b'] });
		expect('progress' in r && r.progress.completed).toEqual(['01-a/01-b']);
	});
});
