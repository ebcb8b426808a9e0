// One private redis-server per test file: started before the file's tests, stopped after them.
// `connection(ctx)` hands a test the client, fails it where a live server is required (CI) but
// none was found, and skips it where none is installed (the goldens still run there).
import { afterAll, beforeAll, expect, type TestContext } from 'vitest';
import type { RespClient } from './resp-client.ts';
import { livePolicy, startRedisServer, type RedisServer } from './server.ts';

export function liveRedis(): { connection: (ctx: TestContext) => RespClient } {
	const policy = livePolicy();
	let server: RedisServer | null = null;
	let client: RespClient | null = null;

	beforeAll(async () => {
		if (policy.mode !== 'run') return;
		server = await startRedisServer(policy.path);
		client = await server.connect();
	}, 30_000);

	afterAll(async () => {
		client?.close();
		await server?.stop();
	});

	return {
		connection(ctx) {
			if (policy.mode === 'fail') expect.fail(policy.reason);
			if (policy.mode === 'skip' || !client) {
				ctx.skip();
				throw new Error('skipped');
			}
			return client;
		},
	};
}
