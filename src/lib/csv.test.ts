import { expect, it } from 'vitest';
import { toCsv } from './csv.ts';

it('joins fields with commas and rows with CRLF', () => {
	expect(
		toCsv([
			['a', 1],
			['b', 2.5],
		]),
	).toBe('a,1\r\nb,2.5\r\n');
});

it('quotes a field holding a comma, a quote or a line break', () => {
	expect(toCsv([['x,y', 'say "hi"', 'two\nlines', 'plain']])).toBe(
		'"x,y","say ""hi""","two\nlines",plain\r\n',
	);
});
