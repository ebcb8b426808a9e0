// Predictions: what the learner is asked before running something. Parsed here; graded by the
// runtime on a copy of the world, by what actually happens there (never by a written answer).
import type { Prediction } from './lesson-types.ts';
import { parseAction } from './script-lines.ts';

/** Parses a predict fence; `first` is the file line of its first line. Throws `[line, problem]`. */
export function parsePrediction(text: string, first: number): Prediction {
	let about: Prediction['about'] | null = null;
	let choices: string[] = [];
	let why = '';
	text.split('\n').forEach((raw, i) => {
		const line = first + i;
		const t = raw.trim();
		if (t === '') return;
		if (about === null) {
			if (t.startsWith('>')) about = { kind: 'command', command: t.slice(1).trim() };
			else if (t.startsWith('@')) {
				const action = parseAction(t);
				if (typeof action === 'string') throw [line, action];
				about = { kind: 'action', text: t, action };
			} else throw [line, 'a prediction starts with "> command" or "@action"'];
			return;
		}
		if (t.startsWith('choices:')) {
			choices = t
				.slice(8)
				.split('|')
				.map((c) => c.trim())
				.filter((c) => c !== '');
			return;
		}
		if (t.startsWith('why:')) {
			why = t.slice(4).trim();
			return;
		}
		throw [line, `expected "choices:" or "why:", not "${t}"`];
	});
	if (about === null) throw [first, 'a prediction needs "> command" or "@action"'];
	if (choices.length < 2) throw [first, 'a prediction needs at least two choices: a | b'];
	if (why === '') throw [first, 'a prediction needs a why: line'];
	return { about, choices, why, line: first };
}

/** What happened on the copy, as the choices speak of it. */
export interface Outcome {
	/** What redis-cli printed (a command), or `hit` / `miss` (a request). */
	readonly printed: string;
	/** Keys the engine evicted while it ran, in order. */
	readonly evicted: readonly string[];
}

/** The choice that matches what happened, or null when none does. */
export function matchingChoice(choices: readonly string[], outcome: Outcome): string | null {
	const out = outcome.printed.replace(/\n$/, '');
	const first = out.split('\n')[0] ?? '';
	const evicted = outcome.evicted.find((k) => choices.includes(k));
	if (evicted !== undefined) return evicted;
	return choices.find((c) => c === out) ?? choices.find((c) => c === first) ?? null;
}

/** How the outcome reads after "it …": "printed (integer) 300", "evicted user:1", "was a hit". */
export function describeOutcome(outcome: Outcome, choices: readonly string[]): string {
	const evicted = outcome.evicted.filter((k) => choices.includes(k));
	if (evicted.length > 0) return `evicted ${evicted.join(', ')}`;
	if (outcome.evicted.length > 0 && choices.every((c) => !outcome.printed.includes(c)))
		return `evicted ${outcome.evicted.join(', ')}`;
	if (outcome.printed === 'hit' || outcome.printed === 'miss') return `was a ${outcome.printed}`;
	return `printed ${outcome.printed.replace(/\n$/, '') || '(nothing)'}`;
}
