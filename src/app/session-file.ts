// A session outside the page — a link, a file, the clipboard — is its Lab log as JSON: Copy state,
// Export session and Import session all speak it, and a link carries it compressed in the URL
// fragment (lz-string's URI-safe alphabet, loaded only when a link is made or opened). Whatever
// comes in is untrusted: it is size-capped before it is decompressed or parsed, validated by the
// log schema, and only ever replayed as engine commands on a fresh Lab.
import type { LabLog } from '../lab/lab-log.ts';

/** The fragment key of a permalink: `#s=<compressed log>`. */
export const LINK_PREFIX = '#s=';
/** Far above a real session's link (a few kB), far below what would stall a page. */
export const MAX_LINK_CHARS = 100_000;
/** A session file is never this big; a bigger one is refused before it is read. */
export const MAX_FILE_BYTES = 2_000_000;

export type Opened = { readonly log: LabLog } | { readonly problem: string };

/** The session as the JSON text Import session accepts. */
export function sessionJson(log: LabLog): string {
	return JSON.stringify({ app: 'cachelab', ...log }, null, 2);
}

/** Reads a session file's (or a pasted Copy state's) text. */
export async function readSessionJson(text: string): Promise<Opened> {
	if (text.length > MAX_FILE_BYTES) return { problem: 'the file is too large to be a session' };
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		return { problem: 'it is not JSON' };
	}
	if (typeof data !== 'object' || data === null || (data as { app?: unknown }).app !== 'cachelab')
		return { problem: 'it is not a Cache Lab session' };
	return (await checker()).parseLabLog(data);
}

/** The page's address with the session in its fragment. */
export async function linkFor(log: LabLog, base: string): Promise<string> {
	const { compressToEncodedURIComponent } = await import('lz-string');
	const url = new URL(base);
	url.hash = LINK_PREFIX.slice(1) + compressToEncodedURIComponent(JSON.stringify(log));
	return url.href;
}

/** Whether the page was opened from a permalink. */
export function hasLink(hash: string): boolean {
	return hash.startsWith(LINK_PREFIX);
}

/** The session in a permalink's fragment, or what is wrong with it. */
export async function openLink(hash: string): Promise<Opened> {
	if (!hasLink(hash)) return { problem: 'the link holds no session' };
	const packed = hash.slice(LINK_PREFIX.length);
	if (packed.length > MAX_LINK_CHARS) return { problem: 'the link is too long to be a session' };
	const { decompressFromEncodedURIComponent } = await import('lz-string');
	let text: string | null;
	try {
		text = decompressFromEncodedURIComponent(packed);
	} catch {
		text = null;
	}
	if (!text) return { problem: 'the link is damaged or cut short' };
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		return { problem: 'the link is damaged or cut short' };
	}
	return (await checker()).parseLabLog(data);
}

/** The log checker (valibot) loads with the first log from outside there is to check. */
function checker() {
	return import('../lab/lab-log-schema.ts');
}
