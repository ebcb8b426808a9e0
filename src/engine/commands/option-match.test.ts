import { describe, expect, it } from 'vitest';
import { optionIs, optionName } from './option-match.ts';

const WITHSCORES = optionName('withscores');
const LIMIT = optionName('limit');
const REV = optionName('rev');

describe('optionIs', () => {
	it('matches a name in any case', () => {
		expect(optionIs('withscores', WITHSCORES)).toBe(true);
		expect(optionIs('WITHSCORES', WITHSCORES)).toBe(true);
		expect(optionIs('WithScores', WITHSCORES)).toBe(true);
		expect(optionIs('wITHSCORES', WITHSCORES)).toBe(true);
	});

	it('refuses other words, longer or shorter ones and near misses outside the letters', () => {
		expect(optionIs('withscore', WITHSCORES)).toBe(false);
		expect(optionIs('withscoresx', WITHSCORES)).toBe(false);
		expect(optionIs('rev', LIMIT)).toBe(false);
		expect(optionIs('r\u00c5v', REV)).toBe(false);
		expect(optionIs('LIMIT', REV)).toBe(false);
		expect(optionIs('', REV)).toBe(false);
	});

	it('reads an argument as a C string, up to its first NUL', () => {
		expect(optionIs('REV\u0000', REV)).toBe(true);
		expect(optionIs('WITHSCORES\u0000x', WITHSCORES)).toBe(true);
		expect(optionIs('RE\u0000V', REV)).toBe(false);
	});
});
