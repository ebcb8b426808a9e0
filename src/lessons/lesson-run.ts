// A lesson on the Lab: reset to its seed, setup replayed, then goals checked as the learner acts.
// Goals are checked when something changed since the last look: plain reads in place (the
// engine's peek), and on a copy of the engine only when a goal needs one. A goal once met stays
// met for this attempt (the learner saw it tick), so a busy keyspace is copied at most once per
// change, only while goals are open, and only for goals peek cannot answer.
import type { Engine } from '../engine/index.ts';
import { Lab } from '../lab/lab.ts';
import { SandboxProgram } from '../lab/sandbox-program.ts';
import { World } from '../lab/world.ts';
import type { FlowAction } from '../lab/flow-actions.ts';
import { outputOn, passes, type FactValues } from './checks.ts';
import {
	isScenarioAction,
	type Check,
	type Lesson,
	type Prediction,
	type ScenarioAction,
	type ScriptLine,
	type StageAction,
} from './lesson-types.ts';
import { describeOutcome, matchingChoice, type Outcome } from './predict.ts';

const DEFAULT_TTL = 300;
/** A request or an update takes a few steps; more than this many means something is stuck. */
const STEP_LIMIT = 1000;

type Worldly = Pick<Lab, 'world' | 'sandbox' | 'inputs' | 'evictionCount'>;

/** The facts a check may read: counters of the monitor, the database and the Lab, untouched. */
export function readFacts(lab: Worldly): FactValues {
	const { world } = lab;
	const report = world.monitor.report();
	const db = world.db.stats();
	const last = report.reads.at(-1);
	let restarts = 0;
	for (const input of lab.inputs)
		if (input.kind === 'flow' && input.action.kind === 'restart') restarts++;
	return {
		hits: report.hits,
		misses: report.misses,
		dbLoads: db.reads,
		dbWrites: db.writes,
		staleReads: report.staleReads,
		redisErrors: report.redisErrors,
		requests: report.reads.length,
		lastReadStale: last?.isStale ? 1 : 0,
		lastReadSource: last?.source ?? 'none',
		evictions: lab.evictionCount,
		restarts,
	};
}

/** Each check's result now, every one evaluated (tests; the page uses LessonRun). */
export function evaluateChecks(
	lab: Worldly & { engine: Engine },
	checks: readonly Check[],
): boolean[] {
	let copy: Engine | null = null;
	const fork = () => (copy ??= lab.engine.fork());
	try {
		return checks.map((c) => passes(c, fork, () => readFacts(lab), lab.engine));
	} finally {
		(copy as Engine | null)?.dispose();
	}
}

type FlowStageAction = Exclude<StageAction, { kind: 'advance' } | ScenarioAction>;

export function toFlowAction(a: FlowStageAction): FlowAction {
	switch (a.kind) {
		case 'request':
			return { kind: 'request', userId: a.userId, ttlSeconds: a.ttlSeconds };
		case 'update':
			return { kind: 'update', userId: a.userId, strategy: a.strategy, ttlSeconds: DEFAULT_TTL };
		default:
			return a;
	}
}

/** How many scenario steps a line presses: `@step n` n, `@play` until the scenario ends. */
function stepsOf(a: ScenarioAction): number {
	return a.kind === 'step' ? a.count : STEP_LIMIT;
}

/** Runs one script line on the Lab as the learner would: typed, or the button pressed. */
export function runScriptLine(lab: Lab, line: ScriptLine): void {
	if (line.kind === 'console') return lab.submit(line.text);
	const a = line.action;
	if (a.kind === 'advance') return lab.advance(a.ms);
	if (isScenarioAction(a)) {
		for (let i = 0; i < stepsOf(a) && lab.step(); i++);
		return;
	}
	lab.flow(toFlowAction(a));
	// A request or an update runs to its end: the clock moves to each of its steps.
	for (let i = 0; i < STEP_LIMIT; i++) {
		const next = lab.sandbox.nextStepAt;
		if (next === null) return;
		lab.advanceTo(Math.max(next, lab.clock.now() + 1));
	}
}

/** A fresh world with the lesson's seed and its setup played; the scrollback starts empty. */
export function startLesson(lab: Lab, lesson: Lesson): void {
	lab.reset(lesson.seed, lesson.program);
	for (const line of lesson.setup) runScriptLine(lab, line);
	lab.clearScreen();
}

export interface Graded {
	readonly choice: string;
	readonly right: boolean;
	/** "printed (integer) 300", "was a miss", "evicted user:3". */
	readonly happened: string;
	readonly why: string;
}

/** What the prediction's command or action does on a copy of the world as it is now. */
export function outcomeOf(lab: Lab, p: Prediction): Outcome {
	if (p.about.kind === 'command') {
		const copy = lab.engine.fork();
		const evicted: string[] = [];
		copy.subscribe((e) => {
			if (e.type === 'evicted') evicted.push(e.key);
		});
		try {
			const printed = outputOn(copy, p.about.command, lab.consoleState);
			return { printed, evicted };
		} finally {
			copy.dispose();
		}
	}
	const a = p.about.action;
	if (isScenarioAction(a)) return scenarioOutcome(lab, a);
	const world = new World({ seed: lab.seed, startMs: lab.startMs }, lab.world.snapshot());
	try {
		const sandbox = new SandboxProgram(world, () => {});
		if (lab.sandbox.isRedisDown) sandbox.apply({ kind: 'link', isDown: true });
		const evicted: string[] = [];
		world.engine.subscribe((e) => {
			if (e.type === 'evicted') evicted.push(e.key);
		});
		if (a.kind === 'advance') world.clock.advanceTo(world.clock.now() + a.ms);
		else {
			const reads = world.monitor.report().reads.length;
			sandbox.apply(toFlowAction(a));
			for (let i = 0; i < STEP_LIMIT && sandbox.nextStepAt !== null; i++)
				world.clock.advanceTo(Math.max(sandbox.nextStepAt, world.clock.now() + 1));
			const read = world.monitor.report().reads[reads];
			if (read) return { printed: read.source === 'cache' ? 'hit' : 'miss', evicted };
		}
		return { printed: '', evicted };
	} finally {
		world.dispose();
	}
}

/**
 * The lesson's scenario stepped on a copy of the Lab, rebuilt from its log (a lane may hold a WATCH
 * across steps, which a snapshot cannot carry): the first read it finishes says hit or miss.
 */
function scenarioOutcome(lab: Lab, a: ScenarioAction): Outcome {
	const copy = new Lab({ seed: lab.seed, startMs: lab.startMs, program: lab.program });
	try {
		copy.load(lab.toLog());
		const evicted: string[] = [];
		copy.engine.subscribe((e) => {
			if (e.type === 'evicted') evicted.push(e.key);
		});
		const reads = copy.world.monitor.report().reads.length;
		for (let i = 0; i < stepsOf(a) && copy.step(); i++);
		const read = copy.world.monitor.report().reads[reads];
		return { printed: read ? (read.source === 'cache' ? 'hit' : 'miss') : '', evicted };
	} finally {
		copy.dispose();
	}
}

export function grade(lab: Lab, p: Prediction, choice: string): Graded {
	const outcome = outcomeOf(lab, p);
	return {
		choice,
		right: matchingChoice(p.choices, outcome) === choice,
		happened: describeOutcome(outcome, p.choices),
		why: p.why,
	};
}

/**
 * One attempt at a lesson: which goals are met (latched), re-checked by `evaluate()` after the
 * learner acts. `touch()` says the world changed; without it `evaluate()` costs nothing.
 */
export class LessonRun {
	readonly lesson: Lesson;
	readonly met: boolean[];
	#lab: Lab;
	#dirty = true;
	#unsubscribe: () => void;

	constructor(lab: Lab, lesson: Lesson, { fresh = true }: { fresh?: boolean } = {}) {
		this.#lab = lab;
		this.lesson = lesson;
		this.met = lesson.checks.map(() => false);
		if (fresh) startLesson(lab, lesson);
		this.#unsubscribe = lab.subscribe(() => (this.#dirty = true));
	}

	get isComplete(): boolean {
		return this.met.every(Boolean);
	}

	/** Starts the lesson again on a fresh world; the goals go back to unmet. */
	restart(): void {
		startLesson(this.#lab, this.lesson);
		this.met.fill(false);
		this.#dirty = true;
	}

	touch(): void {
		this.#dirty = true;
	}

	/** Checks the goals not met yet; true when one became met. */
	evaluate(): boolean {
		if (!this.#dirty || this.isComplete) return false;
		this.#dirty = false;
		let copy: Engine | null = null;
		const fork = () => (copy ??= this.#lab.engine.fork());
		let facts: FactValues | null = null;
		let changed = false;
		try {
			this.lesson.checks.forEach((c, i) => {
				if (this.met[i]) return;
				if (passes(c, fork, () => (facts ??= readFacts(this.#lab)), this.#lab.engine)) {
					this.met[i] = true;
					changed = true;
				}
			});
		} finally {
			(copy as Engine | null)?.dispose();
		}
		return changed;
	}

	grade(index: number, choice: string): Graded {
		const p = this.lesson.predictions[index];
		if (!p) throw new Error(`no prediction ${index}`);
		return grade(this.#lab, p, choice);
	}

	dispose(): void {
		this.#unsubscribe();
	}
}
