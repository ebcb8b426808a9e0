// Mirrors the double helpers of src/util.c and networking.c that sorted sets lean on: glibc's strtod
// grammar (string2d, zslParseRange), d2string (the listpack's score text) and "%.17g" (the reply).
import { g17 } from './commands/info-format.ts';

/** strtod's result: the value and how many characters it consumed (0 = no conversion). */
export interface Strtod {
	readonly value: number;
	readonly end: number;
	/** errno == ERANGE: the literal overflowed to ±HUGE_VAL or a non-zero literal underflowed to 0. */
	readonly range: boolean;
}

const SPACE = /^[ \t\n\v\f\r]*/;
const DEC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const HEX = /^([+-]?)0[xX]((?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+))(?:[pP]([+-]?\d+))?/;
const INF = /^([+-]?)(?:infinity|inf)/i;
const NAN = /^[+-]?nan(?:\([0-9A-Za-z_]*\))?/i;

function hexValue(sign: string, digits: string, exp: string | undefined): number {
	const dot = digits.indexOf('.');
	const int = dot < 0 ? digits : digits.slice(0, dot) + digits.slice(dot + 1);
	const fracDigits = dot < 0 ? 0 : digits.length - dot - 1;
	const mant = BigInt(`0x${int || '0'}`);
	let e = (exp === undefined ? 0 : Number(exp)) - 4 * fracDigits;
	// Scale in steps so that neither the mantissa nor 2^e alone overflows a double.
	let v = Number(mant);
	while (e > 0 && Number.isFinite(v) && v !== 0) {
		const step = Math.min(e, 1000);
		v *= 2 ** step;
		e -= step;
	}
	while (e < 0 && v !== 0) {
		const step = Math.max(e, -1000);
		v *= 2 ** step;
		e -= step;
	}
	return sign === '-' ? -v : v;
}

/** glibc strtod in the C locale: leading spaces, decimal, hex, inf/infinity and nan forms. */
export function strtod(s: string): Strtod {
	const lead = SPACE.exec(s)![0].length;
	const rest = s.slice(lead);
	let m = INF.exec(rest);
	if (m)
		return { value: m[1] === '-' ? -Infinity : Infinity, end: lead + m[0].length, range: false };
	m = NAN.exec(rest);
	if (m) return { value: NaN, end: lead + m[0].length, range: false };
	m = HEX.exec(rest);
	if (m && /[0-9a-fA-F]/.test(m[2]!)) {
		const value = hexValue(m[1]!, m[2]!, m[3]);
		const mantZero = !/[1-9a-fA-F]/.test(m[2]!);
		return { value, end: lead + m[0].length, range: rangeError(value, mantZero) };
	}
	m = DEC.exec(rest);
	if (!m) return { value: 0, end: 0, range: false };
	const value = Number(m[0]);
	const mantZero = !/[1-9]/.test(m[0].replace(/[eE].*$/, ''));
	return { value, end: lead + m[0].length, range: rangeError(value, mantZero) };
}

const rangeError = (v: number, mantZero: boolean) => !Number.isFinite(v) || (v === 0 && !mantZero);

/**
 * The common case without regular expressions: only digits, one optional leading '-' and at
 * most one '.', which Number() reads exactly as strtod does. undefined = take the general path.
 */
function plainDecimal(s: string): number | null | undefined {
	const n = s.length;
	if (n === 0 || n > 20) return undefined;
	let i = s.charCodeAt(0) === 45 /* - */ ? 1 : 0;
	if (i === n) return undefined;
	let dot = false;
	let digit = false;
	for (; i < n; i++) {
		const c = s.charCodeAt(i);
		if (c >= 48 && c <= 57) digit = true;
		else if (c === 46 /* . */ && !dot) dot = true;
		else return undefined;
	}
	return digit ? Number(s) : undefined;
}

/**
 * string2d (getDoubleFromObject): the whole string must be one strtod number, with no leading
 * space, no overflow or underflow to zero, and not NaN. Returns null when it is not.
 */
export function string2d(s: string): number | null {
	const fast = plainDecimal(s);
	if (fast !== undefined) return fast;
	if (s.length === 0 || SPACE.exec(s)![0].length > 0) return null;
	const r = strtod(s);
	if (r.end !== s.length || r.range || Number.isNaN(r.value)) return null;
	return r.value;
}

/**
 * printf's "%.17g", as addReplyDouble writes a score. toExponential rounds exact ties up where
 * glibc rounds them to even, so a value whose 18th digit is a 5 takes the exact (slower) path.
 */
export function formatDouble(x: number): string {
	if (Number.isInteger(x) && Math.abs(x) < 1e17) {
		if (Object.is(x, -0)) return '-0';
		// String() is exact below 2^53; above, it may print the shortest digits, not the exact ones.
		return Math.abs(x) <= 9007199254740992 ? String(x) : BigInt(x).toString();
	}
	if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
	const e18 = x.toExponential(17);
	if (e18.charCodeAt(e18.indexOf('e') - 1) === 53 /* 5 */) return g17(x);
	const e17 = x.toExponential(16);
	const at = e17.indexOf('e');
	const exp = Number(e17.slice(at + 1));
	const neg = x < 0;
	const digits = e17
		.slice(neg ? 1 : 0, at)
		.replace('.', '')
		.replace(/0+$/, '');
	const sign = neg ? '-' : '';
	if (exp < -4 || exp >= 17) {
		const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
		return `${sign}${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
	}
	if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
	const int = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
	const frac = digits.slice(exp + 1);
	return sign + (frac ? `${int}.${frac}` : int);
}

/**
 * d2string: how a listpack stores a score. Integers strictly inside ±2^52 are printed as
 * integers (so the listpack can store them as integers), everything else as "%.17g".
 */
export function d2string(x: number): string {
	if (x === 0) return Object.is(x, -0) ? '-0' : '0';
	if (x > -4503599627370495 && x < 4503599627370496 && Number.isInteger(x)) return String(x);
	return formatDouble(x);
}
