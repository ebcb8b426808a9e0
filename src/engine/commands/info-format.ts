// Mirrors the printf formats src/server.c's genRedisInfoString and the RESP double writer use:
// `%.2f` (ratios, percentages) and `%.17g` (MEMORY STATS floats). glibc rounds the exact binary
// value half to even, where toFixed/toPrecision round ties up, so both work on exact decimals.

/** |x| as an exact decimal: n × 10^-k (every finite double is one). */
function exact(x: number): { n: bigint; k: number } {
	const view = new DataView(new ArrayBuffer(8));
	view.setFloat64(0, Math.abs(x));
	const bits = view.getBigUint64(0);
	const biased = Number(bits >> 52n);
	let mant = bits & ((1n << 52n) - 1n);
	let e = biased - 1075;
	if (biased === 0) e = -1074;
	else mant |= 1n << 52n;
	if (e >= 0) return { n: mant << BigInt(e), k: 0 };
	return { n: mant * 5n ** BigInt(-e), k: -e };
}

/** n / 10^drop rounded half to even. */
function roundDrop(n: bigint, drop: number): bigint {
	if (drop <= 0) return n * 10n ** BigInt(-drop);
	const div = 10n ** BigInt(drop);
	const q = n / div;
	const twice = (n % div) * 2n;
	return twice > div || (twice === div && q % 2n === 1n) ? q + 1n : q;
}

/** printf's `%.Nf`. */
export function fixed(x: number, digits = 2): string {
	const { n, k } = exact(x);
	const q = roundDrop(n, k - digits)
		.toString()
		.padStart(digits + 1, '0');
	const sign = x < 0 && /[1-9]/.test(q) ? '-' : '';
	if (digits === 0) return sign + q;
	return `${sign}${q.slice(0, -digits)}.${q.slice(-digits)}`;
}

/** printf's `%.17g`: 17 significant digits, trailing zeros dropped, exponent form outside 1e-4..1e17. */
export function g17(x: number): string {
	if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
	if (x === 0) return '0';
	const { n, k } = exact(x);
	const len = n.toString().length;
	let digits = roundDrop(n, len - 17).toString();
	let exp = len - k - 1;
	if (digits.length > 17) {
		digits = digits.slice(0, 17);
		exp++;
	}
	const sign = x < 0 ? '-' : '';
	const trimmed = digits.replace(/0+$/, '');
	if (exp < -4 || exp >= 17) {
		const mant = trimmed.length > 1 ? `${trimmed[0]}.${trimmed.slice(1)}` : trimmed;
		return `${sign}${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
	}
	if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${trimmed}`;
	const int = trimmed.slice(0, exp + 1).padEnd(exp + 1, '0');
	const frac = trimmed.slice(exp + 1);
	return sign + (frac ? `${int}.${frac}` : int);
}

/** A section's fields as INFO writes them: `name:value` lines, each ended by CRLF. */
export function fieldLines(fields: readonly (readonly [string, string | number])[]): string {
	let out = '';
	for (const [name, value] of fields) out += `${name}:${value}\r\n`;
	return out;
}
