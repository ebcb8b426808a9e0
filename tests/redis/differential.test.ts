// Property-based differential test: random command sequences on a fresh engine and on a live
// redis-server (pipelined, after FLUSHALL and a config reset), every reply required identical.
// Fixed seed by default; FC_SEED=<n> replays another, FC_RUNS=<n> changes the number of runs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, VirtualClock, type Reply } from '../../src/engine/index.ts';
import {
	compare,
	sequenceArbitrary,
	sleptMs,
	toTranscript,
	type Argv,
} from './differential-model.ts';
import type { RespClient } from './resp-client.ts';
import { liveRedis } from './live.ts';
import { RESET_COMMANDS } from './server.ts';

const SEED = Number(process.env['FC_SEED'] ?? 20250701);
const RUNS = Number(process.env['FC_RUNS'] ?? 500);
/** Shrinking replays sequences on the real server; past this budget the smallest failing
 * sequence found so far is reported. */
const SHRINK_BUDGET_MS = 20_000;
const ACTIVE_EXPIRE_OFF: Argv = ['DEBUG', 'SET-ACTIVE-EXPIRE', '0'];

interface Outcome {
	readonly seq: readonly Argv[];
	readonly engine: Reply[];
	readonly real: Reply[];
	readonly firstDiff: number; // -1 when all compared replies agree
}

async function play(client: RespClient, seq: readonly Argv[]): Promise<Outcome> {
	const start = Date.now();
	const replies = await client.pipeline([...RESET_COMMANDS, ACTIVE_EXPIRE_OFF, ...seq]);
	const setup = replies.slice(0, RESET_COMMANDS.length + 1);
	const bad = setup.find((r) => r.type === 'error');
	if (bad) throw new Error(`server reset failed: ${JSON.stringify(bad)}`);
	const real = replies.slice(setup.length);

	// The engine's clock starts where the server's did (within a few ms), so EXPIREAT's absolute
	// times mean the same on both sides.
	const engine = createEngine({ clock: new VirtualClock(start) });
	engine.exec(ACTIVE_EXPIRE_OFF);
	const mine = seq.map((argv) => engine.exec(argv));
	engine.dispose();

	let firstDiff = -1;
	for (let i = 0; i < seq.length && firstDiff === -1; i++) {
		const verdict = compare(seq[i] ?? [], mine[i] as Reply, real[i] as Reply);
		if (verdict === 'stop') break;
		if (verdict === 'differs') firstDiff = i;
	}
	return { seq, engine: mine, real, firstDiff };
}

let timingFlakes = 0;

/** A real server is not exactly on time (a busy machine can stall it for tens of ms), so a
 * difference counts only when it comes back on two replays; an engine bug always does. */
async function playStable(client: RespClient, seq: readonly Argv[]): Promise<Outcome> {
	const first = await play(client, seq);
	if (first.firstDiff === -1) return first;
	for (let i = 0; i < 2; i++) {
		const again = await play(client, seq);
		if (again.firstDiff === -1) {
			timingFlakes++;
			return again;
		}
	}
	return first;
}

/** After fast-check's shrinking (which keeps ≥ 30 commands): cut after the first difference,
 * then drop each earlier command whose removal still leaves a difference. */
async function minimize(client: RespClient, found: Outcome, deadline: number): Promise<Outcome> {
	let best =
		found.firstDiff >= 0
			? await playStable(client, found.seq.slice(0, found.firstDiff + 1))
			: found;
	if (best.firstDiff === -1) return found;
	for (let i = best.seq.length - 2; i >= 0 && Date.now() < deadline; i--) {
		const trial = await playStable(client, [...best.seq.slice(0, i), ...best.seq.slice(i + 1)]);
		if (trial.firstDiff !== -1)
			best = await playStable(client, trial.seq.slice(0, trial.firstDiff + 1));
		if (best.firstDiff === -1) return trial;
		i = Math.min(i, best.seq.length - 1);
	}
	return best;
}

/** After a failure: which commands differ first across more sequences, one example each, so a
 * single run shows the breadth of what is left (stops at the deadline). */
async function survey(client: RespClient, deadline: number): Promise<string> {
	const seen = new Map<string, { count: number; example: string }>();
	for (const seq of fc.sample(sequenceArbitrary(), { seed: SEED + 1, numRuns: 80 })) {
		if (Date.now() > deadline) break;
		const o = await play(client, seq);
		if (o.firstDiff === -1) continue;
		const argv = o.seq[o.firstDiff] ?? [];
		const name = (argv[0] ?? '').toUpperCase();
		const entry = seen.get(name);
		if (entry) entry.count++;
		else {
			const example = toTranscript(o.seq.slice(0, o.firstDiff + 1), o.engine, o.real, []).split(
				'\n',
			);
			const at = example.findIndex((l) => l.startsWith('# ^^^'));
			seen.set(name, { count: 1, example: example.slice(Math.max(0, at - 2)).join('\n') });
		}
	}
	return [...seen]
		.sort((a, b) => b[1].count - a[1].count)
		.map(
			([name, { count, example }]) =>
				`## ${name}: first difference in ${count} sequences\n${example}`,
		)
		.join('\n');
}

describe('engine vs redis-server on random sequences', () => {
	const redis = liveRedis();

	it(`${RUNS} sequences of 30–40 commands reply identically`, { timeout: 300_000 }, async (ctx) => {
		const live = redis.connection(ctx);
		const started = Date.now();
		let slept = 0;
		let runs = 0;
		let shrinkSince: number | null = null;
		let smallest: Outcome | null = null;

		console.log(`differential: seed=${SEED} runs=${RUNS} (FC_SEED / FC_RUNS to change)`);
		const property = fc.asyncProperty(sequenceArbitrary(), async (seq) => {
			if (shrinkSince !== null && Date.now() - shrinkSince > SHRINK_BUDGET_MS) return true;
			runs++;
			slept += sleptMs(seq);
			const outcome = await playStable(live, seq);
			if (outcome.firstDiff === -1) return true;
			shrinkSince ??= Date.now();
			smallest = outcome;
			return false;
		});
		const details = await fc.check(property, { seed: SEED, numRuns: RUNS });
		const seconds = ((Date.now() - started) / 1000).toFixed(1);
		console.log(
			`differential: ${runs} sequences played in ${seconds} s, ` +
				`${(slept / 1000).toFixed(1)} s of it DEBUG SLEEP, ${timingFlakes} timing flakes replayed away`,
		);
		if (details.failed && smallest !== null) {
			const found = await minimize(live, smallest, Date.now() + SHRINK_BUDGET_MS);
			const i = found.firstDiff;
			const header = [
				`differential mismatch (seed=${SEED}, found after ${details.numRuns} runs and`,
				`${details.numShrinks} shrinks, then reduced).`,
				`First difference at command ${i + 1}: ${found.seq[i]?.join(' ')}`,
				'Lines are the real server\u2019s; paste into a transcript to reproduce.',
			];
			const text = toTranscript(found.seq, found.engine, found.real, header);
			console.log(text);
			console.log(
				`differential survey (seed ${SEED + 1}):\n${await survey(live, Date.now() + 15_000)}`,
			);
			expect.fail(text);
		}
		if (details.failed) expect.fail(String(details.errorInstance ?? 'differential test failed'));
	});
});
