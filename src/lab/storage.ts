// The sandbox's session kept in the browser (IndexedDB through idb-keyval) so a reload brings it
// back: the log is stored as it changes and replayed on load. Storage may be absent (file://, some
// private windows), blocked, full or hold garbage: every call settles to a result, never throws,
// and says in words what went wrong so the page can tell the learner once.
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { LabLog } from './lab-log.ts';
import { parseLabLog } from './lab-log-schema.ts';

export const SESSION_KEY = 'cachelab:session:v1';

export interface SessionStore {
	/** The stored session; null when there is none; a problem when it could not be used. */
	load(): Promise<{ log: LabLog | null; problem: string | null }>;
	/** True when the log is stored. */
	save(log: LabLog): Promise<boolean>;
	clear(): Promise<boolean>;
}

/** The key-value calls the store needs: idb-keyval's in the page, a Map in tests. */
export interface KeyValue {
	get(key: string): Promise<unknown>;
	set(key: string, value: unknown): Promise<void>;
	del(key: string): Promise<void>;
}

export function idbKeyValue(): KeyValue | null {
	if (typeof indexedDB === 'undefined') return null;
	let store: UseStore;
	try {
		store = createStore('cachelab', 'keyval');
	} catch {
		return null;
	}
	return {
		get: (k) => get(k, store),
		set: (k, value) => set(k, value, store),
		del: (k) => del(k, store),
	};
}

export function createSessionStore(kv: KeyValue | null = idbKeyValue()): SessionStore {
	const writes = storedValue(kv, SESSION_KEY);
	return {
		async load() {
			if (!kv) return { log: null, problem: 'this browser offers no storage here' };
			let raw: unknown;
			try {
				raw = await kv.get(SESSION_KEY);
			} catch {
				return { log: null, problem: 'the browser refused to read its storage' };
			}
			if (raw === undefined) return { log: null, problem: null };
			const parsed = parseLabLog(raw);
			if ('log' in parsed && parsed.log.program.kind === 'sandbox')
				return { log: parsed.log, problem: null };
			return {
				log: null,
				problem: `the stored session could not be used: ${'problem' in parsed ? parsed.problem : 'it is not a sandbox session'}`,
			};
		},
		save: (log) => writes.save(log),
		clear: () => writes.clear(),
	};
}

/** Writing and clearing one key, each settling to whether it worked (never throwing). */
export function storedValue(kv: KeyValue | null, key: string) {
	return {
		async save(value: unknown): Promise<boolean> {
			if (!kv) return false;
			try {
				await kv.set(key, value);
				return true;
			} catch {
				return false;
			}
		},
		async clear(): Promise<boolean> {
			if (!kv) return false;
			try {
				await kv.del(key);
				return true;
			} catch {
				return false;
			}
		},
	};
}
