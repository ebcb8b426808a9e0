import { describe, expect, it } from 'vitest';
import { stringMatch } from './glob.ts';

// Every row was checked with KEYS on a real 7.0.15 server.
const cases: [pattern: string, key: string, matches: boolean][] = [
	['a*', 'abc', true],
	['*c', 'abc', true],
	['a?c', 'aXc', true],
	['a?c', 'ac', false],
	['h[ae]llo', 'hallo', true],
	['h[ae]llo', 'hxllo', false],
	['h[^e]llo', 'hallo', true],
	['h[^e]llo', 'hello', false],
	['[a-c]', 'b', true],
	['[c-a]', 'b', true],
	['[A-Z]*', 'abc', false],
	['*llo', 'heeeello', true],
	['a\\*c', 'a*c', true],
	['a\\*c', 'abc', false],
	['\\', '\\', true],
	['a\\', 'a\\', true],
	['[\\]]', ']', true],
	['[]]', ']', false],
	['[a', 'a', true],
	['[a-', 'a', true],
	['[a-', '-', true],
	['[-]', '-', true],
	['x[-]y', 'x-y', true],
	['[!a]', 'b', false],
	['[!a]', '!', true],
	['*:*', 'foo:bar', true],
	['foo:ba[^r]', 'foo:baz', true],
	['**', 'ab*', true],
	['***c', 'abc', true],
	['*a*b*', 'xaybz', true],
	['?*', '', false],
	['*', '', false],
	['', '', true],
];

describe('stringMatch (stringmatchlen)', () => {
	it.each(cases)('%j against %j → %s', (pattern, key, matches) => {
		expect(stringMatch(pattern, key)).toBe(matches);
	});

	it('folds ASCII case only with nocase', () => {
		expect(stringMatch('MAXMEMORY*', 'maxmemory-policy', true)).toBe(true);
		expect(stringMatch('MAXMEMORY*', 'maxmemory-policy')).toBe(false);
		expect(stringMatch('[A-C]x', 'bX', true)).toBe(true);
		expect(stringMatch('\xc9', '\xe9', true)).toBe(false);
	});

	it('compares bytes as signed chars in ranges', () => {
		// [a-\xff]: 0xff is -1 as a signed char, so the range is really [\xff-a].
		expect(stringMatch('[a-\xff]', 'b')).toBe(false);
		expect(stringMatch('[a-\xff]', '0')).toBe(true);
	});

	it('gives up on long patterns of stars without backtracking forever', () => {
		const key = 'a'.repeat(60);
		expect(stringMatch('*a'.repeat(30) + 'b', key)).toBe(false);
	});
});
