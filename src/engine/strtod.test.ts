import { describe, expect, it } from 'vitest';
import { g17 } from './commands/info-format.ts';
import { Random } from './random.ts';
import { d2string, formatDouble, string2d, strtod } from './strtod.ts';

describe('strtod', () => {
	it('reads decimal, hex, inf and nan forms, and says how far it read', () => {
		expect(strtod('1.5abc')).toEqual({ value: 1.5, end: 3, range: false, tiny: false });
		expect(strtod('  -2e3')).toEqual({ value: -2000, end: 6, range: false, tiny: false });
		expect(strtod('0x10')).toMatchObject({ value: 16, end: 4 });
		expect(strtod('0x1.8p1')).toMatchObject({ value: 3, end: 7 });
		expect(strtod('-Infinity')).toMatchObject({ value: -Infinity, end: 9, range: false });
		expect(strtod('inf')).toMatchObject({ value: Infinity, end: 3 });
		expect(Number.isNaN(strtod('nan(123)').value)).toBe(true);
		expect(strtod('1e')).toMatchObject({ value: 1, end: 1 });
		expect(strtod('0x')).toMatchObject({ value: 0, end: 1 });
		expect(strtod('abc')).toMatchObject({ value: 0, end: 0 });
		expect(strtod('')).toMatchObject({ value: 0, end: 0 });
	});

	it('flags overflow and underflow to zero as ERANGE, but not a literal inf or 0', () => {
		expect(strtod('1e400').range).toBe(true);
		expect(strtod('1e-400').range).toBe(true);
		expect(strtod('0e-400').range).toBe(false);
		expect(strtod('4e-320').range).toBe(false);
		expect(strtod('inf').range).toBe(false);
	});

	it('flags a subnormal result as tiny when rounding made it, as glibc sets ERANGE', () => {
		for (const s of ['4.9e-324', '1e-310', '-1e-310', '2.2250738585072011e-308'])
			expect(strtod(s), s).toMatchObject({ range: false, tiny: true });
		// Normal, zero, or a subnormal the literal names exactly (2^-1030 and 1.5 × 2^-1030).
		for (const s of ['2.2250738585072014e-308', '0x1p-1022', '0.0', '-0', '0e-400'])
			expect(strtod(s).tiny, s).toBe(false);
		for (const s of ['0x1p-1030', '0x1.8p-1030', '0x0.0000000000001p-1022'])
			expect(strtod(s).tiny, s).toBe(false);
		expect(strtod('0x1.0000000000001p-1030').tiny).toBe(true);
		// 2^-1074 = 5^1074 × 10^-1074 written out in full is no rounding either; one digit more is.
		const digits = (5n ** 1074n).toString();
		expect(strtod(`${digits}e-1074`)).toMatchObject({ value: 2 ** -1074, tiny: false });
		expect(strtod(`${digits}1e-1075`).tiny).toBe(true);
	});
});

describe('string2d (ZADD scores, WEIGHTS)', () => {
	it('accepts whole numbers only: no spaces, no tail, no nan, no overflow', () => {
		expect(string2d('1')).toBe(1);
		expect(string2d('-0.5')).toBe(-0.5);
		expect(string2d('+.5')).toBe(0.5);
		expect(string2d('5.')).toBe(5);
		expect(string2d('1e3')).toBe(1000);
		expect(string2d('-inf')).toBe(-Infinity);
		expect(string2d('0x10')).toBe(16);
		expect(Object.is(string2d('-0'), -0)).toBe(true);
		for (const bad of ['', ' 1', '1 ', 'abc', 'nan', '1e400', '1e-400', '1.2.3', '-', '.'])
			expect(string2d(bad), bad).toBeNull();
	});
});

describe('formatDouble ("%.17g") and d2string', () => {
	it('prints as Redis 7.0 replies a score', () => {
		expect(formatDouble(1.1)).toBe('1.1000000000000001');
		expect(formatDouble(0.1)).toBe('0.10000000000000001');
		expect(formatDouble(1e-5)).toBe('1.0000000000000001e-05');
		expect(formatDouble(1e20)).toBe('1e+20');
		expect(formatDouble(1e17)).toBe('1e+17');
		expect(formatDouble(123)).toBe('123');
		expect(formatDouble(-0)).toBe('-0');
		expect(formatDouble(Infinity)).toBe('inf');
		expect(formatDouble(-Infinity)).toBe('-inf');
		expect(formatDouble(4e-320)).toBe('3.999955468730732e-320');
	});

	it('rounds an exact 18th-digit tie to even, as glibc does (toExponential rounds it up)', () => {
		const tie = 131073 / 262144; // 0.500003814697265625 exactly
		expect(formatDouble(tie)).toBe('0.50000381469726562');
		expect(formatDouble(1000000000000000.25)).toBe('1000000000000000.2');
	});

	it('agrees with the exact %.17g on random doubles of every magnitude', () => {
		const rng = new Random(11);
		const view = new DataView(new ArrayBuffer(8));
		for (let i = 0; i < 3000; i++) {
			view.setUint32(0, rng.uint32());
			view.setUint32(4, rng.uint32());
			const x = view.getFloat64(0);
			if (!Number.isFinite(x)) continue;
			expect(formatDouble(x)).toBe(g17(x));
		}
		for (let i = 0; i < 2000; i++) {
			const x = rng.int(1 << 20) / (1 << rng.int(24));
			expect(formatDouble(x)).toBe(g17(x));
		}
	});

	it('d2string prints integers inside ±2^52 as integers and the rest as %.17g', () => {
		expect(d2string(42)).toBe('42');
		expect(d2string(-0)).toBe('-0');
		expect(d2string(4503599627370495)).toBe('4503599627370495');
		expect(d2string(2 ** 60)).toBe('1.152921504606847e+18');
		expect(d2string(1e17)).toBe('1e+17');
		expect(d2string(0.25)).toBe('0.25');
	});
});
