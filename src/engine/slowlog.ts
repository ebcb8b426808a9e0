// Mirrors src/slowlog.c: the commands that ran for slowlog-log-slower-than microseconds or more,
// newest first, at most slowlog-max-len of them. On the virtual clock a command takes no time
// unless it moves the clock, so on the page it is DEBUG SLEEP that lands here (or every command,
// once the threshold is 0). Arguments a command keeps secret are logged as "(redacted)"
// (redact.ts), as MONITOR shows them.
import { clientAddr, type ClientState } from './client.ts';
import { loggedArgv } from './redact.ts';
import type { Server } from './server.ts';

/** SLOWLOG_ENTRY_MAX_ARGC and SLOWLOG_ENTRY_MAX_STRING. */
const MAX_ARGC = 32;
const MAX_STRING = 128;

export interface SlowlogEntry {
	readonly id: number;
	/** Unix seconds when it was logged. */
	readonly time: number;
	/** Microseconds. */
	readonly duration: number;
	readonly argv: readonly string[];
	/** getClientPeerId: ip:port. */
	readonly peer: string;
	readonly name: string;
}

export interface SlowlogState {
	/** Oldest first: a push appends, trimming drops from the front. */
	entries: SlowlogEntry[];
	nextId: number;
}

export const newSlowlog = (): SlowlogState => ({ entries: [], nextId: 0 });

export const copySlowlog = (s: SlowlogState): SlowlogState => ({
	entries: [...s.entries],
	nextId: s.nextId,
});

/** slowlogCreateEntry's copy: at most 32 arguments, each at most 128 bytes, with what was cut. */
function entryArgv(argv: readonly string[]): string[] {
	const shown = loggedArgv(argv);
	const argc = Math.min(shown.length, MAX_ARGC);
	const out: string[] = [];
	for (let j = 0; j < argc; j++) {
		if (argc !== shown.length && j === argc - 1)
			out.push(`... (${shown.length - argc + 1} more arguments)`);
		else {
			const a = shown[j]!;
			out.push(
				a.length > MAX_STRING
					? `${a.slice(0, MAX_STRING)}... (${a.length - MAX_STRING} more bytes)`
					: a,
			);
		}
	}
	return out;
}

/**
 * slowlogPushEntryIfNeeded: a negative threshold turns the log off. An entry is made (and takes an
 * id) before the length is enforced, so with slowlog-max-len 0 the ids still advance.
 */
export function slowlogPushIfNeeded(
	server: Server,
	client: ClientState,
	argv: readonly string[],
	usec: number,
): void {
	const { slowlogSlowerThan: slowerThan, slowlogMaxLen: maxLen } = server.hot;
	if (slowerThan < 0) return;
	const log = server.slowlog;
	const duration = Math.round(usec);
	if (duration >= slowerThan)
		log.entries.push({
			id: log.nextId++,
			time: Math.floor(server.now() / 1000),
			duration,
			argv: entryArgv(argv),
			peer: clientAddr(client),
			name: client.name,
		});
	if (log.entries.length > maxLen) log.entries.splice(0, log.entries.length - maxLen);
}
