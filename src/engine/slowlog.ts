// Mirrors src/slowlog.c: the commands that ran for slowlog-log-slower-than microseconds or more,
// newest first, at most slowlog-max-len of them. On the virtual clock a command takes no time
// unless it moves the clock, so on the page it is DEBUG SLEEP that lands here (or every command,
// once the threshold is 0). Arguments a command keeps secret (AUTH's password, HELLO's AUTH pair,
// a sensitive CONFIG SET value) are logged as "(redacted)", as MONITOR shows them.
import { clientAddr, type ClientState } from './client.ts';
import { perConfig, storedConfig } from './config.ts';
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

const limits = perConfig((config) => ({
	slowerThan: Number(storedConfig(config, 'slowlog-log-slower-than')),
	maxLen: Number(storedConfig(config, 'slowlog-max-len')),
}));

/** Configuration parameters whose values CONFIG SET keeps out of logs (SENSITIVE_CONFIG). */
const SENSITIVE_CONFIG = new Set(['requirepass', 'masterauth', 'masteruser']);

/**
 * The argument positions a command redacts (redactClientCommandArgument) as it parses them: all
 * of AUTH's, the user and password after each of HELLO's AUTH (up to the first option it cannot
 * read), a sensitive parameter's value in CONFIG SET.
 */
export function redactedPositions(argv: readonly string[]): number[] {
	const name = (argv[0] ?? '').toLowerCase();
	if (name === 'auth') return argv.slice(1).map((_, i) => i + 1);
	if (name === 'hello') {
		const out: number[] = [];
		// helloCommand returns before its options unless the version is exactly 2 or 3.
		if (argv[1] !== '2' && argv[1] !== '3') return out;
		for (let j = 2; j < argv.length; j++) {
			const opt = argv[j]!.toLowerCase();
			const more = argv.length - j - 1;
			if (opt === 'auth' && more >= 2) {
				out.push(j + 1, j + 2);
				j += 2;
			} else if (opt === 'setname' && more >= 1) j++;
			else break;
		}
		return out;
	}
	if (name === 'config' && (argv[1] ?? '').toLowerCase() === 'set') {
		const out: number[] = [];
		for (let j = 2; j + 1 < argv.length; j += 2)
			if (SENSITIVE_CONFIG.has(argv[j]!.toLowerCase())) out.push(j + 1);
		return out;
	}
	return [];
}

/** argv as logs show it: redacted where the command asked. */
export function loggedArgv(argv: readonly string[]): readonly string[] {
	const hidden = redactedPositions(argv);
	if (hidden.length === 0) return argv;
	const out = [...argv];
	for (const i of hidden) out[i] = '(redacted)';
	return out;
}

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
	const { slowerThan, maxLen } = limits(server.config);
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
