import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLong } from './object.ts';

/** string2ll's grammar and range, the slow way: what parseLong must agree with on every string. */
function reference(s: string): number | null {
	if (!/^(0|-?[1-9][0-9]*)$/.test(s) || s.length > 20) return null;
	const v = BigInt(s);
	if (v > 9223372036854775807n || v < -9223372036854775808n) return null;
	return Number(v);
}

describe('parseLong', () => {
	it('reads what string2ll reads and refuses the rest', () => {
		const cases: [string, number | null][] = [
			['0', 0],
			['7', 7],
			['-7', -7],
			['123456789012345', 123456789012345],
			['-12345678901234', -12345678901234],
			['9007199254740993', 9007199254740992],
			['9223372036854775807', 2 ** 63],
			['-9223372036854775808', -(2 ** 63)],
			['9223372036854775808', null],
			['-0', null],
			['007', null],
			['-', null],
			['', null],
			['+1', null],
			[' 1', null],
			['1 ', null],
			['1a', null],
			['1.0', null],
			['１', null],
		];
		for (const [s, want] of cases) expect(parseLong(s), JSON.stringify(s)).toBe(want);
	});

	it('agrees with the BigInt reading on any short string of digits, signs and others', () => {
		const chars = fc.constantFrom(...'0123456789-+ .a'.split(''));
		fc.assert(
			fc.property(fc.array(chars, { maxLength: 22 }), (cs) => {
				const s = cs.join('');
				expect(parseLong(s)).toBe(reference(s));
			}),
			{ numRuns: 20_000, seed: 15 },
		);
	});
});
