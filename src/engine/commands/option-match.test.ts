import { describe, expect, it } from 'vitest';
import { optionIs } from './option-match.ts';

describe('optionIs', () => {
	it('matches a name in any case', () => {
		expect(optionIs('withscores', 'withscores')).toBe(true);
		expect(optionIs('WITHSCORES', 'withscores')).toBe(true);
		expect(optionIs('WithScores', 'withscores')).toBe(true);
	});

	it('refuses other words, longer or shorter ones and near misses outside the letters', () => {
		expect(optionIs('withscore', 'withscores')).toBe(false);
		expect(optionIs('withscoresx', 'withscores')).toBe(false);
		expect(optionIs('rev', 'limit')).toBe(false);
		expect(optionIs('r\u00c5v', 'rev')).toBe(false);
	});

	it('reads an argument as a C string, up to its first NUL', () => {
		expect(optionIs('REV\u0000', 'rev')).toBe(true);
		expect(optionIs('WITHSCORES\u0000x', 'withscores')).toBe(true);
		expect(optionIs('RE\u0000V', 'rev')).toBe(false);
	});
});
