import { describe, expect, it } from 'vitest';
import { fakeServer } from './fake-server.test-util.ts';
import {
	ANY_ORDER,
	describeMismatches,
	matchOutput,
	parseTranscript,
	renderTranscript,
	runTranscript,
} from './transcript.ts';

const SEED = `# the seed article's line, with its broken quotes
> SET user:456:profile "{"name": "Alice", "role": "admin"}"
Invalid argument(s)

# single quotes work
> SET user:456:profile '{"name": "Alice", "role": "admin"}'
OK
> GET user:456:profile
"{\\"name\\": \\"Alice\\", \\"role\\": \\"admin\\"}"
`;

describe('parseTranscript', () => {
	it('reads commands, expected lines and their line numbers', () => {
		expect(parseTranscript(SEED)).toEqual([
			{
				command: 'SET user:456:profile "{"name": "Alice", "role": "admin"}"',
				expected: ['Invalid argument(s)'],
				line: 2,
			},
			{
				command: `SET user:456:profile '{"name": "Alice", "role": "admin"}'`,
				expected: ['OK'],
				line: 6,
			},
			{
				command: 'GET user:456:profile',
				expected: ['"{\\"name\\": \\"Alice\\", \\"role\\": \\"admin\\"}"'],
				line: 8,
			},
		]);
	});

	it('keeps blank lines inside an entry, drops them (and comments) at its end', () => {
		const entries = parseTranscript('> HELP\r\nline 1\r\n\r\nline 2\r\n\r\n# next\r\n>\r\n');
		expect(entries.map((e) => e.expected)).toEqual([['line 1', '', 'line 2'], []]);
		expect(entries[1]?.command).toBe('');
	});

	it('rejects output before the first command', () => {
		expect(() => parseTranscript('# ok\n\nOK\n> PING\n')).toThrow(/line 3/);
		expect(parseTranscript('')).toEqual([]);
	});

	it('round-trips through renderTranscript', () => {
		const entries = parseTranscript(SEED).map(({ command, expected }) => ({ command, expected }));
		const text = renderTranscript(entries);
		expect(text.startsWith('> SET user')).toBe(true);
		expect(parseTranscript(text).map(({ command, expected }) => ({ command, expected }))).toEqual(
			entries,
		);
	});
});

describe('matchOutput', () => {
	it('compares a reply marked any-order as a multiset of lines without their indexes', () => {
		const expected = [ANY_ORDER, '1) "b"', '2) "a"', '3) "a"'];
		expect(matchOutput(expected, ['1) "a"', '2) "a"', '3) "b"'])).toBe(true);
		expect(matchOutput(expected, ['1) "a"', '2) "b"', '3) "b"'])).toBe(false);
		expect(matchOutput(expected, ['1) "a"', '2) "b"'])).toBe(false);
		const nested = [ANY_ORDER, '1) "0"', '2) 1) "y"', '   2) "x"'];
		expect(matchOutput(nested, ['1) "0"', '2) 1) "x"', '   2) "y"'])).toBe(true);
	});

	it('compares plain lines exactly', () => {
		expect(matchOutput(['OK'], ['OK'])).toBe(true);
		expect(matchOutput(['OK'], ['OK', 'OK'])).toBe(false);
		expect(matchOutput([], [])).toBe(true);
		expect(matchOutput([], ['OK'])).toBe(false);
	});

	it('treats ~ lines as "contains"', () => {
		const info = ['# Memory', 'used_memory:1000', 'maxmemory_policy:allkeys-lru'];
		expect(matchOutput(['~ allkeys-lru'], info)).toBe(true);
		expect(matchOutput(['~ policy:allkeys-lru', '# Memory'], info)).toBe(true);
		expect(matchOutput(['~ volatile'], info)).toBe(false);
		expect(matchOutput(['~ lru', 'Memory'], info)).toBe(false);
	});
});

describe('runTranscript', () => {
	it('runs the seed example against a server', () => {
		const run = runTranscript(SEED, fakeServer());
		expect(describeMismatches(run)).toBe('');
		expect(run.entries.map((e) => e.actual)).toEqual([
			['Invalid argument(s)'],
			['OK'],
			['"{\\"name\\": \\"Alice\\", \\"role\\": \\"admin\\"}"'],
		]);
	});

	it('reports mismatches and carries the prompt state', () => {
		const run = runTranscript(
			'> SELECT 2\nOK\n> 2 INCR n\n(integer) 1\n(integer) 3\n',
			fakeServer(),
		);
		expect(run.state.db).toBe(2);
		expect(run.mismatches).toHaveLength(1);
		expect(run.mismatches[0]?.actual).toEqual(['(integer) 1', '(integer) 2']);
		expect(describeMismatches(run)).toContain('line 3: > 2 INCR n\n  - (integer) 1');
	});

	it('lets the caller print local commands', () => {
		const text = '> :advance 10s\nclock +10000 ms\n> quit\n';
		const run = runTranscript(text, fakeServer(), {
			onLocal: (l) => (l.name === ':advance' ? 'clock +10000 ms\n' : ''),
		});
		expect(run.mismatches).toEqual([]);
	});
});
