import { describe, expect, it } from 'vitest';
import { BLOCKED } from './blocking.ts';
import { createEngine, type Engine } from './engine.ts';
import type { Reply } from './reply.ts';
import { loggedArgv } from './redact.ts';

/** SLOWLOG GET as [id, duration, argv, name] rows (time and peer belong to the clock and host). */
function entries(engine: Engine, count = '-1'): [number, number, string[], string][] {
	const reply = engine.exec(['SLOWLOG', 'GET', count]);
	if (reply.type !== 'array' || !reply.value) throw new Error(JSON.stringify(reply));
	return reply.value.map((e) => {
		const [id, , duration, argv, , name] = (e as { value: readonly Reply[] }).value;
		return [
			Number(id!.value),
			Number(duration!.value),
			(argv as { value: readonly Reply[] }).value.map((a) => String(a.value)),
			String(name!.value),
		];
	});
}

function logEverything(): Engine {
	const engine = createEngine();
	engine.exec(['CONFIG', 'SET', 'slowlog-log-slower-than', '0']);
	engine.exec(['SLOWLOG', 'RESET']);
	return engine;
}

describe('SLOWLOG', () => {
	it('logs a command that took slowlog-log-slower-than µs or more, newest first', () => {
		const engine = createEngine();
		engine.exec(['SET', 'k', 'v']);
		engine.exec(['DEBUG', 'SLEEP', '0.009']);
		engine.exec(['DEBUG', 'SLEEP', '0.01']);
		// The default threshold is 10 ms: only the second sleep is that slow, and it takes the first
		// id (ids count entries made, not commands run).
		expect(entries(engine)).toEqual([[0, 10000, ['DEBUG', 'SLEEP', '0.01'], '']]);
		expect(engine.exec(['SLOWLOG', 'LEN'])).toEqual({ type: 'integer', value: 1 });
		engine.exec(['CONFIG', 'SET', 'slowlog-log-slower-than', '-1']);
		engine.exec(['DEBUG', 'SLEEP', '0.5']);
		expect(engine.exec(['SLOWLOG', 'LEN'])).toEqual({ type: 'integer', value: 1 });
	});

	it('keeps at most 32 arguments and 128 bytes of each, saying how much it cut', () => {
		const engine = logEverything();
		engine.exec(['SET', 'k', 'x'.repeat(200)]);
		engine.exec(['RPUSH', 'list', ...Array.from({ length: 40 }, (_, i) => String(i))]);
		const [rpush, set] = entries(engine);
		expect(set![2]).toEqual(['SET', 'k', `${'x'.repeat(128)}... (72 more bytes)`]);
		expect(rpush![2]).toHaveLength(32);
		expect(rpush![2].slice(0, 3)).toEqual(['RPUSH', 'list', '0']);
		expect(rpush![2][30]).toBe('28');
		expect(rpush![2][31]).toBe('... (11 more arguments)');
	});

	it('hides the secrets AUTH, HELLO AUTH and a sensitive CONFIG SET carry', () => {
		const engine = logEverything();
		engine.exec(['AUTH', 'user', 'pw']);
		engine.exec(['HELLO', '2', 'SETNAME', 'me', 'AUTH', 'default', 'pw']);
		engine.exec(['CONFIG', 'SET', 'masteruser', 'u', 'maxmemory-samples', '5']);
		expect(entries(engine).map((e) => e[2])).toEqual([
			['CONFIG', 'SET', 'masteruser', '(redacted)', 'maxmemory-samples', '5'],
			['HELLO', '2', 'SETNAME', 'me', 'AUTH', '(redacted)', '(redacted)'],
			['AUTH', '(redacted)', '(redacted)'],
			['SLOWLOG', 'RESET'],
		]);
		// HELLO stops at a version other than 2 or 3, or at an option it cannot read, before it
		// redacts what follows, as Redis does.
		expect(loggedArgv(['HELLO', '4', 'AUTH', 'a', 'b'])).toEqual(['HELLO', '4', 'AUTH', 'a', 'b']);
		expect(loggedArgv(['HELLO', '3', 'foo', 'AUTH', 'a', 'b'])).toEqual([
			'HELLO',
			'3',
			'foo',
			'AUTH',
			'a',
			'b',
		]);
		expect(loggedArgv(['HELLO', '3', 'AUTH', 'a'])).toEqual(['HELLO', '3', 'AUTH', 'a']);
		// CONFIG SET refuses an odd argument count before it looks at a name; an unknown name does
		// not stop it redacting the values after.
		expect(loggedArgv(['CONFIG', 'SET', 'requirepass', '', 'masterauth'])).toEqual([
			'CONFIG',
			'SET',
			'requirepass',
			'',
			'masterauth',
		]);
		expect(loggedArgv(['CONFIG', 'SET', 'nosuch', '1', 'masterauth', 'x'])).toEqual([
			'CONFIG',
			'SET',
			'nosuch',
			'1',
			'masterauth',
			'(redacted)',
		]);
	});

	it('logs the commands of a transaction one by one, never EXEC itself', () => {
		const engine = logEverything();
		engine.exec(['MULTI']);
		engine.exec(['SET', 'a', '1']);
		engine.exec(['INCR', 'a']);
		engine.exec(['EXEC']);
		expect(entries(engine).map((e) => e[2][0])).toEqual(['INCR', 'SET', 'MULTI', 'SLOWLOG']);
	});

	it('trims to slowlog-max-len from the oldest; ids go on even when none is kept', () => {
		const engine = logEverything();
		engine.exec(['CONFIG', 'SET', 'slowlog-max-len', '0']);
		engine.exec(['GET', 'a']);
		engine.exec(['CONFIG', 'SET', 'slowlog-max-len', '2']);
		engine.exec(['GET', 'b']);
		engine.exec(['GET', 'c']);
		// 0 and 1 went to the set-up; 2 and 3, the first CONFIG SET and GET a, were trimmed at once.
		expect(entries(engine).map((e) => [e[0], e[2].join(' ')])).toEqual([
			[6, 'GET c'],
			[5, 'GET b'],
		]);
		engine.exec(['SLOWLOG', 'RESET']);
		expect(entries(engine)).toEqual([[8, 0, ['SLOWLOG', 'RESET'], '']]);
	});

	it('logs a blocked command when it is served, under the name of its client', () => {
		const engine = logEverything();
		const waiter = engine.connect({ onReply: () => {} });
		waiter.exec(['CLIENT', 'SETNAME', 'worker']);
		expect(waiter.exec(['BLPOP', 'jobs', '0'])).toBe(BLOCKED);
		engine.exec(['RPUSH', 'jobs', 'j1']);
		expect(entries(engine, '2').map((e) => [e[2].join(' '), e[3]])).toEqual([
			['BLPOP jobs 0', 'worker'],
			['RPUSH jobs j1', ''],
		]);
	});

	it('answers GET with a count, -1 for all, and the errors Redis gives', () => {
		const engine = logEverything();
		for (let i = 0; i < 12; i++) engine.exec(['PING']);
		expect(entries(engine, '0')).toEqual([]);
		expect(entries(engine, '3')).toHaveLength(3);
		expect(engine.exec(['SLOWLOG', 'GET'])).toMatchObject({ value: { length: 10 } });
		// Thirteen entries, plus the GETs just run.
		expect(entries(engine)).toHaveLength(16);
		const err = (value: string): Reply => ({ type: 'error', value });
		expect(engine.exec(['SLOWLOG', 'GET', '-2'])).toEqual(
			err('ERR count should be greater than or equal to -1'),
		);
		expect(engine.exec(['SLOWLOG', 'GET', 'x'])).toEqual(
			err('ERR count should be greater than or equal to -1'),
		);
		// GET takes any count of arguments by arity and refuses extra ones itself; LEN's arity does.
		expect(engine.exec(['SLOWLOG', 'Get', '1', '2'])).toEqual(
			err("ERR unknown subcommand or wrong number of arguments for 'Get'. Try SLOWLOG HELP."),
		);
		expect(engine.exec(['SLOWLOG', 'LEN', 'x'])).toEqual(
			err("ERR wrong number of arguments for 'slowlog|len' command"),
		);
	});
});
