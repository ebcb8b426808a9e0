// Every golden transcript, on the engine (always) and on a live redis-server (where one exists;
// in CI its absence fails). A golden's lines were printed by redis-cli against Redis 7.0.15.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	commandCount,
	describeRun,
	listGoldens,
	runOnEngine,
	runOnServer,
	TRANSCRIPTS_DIR,
} from './goldens.ts';
import type { RespClient } from './resp-client.ts';
import { livePolicy, startRedisServer, type RedisServer } from './server.ts';

/** The bar we set: the goldens together exercise at least this many commands. */
const MIN_COMMANDS = 400;

/** A golden that sleeps the server (DEBUG SLEEP) reads back what the server measured of that
 * sleep: whole milliseconds in the latency monitor, a histogram slot in INFO latencystats, a TTL
 * after the wait. A real server adds its own overhead, and on a loaded machine a sleeping server
 * can wake a millisecond late, so such a golden gets this many tries on a live server. A real
 * disagreement of the engine's shows on every try; the engine's own run is always exact. */
const LIVE_TRIES_WHEN_SLEEPING = 3;
const sleepsTheServer = (text: string): boolean => /^> .*\bDEBUG SLEEP\b/im.test(text);

const goldens = listGoldens();
const policy = livePolicy();

describe('golden transcripts on the engine', () => {
	it.for(goldens)('$name', (golden) => {
		const run = runOnEngine(golden.text);
		if (run.mismatches.length > 0) expect.fail(describeRun(golden.name, run));
		expect(run.entries.length).toBeGreaterThan(0);
	});

	it(`cover at least ${MIN_COMMANDS} commands`, () => {
		const counts = goldens.map((g) => `${g.name}: ${commandCount(g.text)}`);
		const total = goldens.reduce((n, g) => n + commandCount(g.text), 0);
		expect(
			total,
			`${TRANSCRIPTS_DIR}\n${counts.join('\n')}\ntotal ${total}`,
		).toBeGreaterThanOrEqual(MIN_COMMANDS);
	});
});

describe('golden transcripts on a live redis-server', { timeout: 120_000 }, () => {
	let server: RedisServer | null = null;

	beforeAll(async () => {
		if (policy.mode === 'run') server = await startRedisServer(policy.path);
	}, 30_000);

	afterAll(async () => {
		await server?.stop();
	});

	it('redis-server is available (required in CI)', (ctx) => {
		if (policy.mode === 'fail') expect.fail(policy.reason);
		if (policy.mode === 'skip') ctx.skip();
		expect(server?.port).toBeGreaterThan(0);
		if (!server?.version.startsWith('7.0.')) {
			console.warn(`redis-server ${server?.version}: the goldens were recorded on 7.0.15`);
		}
	});

	it.for(goldens)('$name', async (golden, ctx) => {
		if (policy.mode === 'fail') expect.fail(policy.reason);
		if (policy.mode === 'skip' || !server) return ctx.skip();
		const tries = sleepsTheServer(golden.text) ? LIVE_TRIES_WHEN_SLEEPING : 1;
		const failures: string[] = [];
		for (let t = 1; t <= tries; t++) {
			// One connection per try: SELECT and MULTI state live on the connection.
			const client: RespClient = await server.connect();
			try {
				const run = await runOnServer(golden.text, client);
				if (run.mismatches.length === 0) return;
				failures.push(`try ${t} of ${tries}: ${describeRun(golden.name, run)}`);
			} finally {
				client.close();
			}
		}
		expect.fail(failures.join('\n'));
	});
});
