// The sandbox's session kept in the browser (IndexedDB through idb-keyval) so a reload brings it
// back: the log is stored as it changes and replayed on load. Storage may be absent (file://, some
// private windows), blocked, full or hold garbage: every call settles to a result, never throws,
// and says in words what went wrong so the page can tell the learner once.
import { createStore, del, get, set, setMany, type UseStore } from 'idb-keyval';
import type { LabInput, LabLog } from './lab-log.ts';
import { MAX_INPUTS } from './lab-log.ts';

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
	/** Several keys in one transaction, where the storage has them. */
	setMany?(entries: readonly [string, unknown][]): Promise<void>;
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
		setMany: (entries) => setMany([...entries], store),
	};
}

/**
 * How many inputs one stored record holds. The log is stored in slices so that storing a long
 * session again (every few seconds while time plays) rewrites only the slice that grew and the
 * small head, not ten thousand inputs: one big structured clone is a long task on the page.
 */
export const INPUTS_PER_SLICE = 1000;

const sliceKey = (i: number) => `${SESSION_KEY}:inputs:${i}`;

/** What SESSION_KEY holds: the log without its inputs, and how many slices carry them. */
interface StoredHead extends Omit<LabLog, 'inputs'> {
	readonly inputs: readonly [];
	readonly slices: number;
}

function isHead(raw: unknown): raw is StoredHead {
	return typeof raw === 'object' && raw !== null && typeof (raw as StoredHead).slices === 'number';
}

export function createSessionStore(kv: KeyValue | null = idbKeyValue()): SessionStore {
	/** Per slice already stored: its length and its last input (inputs are immutable records). */
	let stored: { length: number; last: LabInput | undefined }[] = [];

	const readLog = async (kv: KeyValue): Promise<unknown> => {
		const raw = await kv.get(SESSION_KEY);
		// A whole log under the one key: how sessions were kept before slices.
		if (!isHead(raw)) return raw;
		const { slices, ...head } = raw;
		if (!Number.isSafeInteger(slices) || slices < 0 || slices > MAX_SLICES) return 'garbage';
		const inputs: unknown[] = [];
		for (let i = 0; i < slices; i++) {
			const slice = await kv.get(sliceKey(i));
			if (!Array.isArray(slice)) return { ...head, inputs: 'a missing part' };
			inputs.push(...(slice as unknown[]));
		}
		return { ...head, inputs };
	};

	return {
		async load() {
			if (!kv) return { log: null, problem: 'this browser offers no storage here' };
			let raw: unknown;
			try {
				raw = await readLog(kv);
			} catch {
				return { log: null, problem: 'the browser refused to read its storage' };
			}
			if (raw === undefined) return { log: null, problem: null };
			let parseLabLog: typeof import('./lab-log-schema.ts').parseLabLog;
			try {
				({ parseLabLog } = await import('./lab-log-schema.ts'));
			} catch {
				return { log: null, problem: 'the page could not load what checks it' };
			}
			const parsed = parseLabLog(raw);
			if ('log' in parsed && parsed.log.program.kind === 'sandbox')
				return { log: parsed.log, problem: null };
			return {
				log: null,
				problem: `the stored session could not be used: ${'problem' in parsed ? parsed.problem : 'it is not a sandbox session'}`,
			};
		},
		async save(log) {
			if (!kv) return false;
			const slices = Math.ceil(log.inputs.length / INPUTS_PER_SLICE);
			const entries: [string, unknown][] = [];
			const next: typeof stored = [];
			for (let i = 0; i < slices; i++) {
				const slice = log.inputs.slice(i * INPUTS_PER_SLICE, (i + 1) * INPUTS_PER_SLICE);
				const mark = { length: slice.length, last: slice.at(-1) };
				next.push(mark);
				const before = stored[i];
				if (before?.length !== mark.length || before.last !== mark.last)
					entries.push([sliceKey(i), slice]);
			}
			const head: StoredHead = { ...log, inputs: [], slices };
			// The head goes last and in the same transaction, so it never counts a slice not written.
			entries.push([SESSION_KEY, head]);
			try {
				await (kv.setMany ? kv.setMany(entries) : setEach(kv, entries));
			} catch {
				stored = [];
				return false;
			}
			stored = next;
			return true;
		},
		async clear() {
			if (!kv) return false;
			stored = [];
			try {
				await kv.del(SESSION_KEY);
				return true;
			} catch {
				return false;
			}
		},
	};
}

/** The most slices a head may name: the log's own input limit, sliced. */
const MAX_SLICES = Math.ceil(MAX_INPUTS / INPUTS_PER_SLICE);

async function setEach(kv: KeyValue, entries: readonly [string, unknown][]): Promise<void> {
	for (const [key, value] of entries) await kv.set(key, value);
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
