// Progress as a file (Export progress / Import progress): an imported file is untrusted input and
// goes through the same check as stored progress.
import { parseProgress, type Progress } from './progress-schema.ts';

/** Progress as a file's text (Export progress). */
export function progressFile(progress: Progress): string {
	return JSON.stringify({ app: 'cachelab-progress', ...progress }, null, 2);
}

/** A file's text as progress (Import progress), or what is wrong with it. */
export function readProgressFile(text: string): { progress: Progress } | { problem: string } {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		return { problem: 'the file is not JSON' };
	}
	if (typeof data === 'object' && data !== null && 'app' in data) {
		if (data.app !== 'cachelab-progress') return { problem: 'the file is not Cache Lab progress' };
		const { app: _app, ...rest } = data as Record<string, unknown>;
		data = rest;
	}
	return parseProgress(data);
}
