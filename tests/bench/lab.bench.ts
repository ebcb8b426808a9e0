// Replaying a session: a sandbox log of 1,000 inputs over 10,000 keys with TTLs (console lines,
// clock moves and flow requests) rebuilt on a fresh Lab, as a reload, a step back or a permalink
// does. Goal: ≤ 300 ms. Baseline in the same run: the same lines executed straight on an engine,
// so the ratio shows what the Lab adds over the commands themselves.
import { performance } from 'node:perf_hooks';
import { createEngine, loadAllCommands, VirtualClock } from '../../src/engine/index.ts';
import { loadFlowRuntime } from '../../src/lab/flow-kit.ts';
import { Lab } from '../../src/lab/lab.ts';
import type { LabLog } from '../../src/lab/lab-log.ts';

await Promise.all([loadAllCommands(), loadFlowRuntime()]);

const INPUTS = 1000;
const KEYS = 10_000;
const BUDGET_MS = 300;
const RUNS = Number(process.argv[2] ?? 5);

/** A live session to record: populate with TTLs, then a mix of typed lines, clock moves, requests. */
function record(): LabLog {
	const lab = new Lab({ seed: 1 });
	lab.submit(`DEBUG POPULATE ${KEYS} key 20`);
	for (let i = 0; i < 200; i++) lab.submit(`EXPIRE key:${i * 50} ${60 + i}`);
	for (let i = 0; lab.inputs.length < INPUTS; i++) {
		const n = i % 10;
		if (n < 6) lab.submit(`SETEX user:${i % 500}:profile 300 {"name":"u${i}"}`);
		else if (n < 8) lab.submit(`GET key:${(i * 37) % KEYS}`);
		else if (n === 8) lab.flow({ kind: 'request', userId: 1 + (i % 100), ttlSeconds: 300 });
		else lab.advance(250);
		lab.tick(16);
	}
	return lab.toLog();
}

function replay(log: LabLog): number {
	const lab = new Lab({ seed: 1 });
	const t = performance.now();
	lab.load(log);
	const ms = performance.now() - t;
	lab.dispose();
	return ms;
}

function baseline(log: LabLog): number {
	const engine = createEngine({ clock: new VirtualClock(log.start), seed: log.seed });
	const t = performance.now();
	for (const input of log.inputs) {
		if (input.at > engine.clock.now()) engine.clock.advanceTo(input.at);
		if (input.kind === 'line') engine.exec(input.line.split(' '));
	}
	engine.clock.advanceTo(log.now);
	const ms = performance.now() - t;
	engine.dispose();
	return ms;
}

const log = record();
replay(log); // warm-up
const times: number[] = [];
const bases: number[] = [];
for (let r = 0; r < RUNS; r++) {
	times.push(replay(log));
	bases.push(baseline(log));
}
times.sort((a, b) => a - b);
bases.sort((a, b) => a - b);
const median = (xs: number[]) => xs[Math.floor(xs.length / 2)]!;
const fmt = (x: number) => x.toFixed(1);
console.log(
	`replay ${log.inputs.length} inputs over ${KEYS} keys: median ${fmt(median(times))} ms ` +
		`(min ${fmt(times[0]!)}, max ${fmt(times.at(-1)!)}, ${RUNS} runs; goal ≤ ${BUDGET_MS} ms)`,
);
console.log(
	`the same commands on a bare engine: median ${fmt(median(bases))} ms; ` +
		`Lab / bare = ${(median(times) / median(bases)).toFixed(2)}`,
);
console.log(median(times) <= BUDGET_MS ? 'goal met' : 'GOAL NOT MET');
