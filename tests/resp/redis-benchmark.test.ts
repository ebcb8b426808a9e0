// A short smoke load from redis-benchmark (Redis's own load generator) against our server.
import { describe, expect, it } from 'vitest';
import { run, startOurs, toolPolicy } from './harness.ts';

const policy = toolPolicy('redis-benchmark', 'redis-cli');

describe.skipIf(policy.mode === 'skip')('redis-benchmark smoke load', () => {
	it('runs -t set,get -n 2000 (50 clients) to the end', async () => {
		if (policy.mode === 'fail') throw new Error(policy.reason);
		const server = await startOurs();
		try {
			const out = await run(
				'redis-benchmark',
				['-h', '127.0.0.1', '-p', String(server.port), '-t', 'set,get', '-n', '2000', '-q'],
				'',
				{ timeoutMs: 30_000 },
			);
			expect(out.code).toBe(0);
			expect(out.stdout).toMatch(/SET: [\d.]+ requests per second/);
			expect(out.stdout).toMatch(/GET: [\d.]+ requests per second/);
			const check = await run('redis-cli', ['-p', String(server.port), 'GET', 'key:__rand_int__']);
			expect(check.stdout.trim()).toMatch(/^.{3}$/); // -d 3: three bytes of payload
		} finally {
			await server.close();
		}
	}, 40_000);
});
