// Lesson speed in Node: (a) one goal check — every goal of a lesson evaluated, as the page does
// after each command — with 10,000 more keys in the keyspace (goal p95 ≤ 5 ms), each lesson's
// checks answered in place where they can be (the engine's peek) and, as the baseline, all on a
// copy of the engine as they used to be; (b) opening a lesson's runtime part: the lesson file
// parsed, a fresh world with its seed and setup, and its goals checked once (goal ≤ 100 ms
// together with drawing its text, which tests/bench/README.md measures in Chromium).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadAllCommands, type Engine } from '../../src/engine/index.ts';
import { loadFlowRuntime } from '../../src/lab/flow-kit.ts';
import { Lab } from '../../src/lab/lab.ts';
import { passes } from '../../src/lessons/checks.ts';
import { evaluateChecks, LessonRun, readFacts } from '../../src/lessons/lesson-run.ts';
import { parseLesson } from '../../src/lessons/parse-lesson.ts';
import type { Lesson } from '../../src/lessons/lesson-types.ts';
import { machineLine } from './machine.ts';

await Promise.all([loadAllCommands(), loadFlowRuntime()]);

const KEYS = 10_000;
const CHECK_GOAL_MS = 5;
const OPEN_GOAL_MS = 100;
// Checks per lesson: `--runs N` as the other benches take it, or a bare number; 20 by default.
const runsAt = process.argv.indexOf('--runs');
const runsArg = runsAt === -1 ? process.argv[2] : process.argv[runsAt + 1];
const RUNS = Math.max(1, Number(runsArg) || 20);
console.log(machineLine());

const ROOT = 'lessons';
const files = readdirSync(ROOT, { withFileTypes: true })
	.filter((d) => d.isDirectory())
	.flatMap((d) =>
		readdirSync(join(ROOT, d.name))
			.filter((f) => f.endsWith('.md') && f !== 'index.md')
			.map((f) => join(ROOT, d.name, f)),
	)
	.sort();

/** Every goal evaluated on copies only: how checks ran before the engine could peek. */
function evaluateOnCopies(lab: Lab, lesson: Lesson): boolean[] {
	let copy: Engine | null = null;
	const fork = () => (copy ??= lab.engine.fork());
	try {
		return lesson.checks.map((c) => passes(c, fork, () => readFacts(lab)));
	} finally {
		(copy as Engine | null)?.dispose();
	}
}

const pct = (xs: number[], p: number) =>
	[...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const fmt = (x: number) => x.toFixed(2);

const peeked: number[] = [];
const copied: number[] = [];
const opens: number[] = [];
for (const file of files) {
	const text = readFileSync(file, 'utf8');
	const t0 = performance.now();
	const lesson = parseLesson(file, text);
	const lab = new Lab({ seed: 1 });
	const run = new LessonRun(lab, lesson);
	run.evaluate();
	opens.push(performance.now() - t0);
	// A busy keyspace beside the lesson's own keys (a memory lesson's limit may evict some).
	lab.submit(`DEBUG POPULATE ${KEYS} bench 20`);
	for (let r = 0; r < RUNS; r++) {
		let t = performance.now();
		evaluateChecks(lab, lesson.checks);
		peeked.push(performance.now() - t);
		t = performance.now();
		evaluateOnCopies(lab, lesson);
		copied.push(performance.now() - t);
	}
	run.dispose();
	lab.dispose();
}

console.log(
	`goal checks, ${files.length} lessons × ${RUNS} with ${KEYS} more keys: ` +
		`p50 ${fmt(pct(peeked, 0.5))} ms, p95 ${fmt(pct(peeked, 0.95))} ms (goal p95 ≤ ${CHECK_GOAL_MS} ms)`,
);
console.log(
	`the same checks all on a copy of the engine: p50 ${fmt(pct(copied, 0.5))} ms, ` +
		`p95 ${fmt(pct(copied, 0.95))} ms`,
);
console.log(
	`opening a lesson (parse, seed and setup, first check): p50 ${fmt(pct(opens, 0.5))} ms, ` +
		`max ${fmt(Math.max(...opens))} ms (goal ≤ ${OPEN_GOAL_MS} ms with its text drawn)`,
);
console.log(
	pct(peeked, 0.95) <= CHECK_GOAL_MS && Math.max(...opens) <= OPEN_GOAL_MS
		? 'goal met'
		: 'GOAL NOT MET',
);
