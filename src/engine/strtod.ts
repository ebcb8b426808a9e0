// Mirrors the double helpers of src/util.c and networking.c that sorted sets lean on: glibc's strtod
// grammar (string2d, zslParseRange), d2string (the listpack's score text) and "%.17g" (the reply).
import { g17 } from './commands/info-format.ts';

/** strtod's result: the value and how many characters it consumed (0 = no conversion). */
export interface Strtod {
	readonly value: number;
	readonly end: number;
	/** errno == ERANGE: the literal overflowed to ±HUGE_VAL or a non-zero literal underflowed to 0. */
	readonly range: boolean;
	/**
	 * glibc also sets ERANGE for a result below DBL_MIN that had to be rounded (a subnormal that
	 * is not exactly the literal). string2d lets it through (getDoubleFromObject accepts any
	 * underflow that is not to zero); SORT, which tests errno alone, does not.
	 */
	readonly tiny: boolean;
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
	if (m) {
		const value = m[1] === '-' ? -Infinity : Infinity;
		return { value, end: lead + m[0].length, range: false, tiny: false };
	}
	m = NAN.exec(rest);
	if (m) return { value: NaN, end: lead + m[0].length, range: false, tiny: false };
	m = HEX.exec(rest);
	if (m && /[0-9a-fA-F]/.test(m[2]!)) {
		const value = hexValue(m[1]!, m[2]!, m[3]);
		const mantZero = !/[1-9a-fA-F]/.test(m[2]!);
		const tiny = isSubnormal(value) && !hexIsExact(m[2]!, m[3]);
		return { value, end: lead + m[0].length, range: rangeError(value, mantZero), tiny };
	}
	m = DEC.exec(rest);
	if (!m) return { value: 0, end: 0, range: false, tiny: false };
	const value = Number(m[0]);
	const mantZero = !/[1-9]/.test(m[0].replace(/[eE].*$/, ''));
	const tiny = isSubnormal(value) && !decimalIsExact(m[0], value);
	return { value, end: lead + m[0].length, range: rangeError(value, mantZero), tiny };
}

const rangeError = (v: number, mantZero: boolean) => !Number.isFinite(v) || (v === 0 && !mantZero);

/** DBL_MIN: the smallest normal double. */
const DBL_MIN = 2 ** -1022;
const isSubnormal = (v: number) => v !== 0 && Math.abs(v) < DBL_MIN;

/** A subnormal's integer significand: |v| / 2^-1074, exact (scaling by powers of two). */
const subnormalUnits = (v: number) => BigInt(Math.abs(v) * 2 ** 1000 * 2 ** 74);

/** Does a decimal literal whose value came out subnormal name that double exactly? */
function decimalIsExact(literal: string, v: number): boolean {
	const [mantissa, exp = '0'] = literal.replace(/^[+-]/, '').split(/[eE]/);
	const dot = mantissa!.indexOf('.');
	const digits = dot < 0 ? mantissa! : mantissa!.slice(0, dot) + mantissa!.slice(dot + 1);
	const k = Number(exp) - (dot < 0 ? 0 : mantissa!.length - dot - 1);
	// literal = D × 10^k and v = m × 2^-1074; with k < 0 they are equal when D × 2^1074 = m × 10^-k.
	if (k >= 0) return false;
	return BigInt(digits) * 2n ** 1074n === subnormalUnits(v) * 10n ** BigInt(-k);
}

/** Does a hex literal whose value came out subnormal fit a subnormal's 52 bits exactly? */
function hexIsExact(digits: string, exp: string | undefined): boolean {
	const dot = digits.indexOf('.');
	const int = dot < 0 ? digits : digits.slice(0, dot) + digits.slice(dot + 1);
	const e = (exp === undefined ? 0 : Number(exp)) - 4 * (dot < 0 ? 0 : digits.length - dot - 1);
	// literal = M × 2^e: exact when the bits of M below 2^-1074 are zero.
	const below = -1074 - e;
	return below <= 0 || BigInt(`0x${int}`) % 2n ** BigInt(below) === 0n;
}

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
