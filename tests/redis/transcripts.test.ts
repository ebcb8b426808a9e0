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
		// One connection per file: SELECT and MULTI state live on the connection.
		const client: RespClient = await server.connect();
		try {
			const run = await runOnServer(golden.text, client);
			if (run.mismatches.length > 0) expect.fail(describeRun(golden.name, run));
		} finally {
			client.close();
		}
	});
});
