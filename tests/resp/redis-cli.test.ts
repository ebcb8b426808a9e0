// Real clients, real protocol: Debian's redis-cli replays every engine transcript against our
// server and against a live redis-server, and `npm run repl` replays them with no server at all;
// all three must print the same bytes. Commands only: the golden outputs are checked elsewhere.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTranscript } from '../../src/console/transcript.ts';
import type { RespServer } from '../../src/resp/server.ts';
import { resetServer, startRedisServer, type RedisServer } from '../redis/server.ts';
import { redisCli, repl, ROOT, startOurs, toolPolicy } from './harness.ts';

const policy = toolPolicy('redis-server', 'redis-cli');
const dir = join(ROOT, 'src', 'engine', 'transcripts');
const files = readdirSync(dir)
	.filter((f) => f.endsWith('.txt'))
	.sort();
const scriptOf = (file: string) =>
	parseTranscript(readFileSync(join(dir, file), 'utf8'))
		.map((e) => e.command + '\n')
		.join('');

/** Connection-level commands the transcripts barely touch; ids and addresses left out. */
const SESSION_SCRIPT = [
	'PING',
	'PING "hello world"',
	'ECHO caf\u00e9',
	'CLIENT SETNAME cachelab',
	'CLIENT GETNAME',
	'CLIENT SETNAME "a b"',
	'CLIENT SETNAME ""',
	'CLIENT GETNAME',
	'CLIENT NOSUCH',
	'AUTH secret',
	'AUTH default secret',
	'AUTH bob secret',
	'HELLO 4',
	'HELLO x',
	'HELLO 2 FOO',
	'FUNCTION LIST',
	'FUNCTION FLUSH',
	'DEBUG LOG hello',
	'SET k v',
	'MULTI',
	'INCR k',
	'GET k',
	'EXEC',
	'MULTI',
	'NOSUCHCOMMAND',
	'SET k',
	'EXEC',
	'SELECT 3',
	'SET k three',
	'MULTI',
	'DISCARD',
	'GET k',
	'RESET',
	'GET k',
	'HSET h f v',
	'HGETALL h',
	'3 INCR n',
	'',
].join('\n');

describe.skipIf(policy.mode === 'skip')('redis-cli against our server and redis-server', () => {
	let real: RedisServer;
	let ours: RespServer;

	beforeAll(async () => {
		if (policy.mode === 'fail') throw new Error(policy.reason);
		real = await startRedisServer('redis-server');
	}, 20_000);
	afterAll(async () => {
		await real?.stop();
	});

	/** The same script through redis-cli on a fresh server of ours and a reset real one. */
	async function both(script: string): Promise<{ mine: string; theirs: string }> {
		ours = await startOurs();
		try {
			const client = await real.connect();
			await resetServer(client);
			client.close();
			const [mine, theirs] = await Promise.all([
				redisCli(ours.port, script),
				redisCli(real.port, script),
			]);
			expect(mine.stderr).toBe('');
			return { mine: mine.stdout, theirs: theirs.stdout };
		} finally {
			await ours.close();
		}
	}

	it('connection commands: identical output', async () => {
		const { mine, theirs } = await both(SESSION_SCRIPT);
		expect(mine).toBe(theirs);
	}, 30_000);

	for (const file of files) {
		it(`${file}: identical output through our server`, async () => {
			const { mine, theirs } = await both(scriptOf(file));
			expect(mine).toBe(theirs);
		}, 60_000);

		it(`${file}: npm run repl prints what redis-cli prints`, async () => {
			const script = scriptOf(file);
			const client = await real.connect();
			await resetServer(client);
			client.close();
			const [mine, theirs] = await Promise.all([repl(script), redisCli(real.port, script)]);
			expect(mine.code).toBe(0);
			expect(mine.stdout).toBe(theirs.stdout);
		}, 60_000);
	}

	it('npm run repl: connection commands as redis-cli prints them', async () => {
		const client = await real.connect();
		await resetServer(client);
		client.close();
		const [mine, theirs] = await Promise.all([
			repl(SESSION_SCRIPT),
			redisCli(real.port, SESSION_SCRIPT),
		]);
		expect(mine.stdout).toBe(theirs.stdout);
	}, 30_000);
});
