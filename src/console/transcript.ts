// redis-cli transcripts, the one language of engine tests, golden files and lesson checks:
// `> command` lines, then the output lines exactly as redis-cli prints them (`~ text` = contains).
import type { Reply } from '../engine/index.ts';
import {
	INITIAL_STATE,
	outputLines,
	runLine,
	type ConsoleState,
	type LocalCommand,
} from './session.ts';

export interface TranscriptEntry {
	readonly command: string;
	/** Output lines as redis-cli prints them; a line `~ text` means "the output contains text". */
	readonly expected: readonly string[];
	/** 1-based line of the `> ` in the source text (0 when built by hand). */
	readonly line?: number;
}

export interface TranscriptResult extends TranscriptEntry {
	readonly actual: readonly string[];
	readonly ok: boolean;
}

export interface TranscriptRun {
	readonly entries: readonly TranscriptResult[];
	readonly mismatches: readonly TranscriptResult[];
	readonly state: ConsoleState;
}

export interface RunOptions {
	readonly state?: ConsoleState;
	/** Output for redis-cli's local commands (`:advance 10s`, `help`…); default prints nothing. */
	readonly onLocal?: (local: LocalCommand) => string;
}

const isCommand = (line: string): boolean => line.startsWith('> ') || line === '>';
const isFiller = (line: string): boolean => line.trim() === '' || line.startsWith('#');

/** Parses a transcript. Comments (`#…`) and blank lines may come before the first command
 * and at the end of each entry; inside an entry's output every line counts. */
export function parseTranscript(text: string): TranscriptEntry[] {
	const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
	const entries: { command: string; expected: string[]; line: number }[] = [];
	lines.forEach((line, i) => {
		const last = entries[entries.length - 1];
		if (isCommand(line)) entries.push({ command: line.slice(2), expected: [], line: i + 1 });
		else if (last) last.expected.push(line);
		else if (!isFiller(line)) {
			throw new Error(`transcript line ${i + 1}: output before the first "> " command: ${line}`);
		}
	});
	for (const entry of entries) {
		while (entry.expected.length > 0 && isFiller(entry.expected[entry.expected.length - 1] ?? '')) {
			entry.expected.pop();
		}
	}
	return entries;
}

/** Writes entries back as transcript text; parseTranscript(renderTranscript(e)) gives e back. */
export function renderTranscript(entries: readonly TranscriptEntry[]): string {
	return entries.map((e) => [`> ${e.command}`, ...e.expected].join('\n') + '\n').join('');
}

/**
 * An output line that marks a reply whose order is not Redis's to keep (a hashtable set's members
 * come back in a per-process random order): the other lines must match as a multiset, each read
 * without its redis-cli index (` 1) `, nested `2) 1) `).
 */
export const ANY_ORDER = '~~ any order';

const unindexed = (line: string): string => line.replace(/^(?:\s*\d+\) )+/, '');

function sameLines(expected: readonly string[], actual: readonly string[]): boolean {
	if (expected.length !== actual.length) return false;
	const a = expected.map(unindexed).sort();
	const b = actual.map(unindexed).sort();
	return a.every((l, i) => l === b[i]);
}

/** Does `actual` satisfy `expected`? Plain lines only: equal line for line. With any `~ text`
 * line: each `~ text` must occur in the output and each plain line must be one of its lines. */
export function matchOutput(expected: readonly string[], actual: readonly string[]): boolean {
	if (expected.includes(ANY_ORDER))
		return sameLines(
			expected.filter((l) => l !== ANY_ORDER),
			actual,
		);
	const loose = expected.some((l) => l.startsWith('~ '));
	if (!loose) return expected.length === actual.length && expected.every((l, i) => l === actual[i]);
	const whole = actual.join('\n');
	return expected.every((l) =>
		l.startsWith('~ ') ? whole.includes(l.slice(2)) : actual.includes(l),
	);
}

/** Runs every command through runLine (state carried from line to line) and compares. */
export function runTranscript(
	text: string,
	exec: (argv: string[]) => Reply,
	opts: RunOptions = {},
): TranscriptRun {
	let state = opts.state ?? INITIAL_STATE;
	const entries = parseTranscript(text).map((entry): TranscriptResult => {
		const r = runLine(entry.command, exec, state);
		state = r.state;
		const output = r.local && opts.onLocal ? opts.onLocal(r.local) : r.output;
		const actual = outputLines(output);
		return { ...entry, actual, ok: matchOutput(entry.expected, actual) };
	});
	return { entries, mismatches: entries.filter((e) => !e.ok), state };
}

/** A readable diff of a run's mismatches, for test failure messages ('' when all match). */
export function describeMismatches(run: TranscriptRun): string {
	return run.mismatches
		.map((m) => {
			const where = m.line ? `line ${m.line}: ` : '';
			const exp = m.expected.map((l) => `  - ${l}`).join('\n');
			const act = m.actual.map((l) => `  + ${l}`).join('\n');
			return `${where}> ${m.command}\n${exp}\n${act}`;
		})
		.join('\n');
}
