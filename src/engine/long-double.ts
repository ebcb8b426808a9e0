// Mirrors the `long double` maths INCRBYFLOAT relies on (util.c string2ld / ld2string on x86-64):
// the x87 80-bit extended format, emulated exactly with BigInt.
//
// An extended value is m × 2^e with a 64-bit mantissa m. Every operation here first computes the
// exact rational result and then rounds it once, to nearest with ties to even, which is what the
// x87 FPU does at 64-bit precision and what glibc's strtold does when it reads decimal text.
// Values below 2^-16382 lose precision gradually (subnormals, down to 2^-16445); values that
// round to 2^16384 or more become infinite. Printing with "%.17Lf" is an exact decimal expansion
// rounded to 17 places (glibc rounds exact ties to even too), so nothing here touches a JS double.

export type LongDouble =
	| { readonly kind: 'finite'; readonly negative: boolean; readonly m: bigint; readonly e: number }
	| { readonly kind: 'inf'; readonly negative: boolean }
	| { readonly kind: 'nan' };

/** LDBL_MANT_DIG: bits in the x87 extended mantissa (the integer bit included). */
const MANT_DIG = 64;
/** Exponent of the last mantissa bit of the smallest subnormal (2^-16445). */
const MIN_LSB_EXP = -16445;
/** Values at or above 2^LDBL_MAX_EXP overflow to infinity. */
const LDBL_MAX_EXP = 16384;
/** MAX_LONG_DOUBLE_CHARS: string2ld refuses input this long or longer. */
export const MAX_LONG_DOUBLE_CHARS = 5 * 1024;

const ZERO: LongDouble = Object.freeze({ kind: 'finite', negative: false, m: 0n, e: 0 });

function bitLength(n: bigint): number {
	return n === 0n ? 0 : n.toString(2).length;
}

/**
 * The extended value nearest to (num / den) × 2^exp2, num ≥ 0, den > 0: scale the quotient to 64
 * significant bits (fewer below the subnormal threshold), then round half to even on the remainder.
 */
export function roundToExtended(
	negative: boolean,
	num: bigint,
	den: bigint,
	exp2: number,
): LongDouble {
	if (num === 0n) return { kind: 'finite', negative, m: 0n, e: 0 };
	// Choose k so that q = num·2^k / den has exactly MANT_DIG bits; the result is q × 2^(exp2 − k).
	let k = MANT_DIG - (bitLength(num) - bitLength(den));
	const quotient = (shift: number) =>
		shift >= 0 ? (num << BigInt(shift)) / den : num / (den << BigInt(-shift));
	if (quotient(k) >= 1n << BigInt(MANT_DIG)) k--;
	else if (quotient(k) < 1n << BigInt(MANT_DIG - 1)) k++;
	if (exp2 - k < MIN_LSB_EXP) k = exp2 - MIN_LSB_EXP;
	const scaledNum = k >= 0 ? num << BigInt(k) : num;
	const scaledDen = k >= 0 ? den : den << BigInt(-k);
	let q = scaledNum / scaledDen;
	const twiceRem = (scaledNum - q * scaledDen) * 2n;
	if (twiceRem > scaledDen || (twiceRem === scaledDen && (q & 1n) === 1n)) q++;
	let e = exp2 - k;
	if (q === 1n << BigInt(MANT_DIG)) {
		q >>= 1n;
		e++;
	}
	if (q === 0n) return { kind: 'finite', negative, m: 0n, e: 0 };
	if (e + bitLength(q) > LDBL_MAX_EXP) return { kind: 'inf', negative };
	return { kind: 'finite', negative, m: q, e };
}

const DECIMAL = /^([+-]?)(?:(\d+)\.?(\d*)|\.(\d+))(?:[eE]([+-]?\d+))?$/;
const HEX = /^([+-]?)0[xX](?:([0-9a-fA-F]+)\.?([0-9a-fA-F]*)|\.([0-9a-fA-F]+))(?:[pP]([+-]?\d+))?$/;
const INFINITY = /^([+-]?)(?:inf|infinity)$/i;

/** An exponent written in the input, clamped far beyond any that could still give a finite value. */
function clampedExponent(text: string | undefined): number {
	if (text === undefined) return 0;
	const n = Number(text);
	return Math.max(-1e5, Math.min(1e5, n));
}

/**
 * string2ld: strtold over the whole string (decimal, hex with a binary exponent, inf/infinity), as
 * Redis accepts it — no leading space, nothing left over, not NaN, and no overflow or underflow
 * to zero (ERANGE). Returns null where Redis replies "value is not a valid float".
 */
export function parseLongDouble(s: string): LongDouble | null {
	if (s.length === 0 || s.length >= MAX_LONG_DOUBLE_CHARS) return null;
	const inf = INFINITY.exec(s);
	if (inf) return { kind: 'inf', negative: inf[1] === '-' };
	const dec = DECIMAL.exec(s);
	const hex = dec ? null : HEX.exec(s);
	const match = dec ?? hex;
	if (!match) return null;
	const negative = match[1] === '-';
	const intDigits = match[2] ?? '';
	const fracDigits = match[3] ?? match[4] ?? '';
	const mantissa = BigInt((dec ? '' : '0x') + ((intDigits + fracDigits).replace(/^0+/, '') || '0'));
	if (mantissa === 0n) return { kind: 'finite', negative, m: 0n, e: 0 };
	const exp = clampedExponent(match[5]);
	let result: LongDouble;
	if (hex) {
		result = roundToExtended(negative, mantissa, 1n, exp - 4 * fracDigits.length);
	} else {
		const exp10 = exp - fracDigits.length;
		// Magnitude guard: keep 10^n affordable; anything this far out is ±inf or 0 anyway.
		const magnitude = exp10 + mantissa.toString().length;
		if (magnitude > 5000) return null;
		if (magnitude < -5000) return null;
		result =
			exp10 >= 0
				? roundToExtended(negative, mantissa * 10n ** BigInt(exp10), 1n, 0)
				: roundToExtended(negative, mantissa, 10n ** BigInt(-exp10), 0);
	}
	if (result.kind === 'inf' || (result.kind === 'finite' && result.m === 0n)) return null;
	return result;
}

/** The x87 sum a + b, rounded once. */
export function addLongDouble(a: LongDouble, b: LongDouble): LongDouble {
	if (a.kind === 'nan' || b.kind === 'nan') return { kind: 'nan' };
	if (a.kind === 'inf' || b.kind === 'inf') {
		if (a.kind === 'inf' && b.kind === 'inf' && a.negative !== b.negative) return { kind: 'nan' };
		return a.kind === 'inf' ? a : b;
	}
	if (a.m === 0n) return b.m === 0n ? { ...a, negative: a.negative && b.negative } : b;
	if (b.m === 0n) return a;
	const e = Math.min(a.e, b.e);
	const sa = (a.negative ? -a.m : a.m) << BigInt(a.e - e);
	const sb = (b.negative ? -b.m : b.m) << BigInt(b.e - e);
	const sum = sa + sb;
	if (sum === 0n) return ZERO;
	return roundToExtended(sum < 0n, sum < 0n ? -sum : sum, 1n, e);
}

export const isFiniteLongDouble = (x: LongDouble): boolean => x.kind === 'finite';

/**
 * ld2string(LD_STR_HUMAN): printf("%.17Lf") — never an exponent, so 2e308 prints all 309
 * digits — then trailing zeros and a bare point dropped, and "-0" written as "0".
 */
export function formatLongDouble(x: LongDouble): string {
	if (x.kind === 'nan') return 'nan';
	if (x.kind === 'inf') return x.negative ? '-inf' : 'inf';
	const sign = x.negative ? '-' : '';
	let text: string;
	if (x.e >= 0) {
		text = `${sign}${x.m << BigInt(x.e)}`;
	} else {
		const shift = BigInt(-x.e);
		const scaled = x.m * 10n ** 17n;
		let q = scaled >> shift;
		const rem = scaled - (q << shift);
		const half = 1n << (shift - 1n);
		if (rem > half || (rem === half && (q & 1n) === 1n)) q++;
		const digits = q.toString().padStart(18, '0');
		const frac = digits.slice(-17).replace(/0+$/, '');
		text = `${sign}${digits.slice(0, -17)}${frac ? `.${frac}` : ''}`;
	}
	return text === '-0' ? '0' : text;
}
