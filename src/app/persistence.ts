// Small things kept across reloads (console history). Storage may be missing, full or blocked
// (private windows, file://): every call degrades to "nothing remembered", never to an error.

const HISTORY_KEY = 'cachelab/history/v1';

function storage(): Storage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}

export function loadHistory(): string[] {
	try {
		const raw = storage()?.getItem(HISTORY_KEY);
		const parsed: unknown = raw ? JSON.parse(raw) : [];
		return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
	} catch {
		return [];
	}
}

export function saveHistory(history: readonly string[]): void {
	try {
		storage()?.setItem(HISTORY_KEY, JSON.stringify(history));
	} catch {
		// Full or blocked storage: history simply isn't kept.
	}
}
