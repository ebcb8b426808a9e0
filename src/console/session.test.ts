import { describe, expect, it } from 'vitest';
import { fakeServer } from './fake-server.test-util.ts';
import {
	atoi,
	INITIAL_STATE,
	outputLines,
	promptFor,
	readLine,
	runLine,
	strtol,
	type ConsoleState,
} from './session.ts';

/** Runs lines in order and returns each line's output and the prompt after it. */
function play(lines: string[]): { output: string; prompt: string }[] {
	const exec = fakeServer();
	let state: ConsoleState = INITIAL_STATE;
	return lines.map((line) => {
		const r = runLine(line, exec, state);
		state = r.state;
		return { output: r.output, prompt: promptFor(state) };
	});
}

describe('runLine', () => {
	it('prints replies and ignores blank lines', () => {
		expect(play(['SET k café', 'GET k', '', '   ']).map((r) => r.output)).toEqual([
			'OK\n',
			'"caf\\xc3\\xa9"\n',
			'',
			'',
		]);
	});

	it('rejects lines that do not split', () => {
		const [r] = play(['SET user:456:profile "{"name": "Alice", "role": "admin"}"']);
		expect(r?.output).toBe('Invalid argument(s)\n');
	});

	it('repeats a command given a leading count', () => {
		expect(play(['3 INCR x'])[0]?.output).toBe('(integer) 1\n(integer) 2\n(integer) 3\n');
		expect(play([' +2 PING', '" 2" PING'])[0]?.output).toBe('PONG\nPONG\n');
		expect(play(['" 2" PING'])[0]?.output).toBe('PONG\nPONG\n');
	});

	it('refuses a count that is not positive or overflows', () => {
		const bad = 'Invalid redis-cli repeat command option value.\n';
		for (const line of ['0 PING', '-1 PING', '"" PING', '99999999999999999999 PING']) {
			expect(play([line])[0]?.output, line).toBe(bad);
		}
	});

	it('sends a lone number or a partly numeric first token as the command', () => {
		expect(play(['2'])[0]?.output).toBe(
			"(error) ERR unknown command '2', with args beginning with: \n",
		);
		expect(play(['3x PING'])[0]?.output).toContain("unknown command '3x'");
	});

	it('hands local commands back to the caller', () => {
		const exec = (): never => {
			throw new Error('must not be sent');
		};
		const names = [
			'quit',
			'EXIT now',
			'clear',
			'connect h 1',
			':advance 10s',
			'help get',
			'3 ? get',
			'monitor',
		];
		const got = names.map((line) => runLine(line, exec, INITIAL_STATE).local);
		expect(got.map((l) => l?.name)).toEqual([
			'quit',
			'exit',
			'clear',
			'connect',
			':advance',
			'help',
			'help',
			'monitor',
		]);
		expect(got[4]?.argv).toEqual([':advance', '10s']);
		expect(got[5]?.argv).toEqual(['get']);
		expect(runLine('restart', exec, INITIAL_STATE).output).toBe(
			"Use 'restart' only in Lua debugging mode.\n",
		);
	});

	it('sends clear and connect with other argument counts', () => {
		expect(play(['clear x'])[0]?.output).toContain("unknown command 'clear'");
		expect(play(['connect'])[0]?.output).toContain("unknown command 'connect'");
		expect(play(['monitor now'])[0]?.output).toContain("unknown command 'monitor'");
		expect(play(['2 quit'])[0]?.output).toContain("unknown command 'quit'");
	});

	it('prints raw-output commands verbatim', () => {
		expect(play(['INFO'])[0]?.output).toBe('# Server\r\nredis_version:7.0.15\r\n');
	});
});

describe('prompt', () => {
	it('follows SELECT, MULTI, EXEC and DISCARD as redis-cli 7.0.15 does', () => {
		const lines = ['select 2', 'multi', 'select 3', 'exec', 'multi', 'select 5', 'discard'];
		lines.push('select 0', 'select 99', 'multi', 'select 4', 'incr', 'exec', 'multi', 'multi');
		expect(play(lines).map((r) => r.prompt)).toEqual([
			'127.0.0.1:6379[2]> ',
			'127.0.0.1:6379[2](TX)> ',
			'127.0.0.1:6379[3](TX)> ',
			'127.0.0.1:6379[3]> ',
			'127.0.0.1:6379[3](TX)> ',
			'127.0.0.1:6379[5](TX)> ',
			'127.0.0.1:6379[3]> ',
			'127.0.0.1:6379> ',
			'127.0.0.1:6379> ',
			'127.0.0.1:6379(TX)> ',
			'127.0.0.1:6379[4](TX)> ',
			'127.0.0.1:6379[4](TX)> ',
			'127.0.0.1:6379> ',
			'127.0.0.1:6379(TX)> ',
			'127.0.0.1:6379(TX)> ',
		]);
	});

	it('takes a host', () => {
		expect(promptFor({ db: 1, inMulti: false }, 'localhost:6380')).toBe('localhost:6380[1]> ');
	});

	it('restores the db when EXEC returns nil', () => {
		const exec = (argv: string[]) =>
			argv[0] === 'EXEC'
				? ({ type: 'array', value: null } as const)
				: ({ type: 'status', value: argv[0] === 'SELECT' ? 'QUEUED' : 'OK' } as const);
		let state: ConsoleState = { db: 1, inMulti: false };
		for (const line of ['MULTI', 'SELECT 7', 'EXEC']) state = runLine(line, exec, state).state;
		expect(promptFor(state)).toBe('127.0.0.1:6379[1]> ');
	});
});

describe('C number parsing', () => {
	it('strtol reports whole-token numbers', () => {
		expect(strtol('12')).toEqual({ value: 12n, whole: true, overflow: false });
		expect(strtol(' -3')).toMatchObject({ value: -3n, whole: true });
		expect(strtol('3x').whole).toBe(false);
		expect(strtol('  ').whole).toBe(false);
		expect(strtol('').whole).toBe(true);
		expect(strtol('9223372036854775808').overflow).toBe(true);
	});

	it('atoi stops at the first non-digit', () => {
		expect(atoi('3abc')).toBe(3);
		expect(atoi('abc')).toBe(0);
		expect(atoi(' -2')).toBe(-2);
		expect(atoi('4294967298')).toBe(2);
	});
});

describe('outputLines', () => {
	it('splits output for display', () => {
		expect(outputLines('')).toEqual([]);
		expect(outputLines('OK\n')).toEqual(['OK']);
		expect(outputLines('1) "a"\n2) "b"\n')).toEqual(['1) "a"', '2) "b"']);
		expect(outputLines('# Server\r\nx:1\r\n')).toEqual(['# Server', 'x:1']);
	});
});

describe('readLine', () => {
	it('returns the replies as data, one per repetition, and the state after them', () => {
		const exec = fakeServer();
		const r = readLine('2 SELECT 3', exec, INITIAL_STATE);
		expect(r.result).toEqual({
			kind: 'replies',
			argv: ['SELECT', '3'],
			raw: false,
			replies: [
				{ type: 'status', value: 'OK' },
				{ type: 'status', value: 'OK' },
			],
		});
		expect(r.state.db).toBe(3);
	});

	it('tells a split error, a bad repeat count and local commands apart without text', () => {
		const exec = (): never => {
			throw new Error('nothing should be sent');
		};
		expect(readLine('GET "a', exec, INITIAL_STATE).result).toMatchObject({
			kind: 'split-error',
			error: { kind: 'unterminated', quoteStart: 4 },
		});
		expect(readLine('0 PING', exec, INITIAL_STATE).result).toEqual({ kind: 'repeat-error' });
		expect(readLine('restart', exec, INITIAL_STATE).result).toEqual({ kind: 'restart' });
		expect(readLine('2 help GET', exec, INITIAL_STATE).result).toEqual({
			kind: 'local',
			name: 'help',
			argv: ['GET'],
		});
		expect(readLine('  ', exec, INITIAL_STATE).result).toEqual({ kind: 'empty' });
	});
});
