// A console line's outcome (data, from src/console/line.ts) as the scrollback entry the page
// draws: the words from src/console/line-text.ts, with the data kept as `result`.
import type { MetaControls, ShownOutcome } from '../console/line.ts';
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
