// The golden transcripts (src/engine/transcripts/*.txt) played on the engine and on a live server,
// both through the console's own line handling (runLine: splitting, repeat prefix, local commands)
// and reply display (formatReply), so a golden line means the same thing on either side.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { INITIAL_STATE, runLine, type ConsoleState } from '../../src/console/session.ts';
import {
	parseTranscript,
	runTranscript,
	type TranscriptRun,
} from '../../src/console/transcript.ts';
import { createEngine, loadAllCommands, type Reply } from '../../src/engine/index.ts';
import type { RespClient } from './resp-client.ts';
import { resetServer } from './server.ts';

await loadAllCommands();

export const ROOT = join(import.meta.dirname, '..', '..');
export const TRANSCRIPTS_DIR = join(ROOT, 'src', 'engine', 'transcripts');

export interface Golden {
	/** Project-relative path, for messages (`src/engine/transcripts/strings.txt`). */
	readonly name: string;
	readonly path: string;
	readonly text: string;
}

export function listGoldens(): Golden[] {
	let names: string[];
	try {
		names = readdirSync(TRANSCRIPTS_DIR).filter((n) => n.endsWith('.txt'));
	} catch {
		return [];
	}
	return names.sort().map((n) => {
		const path = join(TRANSCRIPTS_DIR, n);
		return { name: relative(ROOT, path), path, text: readFileSync(path, 'utf8') };
	});
}

/** Number of `> ` commands in a transcript. */
export const commandCount = (text: string): number => parseTranscript(text).length;

/** Every argv runLine would send for each entry, in order (a repeat prefix sends it n times;
 * redis-cli's local commands and unsplittable lines send nothing). The argv never depends on
 * earlier replies, so a placeholder reply is enough here. */
export function argvOf(text: string): string[][] {
	const sent: string[][] = [];
	let state: ConsoleState = INITIAL_STATE;
	const placeholder: Reply = { type: 'status', value: 'OK' };
	for (const entry of parseTranscript(text)) {
		state = runLine(
			entry.command,
			(argv) => {
				sent.push([...argv]);
				return placeholder;
			},
			state,
		).state;
	}
	return sent;
}

/** Plays a transcript on a fresh engine. */
export function runOnEngine(text: string): TranscriptRun {
	const engine = createEngine();
	try {
		return runTranscript(text, (argv) => engine.exec(argv));
	} finally {
		engine.dispose();
	}
}

/** Resets the server, pipelines every command of the transcript on `client`, then plays the
 * transcript with the server's replies. */
export async function runOnServer(text: string, client: RespClient): Promise<TranscriptRun> {
	await resetServer(client);
	const replies = await client.pipeline(argvOf(text));
	let i = 0;
	return runTranscript(text, () => {
		const reply = replies[i++];
		if (!reply) throw new Error('more commands than replies: argvOf and runLine disagree');
		return reply;
	});
}

/** The first `limit` mismatches as `file:line` with expected (-) and actual (+) lines. */
export function describeRun(name: string, run: TranscriptRun, limit = 12): string {
	const shown = run.mismatches.slice(0, limit).map((m) => {
		const exp = m.expected.length ? m.expected.map((l) => `    - ${l}`) : ['    - (no output)'];
		const act = m.actual.length ? m.actual.map((l) => `    + ${l}`) : ['    + (no output)'];
		return [`  ${name}:${m.line ?? 0}  > ${m.command}`, ...exp, ...act].join('\n');
	});
	const more = run.mismatches.length - shown.length;
	const total = `${run.mismatches.length} of ${run.entries.length} commands differ`;
	return [`${name}: ${total} (- golden, + actual)`, ...shown, more > 0 ? `  … ${more} more` : '']
		.filter(Boolean)
		.join('\n');
}
