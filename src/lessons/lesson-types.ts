// A lesson as data: its frontmatter, the page's blocks in order (prose, Run blocks, predictions),
// and what the runtime acts on (setup, goals, hints, solution). Built by parse-lesson.ts.
import type { Program } from '../lab/lab-log.ts';

export const PANELS = ['keyspace', 'xray', 'flow', 'log'] as const;
export type Panel = (typeof PANELS)[number];

export const STRATEGIES = [
	'db-only',
	'update-then-del',
	'del-then-update',
	'update-then-set',
] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** A button press on the flow stage or the world (`@…` lines). */
export type StageAction =
	| { readonly kind: 'request'; readonly userId: number; readonly ttlSeconds: number }
	| { readonly kind: 'update'; readonly userId: number; readonly strategy: Strategy }
	| { readonly kind: 'link'; readonly isDown: boolean }
	| { readonly kind: 'restart' }
	| { readonly kind: 'advance'; readonly ms: number }
	/** The lesson's scenario: `count` presses of Step scenario, or played to its end. */
	| { readonly kind: 'step'; readonly count: number }
	| { readonly kind: 'play' };

export type ScenarioAction = Extract<StageAction, { kind: 'step' | 'play' }>;

/** `@step` and `@play`: the buttons of the lesson's scenario, not of the sandbox. */
export function isScenarioAction(a: StageAction): a is ScenarioAction {
	return a.kind === 'step' || a.kind === 'play';
}

/** One line of a `redis`, `redis setup` or `redis solution` block. */
export type ScriptLine =
	| {
			readonly kind: 'console';
			readonly text: string;
			/** `# expect error` came before it: failing is the point. */
			readonly expectError: boolean;
			readonly line: number;
	  }
	| {
			readonly kind: 'action';
			readonly text: string;
			readonly action: StageAction;
			readonly line: number;
	  };

export type Expectation =
	| { readonly kind: 'exact'; readonly text: string }
	| { readonly kind: 'contains'; readonly text: string }
	| { readonly kind: 'absent'; readonly text: string }
	| { readonly kind: 'regex'; readonly pattern: RegExp }
	| { readonly kind: 'range'; readonly min: number; readonly max: number };

export interface CheckCommand {
	readonly command: string;
	readonly expect: readonly Expectation[];
	readonly line: number;
}

export const FACTS = [
	'hits',
	'misses',
	'dbLoads',
	'dbWrites',
	'staleReads',
	'redisErrors',
	'requests',
	'lastReadStale',
	'lastReadSource',
	'evictions',
	'restarts',
] as const;
export type FactName = (typeof FACTS)[number];
export const OPS = ['==', '!=', '>=', '<=', '>', '<'] as const;
export type Op = (typeof OPS)[number];

export interface Fact {
	readonly name: FactName;
	readonly op: Op;
	/** A number, or `cache` / `db` for lastReadSource. */
	readonly value: number | string;
	readonly line: number;
}

export interface Check {
	readonly goal: string;
	readonly commands: readonly CheckCommand[];
	readonly facts: readonly Fact[];
	readonly line: number;
}

export interface Prediction {
	readonly about:
		| { readonly kind: 'command'; readonly command: string }
		| { readonly kind: 'action'; readonly text: string; readonly action: StageAction };
	readonly choices: readonly string[];
	readonly why: string;
	readonly line: number;
}

/** What the lesson's column shows, in order. Checks and hints show elsewhere (goals, Hint). */
export type Block =
	| { readonly kind: 'prose'; readonly html: string }
	| { readonly kind: 'run'; readonly lines: readonly ScriptLine[] }
	| { readonly kind: 'predict'; readonly index: number };

export interface Lesson {
	/** `01-why-a-cache/02-a-cache-hit`: the chapter's folder and the file's name. */
	readonly id: string;
	readonly file: string;
	readonly title: string;
	readonly teaches: readonly number[];
	readonly panels: readonly Panel[];
	readonly seed: number;
	/** What runs on the lesson's world: the sandbox, or a scenario (with fixes) it steps. */
	readonly program: Program;
	readonly summary: string | null;
	readonly blocks: readonly Block[];
	readonly setup: readonly ScriptLine[];
	readonly solution: readonly ScriptLine[];
	readonly checks: readonly Check[];
	readonly predictions: readonly Prediction[];
	/** Each hint as HTML, in the order Hint shows them. */
	readonly hints: readonly string[];
	/** Words of prose (fenced blocks not counted). */
	readonly words: number;
}

export class LessonError extends Error {
	constructor(
		readonly file: string,
		readonly line: number,
		problem: string,
	) {
		super(`${file}:${line}: ${problem}`);
		this.name = 'LessonError';
	}
}
