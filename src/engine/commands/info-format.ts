// Mirrors the printf formats src/server.c's genRedisInfoString and the RESP double writer use:
// `%.2f` (ratios, percentages) and `%.17g` (MEMORY STATS floats).

/**
 * printf's `%.Nf`: like toFixed, but an exact tie rounds to even as glibc does (0.125 → "0.12"),
 * where toFixed would round it up.
 */
export function fixed(x: number, digits = 2): string {
	const scale = 10 ** digits;
	const twice = x * scale * 2;
	if (Number.isInteger(twice) && twice % 2 !== 0) {
		const down = Math.floor(x * scale);
		const even = down % 2 === 0 ? down : down + 1;
		return (even / scale).toFixed(digits);
	}
	return x.toFixed(digits);
}

/** printf's `%.17g`: 17 significant digits, trailing zeros dropped, exponent form outside 1e-4..1e17. */
export function g17(x: number): string {
	if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
	if (x === 0) return '0';
	const exp = Math.floor(Math.log10(Math.abs(x)));
	if (exp < -4 || exp >= 17) {
		const [mant = '', e = '0'] = x.toExponential(16).split('e');
		const n = Number(e);
		return `${trimZeros(mant)}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
	}
	return trimZeros(x.toPrecision(17));
}

function trimZeros(s: string): string {
	return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** A section's fields as INFO writes them: `name:value` lines, each ended by CRLF. */
export function fieldLines(fields: readonly (readonly [string, string | number])[]): string {
	let out = '';
	for (const [name, value] of fields) out += `${name}:${value}\r\n`;
	return out;
}
