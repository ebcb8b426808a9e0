import { describe, expect, it } from 'vitest';
import {
	addLongDouble,
	formatLongDouble,
	isFiniteLongDouble,
	parseLongDouble,
	type LongDouble,
} from './long-double.ts';

/** INCRBYFLOAT's arithmetic: strtold both, add, print "%.17Lf" trimmed (null = invalid float). */
function incrbyfloat(value: string, incr: string): string | null {
	const a = parseLongDouble(value);
	const b = parseLongDouble(incr);
	if (!a || !b) return null;
	const sum = addLongDouble(a, b);
	return isFiniteLongDouble(sum) ? formatLongDouble(sum) : 'nan-or-inf';
}

const ld = (s: string): LongDouble => parseLongDouble(s)!;

// Every expected string below was printed by redis-server 7.0.15 (x86-64).
describe('x87 long double as INCRBYFLOAT sees it', () => {
	it('rounds once per step, so the stored text carries the error forward', () => {
		expect(incrbyfloat('10.5', '0.1')).toBe('10.6');
		expect(incrbyfloat('10.6', '5.0e3')).toBe('5010.60000000000000009');
		expect(incrbyfloat('5010.60000000000000009', '-5010.6')).toBe('0');
		expect(incrbyfloat('0.1', '0.2')).toBe('0.3');
		expect(incrbyfloat('1234567890.123456789', '0')).toBe('1234567890.12345678894780576');
		expect(incrbyfloat('1234567890.12345678894780576', '9007199254740993')).toBe(
			'9007200489308883.123046875',
		);
	});

	it('prints huge values in full, never in exponent form', () => {
		const once = incrbyfloat('0', '1e308')!;
		expect(once).toMatch(/^99999999999999999996685879655845645660560099847415567207797/);
		const twice = incrbyfloat(once, '1e308')!;
		expect(twice).toHaveLength(309);
		expect(twice.endsWith('2687857156096')).toBe(true);
		expect(incrbyfloat('18446744073709551615', '1')).toBe('18446744073709551616');
	});

	it('rounds ties to even, in the sum and in printf', () => {
		expect(incrbyfloat('9223372036854775807', '0.25')).toBe('9223372036854775807');
		expect(incrbyfloat('0', '0.000003814697265625')).toBe('0.00000381469726562');
		expect(incrbyfloat('0', '0.000003814697265625000001')).toBe('0.00000381469726563');
	});

	it('reads what strtold reads and nothing more', () => {
		expect(incrbyfloat('0', '0x1.8p1')).toBe('3');
		expect(incrbyfloat('0', '0x10')).toBe('16');
		expect(incrbyfloat('3', '.5')).toBe('3.5');
		expect(incrbyfloat('3.5', '5.')).toBe('8.5');
		expect(incrbyfloat('8.5', '-0')).toBe('8.5');
		expect(incrbyfloat('0', '+3')).toBe('3');
		expect(incrbyfloat('0', '1e-4940')).toBe('0');
		for (const bad of ['abc', '1e', ' 1', '1 ', '', '0x', 'nan', '1e5000', '1e-5000', '1\u0000x'])
			expect(parseLongDouble(bad), JSON.stringify(bad)).toBeNull();
		expect(parseLongDouble('1'.repeat(5120))).toBeNull();
	});

	it('accepts infinity as input but never produces it', () => {
		expect(incrbyfloat('0', 'inf')).toBe('nan-or-inf');
		expect(incrbyfloat('0', '-Infinity')).toBe('nan-or-inf');
		expect(incrbyfloat('1.18973149535723176502e+4932', '1.18973149535723176502e+4932')).toBe(
			'nan-or-inf',
		);
		expect(isFiniteLongDouble(addLongDouble(ld('inf'), ld('-inf')))).toBe(false);
	});

	it('writes negative zero as 0', () => {
		expect(incrbyfloat('0', '-0.0000000000000000001')).toBe('0');
		expect(formatLongDouble(ld('-0'))).toBe('0');
		expect(incrbyfloat('-0.1', '-0.2')).toBe('-0.3');
	});
});
