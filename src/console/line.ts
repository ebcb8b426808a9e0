// What the console does with one typed line, as data: redis-cli's behaviour (readLine) plus the
// playground's own `:meta` commands, `help` with its notes, and why a line did not split. Nothing
// here writes the scrollback's text: line-text.ts does, at the edge that shows it.
import type { CommandSpec, Reply } from '../engine/index.ts';
import { parseDuration } from '../lib/duration.ts';
import { helpNotes } from './help-notes.ts';
import { findSpec } from './hints.ts';
import { readLine, type ConsoleState, type Exec } from './session.ts';
import { explainSplitError, suggestQuoting, type SplitError } from './tokenize.ts';

/** The playground controls a meta-command may reach. */
export interface MetaControls {
	advance(ms: number): void;
	reset(seed?: number): void;
	setSpeed(speed: number): void;
	readonly speeds: readonly number[];
}

/** A line that shows in the scrollback: `input` is the line as typed. */
export type ShownOutcome = { readonly input: string } & (
	| {
			/** The engine's replies: one, or one per repetition (`3 INCR x`). */
			readonly kind: 'replies';
			readonly argv: readonly string[];
			readonly replies: readonly Reply[];
			/** Printed verbatim, as redis-cli prints INFO and CLIENT LIST. */
			readonly raw: boolean;
			/**
			 * Per reply, whether it was sent after HELLO 3 (maps, sets and doubles then print in
			 * RESP3's style); absent: all in RESP2.
			 */
			readonly resp3?: readonly boolean[];
	  }
	| {
			/** `Invalid argument(s)`: where the split failed, why, and a line that would split. */
			readonly kind: 'invalid';
			readonly error: SplitError;
			readonly explain: string | null;
			readonly fix: string | null;
	  }
	| { readonly kind: 'repeat-error' }
	| { readonly kind: 'restart' }
	/** Redis cannot be reached (it is down): redis-cli's connection refused. */
	| { readonly kind: 'refused' }
	/** SHUTDOWN closed the connection: redis-cli prints nothing and is `not connected>` after. */
	| { readonly kind: 'closed' }
	/** `help` alone. */
	| { readonly kind: 'help-intro' }
	/** `help <topic>`: the command's table entry (null when unknown) and the console's notes. */
	| {
			readonly kind: 'help';
			readonly topic: string;
			readonly spec: CommandSpec | null;
			readonly notes: readonly string[];
	  }
	| { readonly kind: 'meta-help' }
	| { readonly kind: 'advanced'; readonly ms: number }
	| { readonly kind: 'speed'; readonly speed: number }
	/** A meta-command with an argument it cannot use. */
	| {
			readonly kind: 'usage';
			readonly command: ':advance' | ':seed' | ':speed';
			readonly speeds: readonly number[];
	  }
	| { readonly kind: 'unknown-meta'; readonly name: string }
	| { readonly kind: 'quit' }
	| { readonly kind: 'connect' }
	| { readonly kind: 'monitor' }
);

/** Everything a line can do: show something, or wipe the scrollback (`clear`, `:reset`, `:seed`). */
export type ConsoleOutcome =
	| ShownOutcome
	| { readonly kind: 'empty' }
	| { readonly kind: 'clear' }
	| { readonly kind: 'reset'; readonly seed: number | null };

export interface Interpreted {
	readonly outcome: ConsoleOutcome;
	readonly state: ConsoleState;
}

/** Runs one typed line and says what it did. Meta-commands act through `meta`. */
export function interpretLine(
	line: string,
	exec: Exec,
	specs: readonly CommandSpec[],
	state: ConsoleState,
	meta: MetaControls,
): Interpreted {
	const { result, state: next } = readLine(line, exec, state);
	const input = line;
	const out = (outcome: ConsoleOutcome): Interpreted => ({ outcome, state: next });
	switch (result.kind) {
		case 'empty':
			return out({ kind: 'empty' });
		case 'split-error':
			return out({
				kind: 'invalid',
				input,
				error: result.error,
				explain: explainSplitError(line),
				fix: suggestQuoting(line),
			});
		case 'repeat-error':
		case 'restart':
			return out({ kind: result.kind, input });
		case 'replies':
			return out({ ...result, input });
		case 'local':
			return out(local(input, result.name, result.argv, specs, meta));
	}
}

function local(
	input: string,
	name: string,
	argv: readonly string[],
	specs: readonly CommandSpec[],
	meta: MetaControls,
): ConsoleOutcome {
	switch (name) {
		case 'clear':
			return { kind: 'clear' };
		case 'help': {
			// `help` arrives without its own word: argv is the topic.
			const topic = argv.join(' ');
			if (!topic) return { kind: 'help-intro', input };
			const spec = findSpec(topic, specs);
			return { kind: 'help', input, topic, spec, notes: spec ? helpNotes(spec.name) : [] };
		}
		case 'quit':
		case 'exit':
			return { kind: 'quit', input };
		case 'connect':
			return { kind: 'connect', input };
		case 'monitor':
			return { kind: 'monitor', input };
		case ':help':
			return { kind: 'meta-help', input };
		case ':advance': {
			const ms = parseDuration(argv[1] ?? '');
			if (ms === null) return usage(input, ':advance', meta);
			meta.advance(ms);
			return { kind: 'advanced', input, ms };
		}
		case ':reset':
			meta.reset();
			return { kind: 'reset', seed: null };
		case ':seed': {
			const n = Number(argv[1]);
			if (!Number.isSafeInteger(n)) return usage(input, ':seed', meta);
			meta.reset(n);
			return { kind: 'reset', seed: n };
		}
		case ':speed': {
			const x = Number((argv[1] ?? '').replace(/x$/i, ''));
			if (!meta.speeds.includes(x)) return usage(input, ':speed', meta);
			meta.setSpeed(x);
			return { kind: 'speed', input, speed: x };
		}
		default:
			return { kind: 'unknown-meta', input, name };
	}
}

const usage = (
	input: string,
	command: ':advance' | ':seed' | ':speed',
	meta: MetaControls,
): ShownOutcome => ({ kind: 'usage', input, command, speeds: meta.speeds });

/** What the scrollback keeps for a line (null: nothing), and whether the line wiped it. */
export interface LineOutcome {
	readonly entry: ShownOutcome | null;
	readonly state: ConsoleState;
	readonly clear?: boolean;
}

/** interpretLine in the shape the Lab's console takes: the entry to keep, the state, a wipe. */
export function handleLine(
	line: string,
	exec: Exec,
	specs: readonly CommandSpec[],
	state: ConsoleState,
	meta: MetaControls,
): LineOutcome {
	const { outcome, state: next } = interpretLine(line, exec, specs, state, meta);
	switch (outcome.kind) {
		case 'empty':
			return { entry: null, state: next };
		case 'clear':
		case 'reset':
			return { entry: null, state: next, clear: true };
		default:
			return { entry: outcome, state: next };
	}
}
