// The console's line handling moved to src/console/line.ts (data) and src/console/line-text.ts
// (words, applied where entries are drawn). This adapter keeps the older text-shaped entry for
// callers that still read `output` and `tone`; each entry also carries its data as `result`.
import type { CommandSpec, Reply } from '../engine/index.ts';
import type { ConsoleState } from '../console/session.ts';
import { handleLine as handleConsoleLine, type MetaControls } from '../console/line.ts';
import type { ShownOutcome } from '../console/line.ts';
import { entryText, type ConsoleTone } from '../console/line-text.ts';

export type { MetaControls };
export type EntryTone = ConsoleTone;

export interface ConsoleEntry {
	readonly id: number;
	readonly prompt: string;
	readonly input: string;
	readonly output: string;
	readonly tone: EntryTone;
	/** For `Invalid argument(s)`: why, and a corrected line the learner can run. */
	readonly explain?: string;
	readonly fix?: string;
	/** What the line did, as data; the console panel draws from this. */
	readonly result?: ShownOutcome;
}

export interface LineOutcome {
	readonly entry: Omit<ConsoleEntry, 'id' | 'prompt'> | null;
	readonly state: ConsoleState;
	/** `clear` / Ctrl+L: wipe the scrollback. */
	readonly clear?: boolean;
}

/** src/console/line.ts's handleLine with each entry also written out as text. */
export function handleLine(
	line: string,
	exec: (argv: string[]) => Reply,
	specs: readonly CommandSpec[],
	state: ConsoleState,
	meta: MetaControls,
): LineOutcome {
	const out = handleConsoleLine(line, exec, specs, state, meta);
	const entry = out.entry && textEntry(out.entry);
	return out.clear ? { entry, state: out.state, clear: true } : { entry, state: out.state };
}

export function textEntry(result: ShownOutcome): Omit<ConsoleEntry, 'id' | 'prompt'> {
	const text = entryText(result);
	const output = [text.output, ...text.notes].join('\n');
	const base = { input: result.input, output, tone: text.tone, result };
	if (result.kind !== 'invalid') return base;
	return {
		...base,
		...(result.explain === null ? {} : { explain: result.explain }),
		...(result.fix === null ? {} : { fix: result.fix }),
	};
}
