// The console core: one typed line in, what redis-cli prints out. Mirrors redis-cli.c `repl`
// (repeat prefix, local commands), `cliSendCommand` (SELECT/MULTI/EXEC prompt state) and
// `cliRefreshPrompt`.
import type { Reply } from '../engine/index.ts';
import { binaryToUtf8, utf8ToBinary } from './bytes.ts';
import { formatReply, isRawOutputCommand } from './format.ts';
import { scanArgs, type SplitError } from './tokenize.ts';

export interface ConsoleState {
	readonly db: number;
	readonly inMulti: boolean;
	/** The db when MULTI began; DISCARD and a failed EXEC go back to it (0 when absent). */
	readonly preMultiDb?: number;
}

/** A command redis-cli handles itself; the caller acts on it. `argv` is binary strings. */
export interface LocalCommand {
	readonly kind: 'local';
	/**
	 * 'quit' | 'exit' | 'clear' | 'connect' | 'monitor' | 'help' (also for `?`), or the `:name` of a
	 * meta.
	 */
	readonly name: string;
	readonly argv: readonly string[];
}

export interface LineResult {
	/** Exactly what redis-cli writes to stdout, decoded as UTF-8 text ('' for nothing). */
	readonly output: string;
	readonly state: ConsoleState;
	readonly local?: LocalCommand;
}

/** What redis-cli did with one typed line, as data: the caller chooses how to show it. */
export type CliResult =
	| { readonly kind: 'empty' }
	/** sdssplitargs gave up: redis-cli prints `Invalid argument(s)` and sends nothing. */
	| { readonly kind: 'split-error'; readonly error: SplitError }
	/** A repeat count that is not positive or overflows. */
	| { readonly kind: 'repeat-error' }
	/** `restart`, which redis-cli only accepts while debugging Lua. */
	| { readonly kind: 'restart' }
	| LocalCommand
	/** The command was sent `replies.length` times (the repeat prefix); `raw` as output_raw. */
	| {
			readonly kind: 'replies';
			readonly argv: readonly string[];
			readonly replies: readonly Reply[];
			readonly raw: boolean;
	  };

export interface LineRead {
	readonly result: CliResult;
	readonly state: ConsoleState;
}

export type Exec = (argv: string[]) => Reply;

export const INITIAL_STATE: ConsoleState = Object.freeze({ db: 0, inMulti: false });

/** cliRefreshPrompt: `host:port`, `[db]` when db ≠ 0, `(TX)` inside MULTI, then `> `. */
export function promptFor(state: ConsoleState, host = '127.0.0.1:6379'): string {
	return `${host}${state.db !== 0 ? `[${state.db}]` : ''}${state.inMulti ? '(TX)' : ''}> `;
}

const INT64_MAX = (1n << 63n) - 1n;
const cSpace = /^[ \t\n\v\f\r]*/;

/** C strtol(s, &end, 10) reduced to what repl() needs: the value, whether `*end == '\0'`,
 * and whether it overflowed (ERANGE). */
export function strtol(s: string): { value: bigint; whole: boolean; overflow: boolean } {
	const m = /^([ \t\n\v\f\r]*)([+-]?)(\d+)/.exec(s);
	if (!m) return { value: 0n, whole: s === '', overflow: false }; // no digits: end = start
	const digits = BigInt(m[3] ?? '0');
	const value = m[2] === '-' ? -digits : digits;
	const overflow = value > INT64_MAX || value < -INT64_MAX - 1n;
	return { value, whole: m[0].length === s.length, overflow };
}

/** C atoi as redis-cli uses it on SELECT's argument (strtol saturates, then truncates to int). */
export function atoi(s: string): number {
	const m = /^([+-]?)(\d+)/.exec(s.replace(cSpace, ''));
	if (!m) return 0;
	let v = BigInt(m[2] ?? '0') * (m[1] === '-' ? -1n : 1n);
	if (v > INT64_MAX) v = INT64_MAX;
	if (v < -INT64_MAX - 1n) v = -INT64_MAX - 1n;
	return Number(BigInt.asIntN(32, v));
}

const is = (arg: string | undefined, name: string): boolean =>
	arg !== undefined && arg.toLowerCase() === name;

/** Runs one typed line: splits it, handles redis-cli's own commands and the repeat prefix,
 * sends the rest to `exec` and returns what happened as data. */
export function readLine(line: string, exec: Exec, state: ConsoleState): LineRead {
	const done = (result: CliResult): LineRead => ({ result, state });
	if (line === '') return done({ kind: 'empty' });
	const split = scanArgs(utf8ToBinary(line));
	if (!split.ok) {
		const { ok: _ok, ...error } = split;
		return done({ kind: 'split-error', error });
	}
	const argv = split.args;
	const first = argv[0];
	if (first === undefined) return done({ kind: 'empty' });

	let repeat = 1n;
	let skip = 0;
	const n = strtol(first);
	if (argv.length > 1 && n.whole) {
		if (n.overflow || n.value <= 0n) return done({ kind: 'repeat-error' });
		repeat = n.value;
		skip = 1;
	}

	const local = (name: string, args: readonly string[] = argv): LineRead =>
		done({ kind: 'local', name, argv: args });
	if (is(first, 'quit') || is(first, 'exit')) return local(first.toLowerCase());
	if (first.startsWith(':')) return local(first.toLowerCase());
	if (is(first, 'restart')) return done({ kind: 'restart' });
	if (argv.length === 3 && is(first, 'connect')) return local('connect');
	if (argv.length === 1 && is(first, 'clear')) return local('clear');
	// redis-cli's monitor mode prints the stream until Ctrl+C; a console that answers one line at a
	// time cannot, and a connection left monitoring could not touch the keyspace any more.
	if (argv.length === 1 && is(first, 'monitor')) return local('monitor');

	const args = argv.slice(skip);
	if (is(args[0], 'help') || is(args[0], '?')) return local('help', args.slice(1));

	const replies: Reply[] = [];
	let st = state;
	for (let k = 0n; k < repeat; k++) {
		const reply = exec(args);
		replies.push(reply);
		st = nextState(st, args, reply);
	}
	return {
		result: { kind: 'replies', argv: args, replies, raw: isRawOutputCommand(args) },
		state: st,
	};
}

/** What redis-cli prints for a result (a binary string; '' for local commands and blank lines). */
export function cliOutput(result: CliResult): string {
	switch (result.kind) {
		case 'empty':
		case 'local':
			return '';
		case 'split-error':
			return 'Invalid argument(s)\n';
		case 'repeat-error':
			return 'Invalid redis-cli repeat command option value.\n';
		case 'restart':
			return "Use 'restart' only in Lua debugging mode.\n";
		case 'replies':
			return result.replies.map((r) => formatReply(r, { raw: result.raw })).join('');
	}
}

/** readLine, then what redis-cli writes to stdout for it, as UTF-8 text. */
export function runLine(line: string, exec: Exec, state: ConsoleState): LineResult {
	const { result, state: next } = readLine(line, exec, state);
	const output = binaryToUtf8(cliOutput(result));
	return result.kind === 'local' ? { output, state: next, local: result } : { output, state: next };
}

/** The prompt bookkeeping cliSendCommand does after each reply. */
export function nextState(
	state: ConsoleState,
	argv: readonly string[],
	reply: Reply,
): ConsoleState {
	const failed = reply.type === 'error';
	const nil = (reply.type === 'bulk' || reply.type === 'array') && reply.value === null;
	const [cmd, n] = [argv[0], argv.length];
	const back = state.preMultiDb ?? 0;
	if (is(cmd, 'select') && n === 2 && !failed) return { ...state, db: atoi(argv[1] ?? '') };
	if (is(cmd, 'multi') && n === 1 && !failed) {
		return { db: state.db, inMulti: true, preMultiDb: state.db };
	}
	if (is(cmd, 'exec') && n === 1 && state.inMulti) {
		return { db: failed || nil ? back : state.db, inMulti: false };
	}
	if (is(cmd, 'discard') && n === 1 && !failed) return { db: back, inMulti: false };
	if (is(cmd, 'reset') && n === 1 && !failed) return { db: 0, inMulti: false };
	return state;
}

/** Splits redis-cli output into display lines: one final newline dropped, `\r\n` as a newline. */
export function outputLines(output: string): string[] {
	if (output === '') return [];
	return output
		.replace(/\n$/, '')
		.split('\n')
		.map((l) => l.replace(/\r$/, ''));
}
