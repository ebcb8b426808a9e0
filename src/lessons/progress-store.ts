// The learner's progress kept in the browser under one key, written as it changes. Storage may be
// absent, blocked, full or hold garbage: every call settles, never throws, and says in words what
// went wrong; lessons go on working either way.
import { idbKeyValue, storedValue, type KeyValue } from '../lab/storage.ts';
import type { Progress } from './progress.ts';

export const PROGRESS_KEY = 'cachelab:progress:v1';

export interface ProgressStore {
	/** The stored progress; null when there is none; a problem when it could not be used. */
	load(): Promise<{ progress: Progress | null; problem: string | null }>;
	/** True when stored. */
	save(progress: Progress): Promise<boolean>;
	clear(): Promise<boolean>;
}

export function createProgressStore(kv: KeyValue | null = idbKeyValue()): ProgressStore {
	const writes = storedValue(kv, PROGRESS_KEY);
	return {
		async load() {
			if (!kv) return { progress: null, problem: 'this browser offers no storage here' };
			let raw: unknown;
			try {
				raw = await kv.get(PROGRESS_KEY);
			} catch {
				return { progress: null, problem: 'the browser refused to read its storage' };
			}
			if (raw === undefined) return { progress: null, problem: null };
			// The checker (valibot) loads with the first stored progress it has to read; like the
			// store, it may fail to arrive, and the load still settles.
			let parseProgress: typeof import('./progress-schema.ts').parseProgress;
			try {
				({ parseProgress } = await import('./progress-schema.ts'));
			} catch {
				return { progress: null, problem: 'the page could not load what checks it' };
			}
			const parsed = parseProgress(raw);
			if ('progress' in parsed) return { progress: parsed.progress, problem: null };
			return {
				progress: null,
				problem: `the stored progress could not be used: ${parsed.problem}`,
			};
		},
		save: (progress) => writes.save(progress),
		clear: () => writes.clear(),
	};
}
