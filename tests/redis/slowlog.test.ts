// The slow log against a live redis-server: one script of commands on both, with every command
// logged (threshold 0), then SLOWLOG GET -1 compared entry by entry on what both sides decide alike:
// ids (counted from the first), arguments as logged (trimmed, redacted) and client names. Times,
// durations and peer addresses belong to the machine and are left out.
import { describe, expect, it } from 'vitest';
import { createEngine, type Reply } from '../../src/engine/index.ts';
import { canon } from './differential-model.ts';
import { liveRedis } from './live.ts';

const SCRIPT: string[][] = [
	['CONFIG', 'SET', 'slowlog-log-slower-than', '0'],
	['CONFIG', 'SET', 'slowlog-max-len', '128'],
	['SLOWLOG', 'RESET'],
	['SET', 'k', 'x'.repeat(300)],
	['RPUSH', 'l', ...Array.from({ length: 45 }, (_, i) => `e${i}`)],
	['AUTH', 'pw'],
	['AUTH', 'someone', 'pw'],
	['HELLO', '2', 'AUTH', 'default', 'wrong'],
	['HELLO', '2', 'SETNAME', 'probe'],
	['HELLO', '9', 'AUTH', 'a', 'b'],
	['HELLO', '3', 'nope', 'AUTH', 'a', 'b'],
	['HELLO', '2'],
	['CONFIG', 'SET', 'masteruser', 'u', 'hz', '10'],
	['CONFIG', 'SET', 'masteruser', ''],
	['CONFIG', 'SET', 'requirepass', '', 'masterauth'],
	['CONFIG', 'SET', 'nosuch', '1', 'masterauth', ''],
	['MULTI'],
	['INCR', 'n'],
	['GET', 'n'],
	['EXEC'],
	['CLIENT', 'SETNAME', ''],
	['SLOWLOG', 'GET', '-1'],
	['SLOWLOG', 'LEN'],
	['CONFIG', 'SET', 'slowlog-max-len', '0'],
	['GET', 'gone'],
	['CONFIG', 'SET', 'slowlog-max-len', '128'],
	['SLOWLOG', 'GET', '2'],
	['CONFIG', 'SET', 'slowlog-log-slower-than', '-1'],
	['GET', 'unlogged'],
	['CONFIG', 'SET', 'slowlog-log-slower-than', '0'],
	['SLOWLOG', 'GET', '-1'],
];

/** An entry as compared: [id − first id, arguments, name]. */
function rows(reply: Reply): [number, string[], string][] {
	if (reply.type !== 'array' || !reply.value) throw new Error(JSON.stringify(reply));
	const all = reply.value.map((e) => (e as { value: readonly Reply[] }).value);
	const first = Math.min(...all.map((f) => Number(f[0]!.value)));
	return all.map((f) => [
		Number(f[0]!.value) - first,
		(f[3] as { value: readonly Reply[] }).value.map((a) => String(a.value)),
		String(f[5]!.value),
	]);
}

describe('SLOWLOG: engine vs redis-server', () => {
	const redis = liveRedis();

	it('logs the same entries, arguments trimmed and redacted alike', async (ctx) => {
		const real = await redis.connection(ctx).pipeline(SCRIPT);
		const engine = createEngine();
		const mine = SCRIPT.map((argv) => engine.exec(argv));
		engine.dispose();
		// Every reply agrees, errors included, but the log's own figures and HELLO's (its client id).
		SCRIPT.forEach((argv, i) => {
			if ((argv[0] === 'SLOWLOG' && argv[1] === 'GET') || argv[0] === 'HELLO') return;
			expect.soft(canon(mine[i]!), argv.join(' ')).toBe(canon(real[i]!));
		});
		const gets = SCRIPT.flatMap((argv, i) =>
			argv[0] === 'SLOWLOG' && argv[1] === 'GET' ? [i] : [],
		);
		expect(gets).toHaveLength(3);
		for (const i of gets) expect(rows(mine[i]!), SCRIPT[i]!.join(' ')).toEqual(rows(real[i]!));
		// The first GET saw everything since the RESET: 18 entries (EXEC is not one of them).
		expect(rows(mine[gets[0]!]!)).toHaveLength(18);
	});
});
