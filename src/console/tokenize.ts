// Line splitting exactly as redis-cli does it: sds.c `sdssplitargs` (called by redis-cli's
// `cliSplitArgs`), plus helpers that explain a rejected line and propose a quoted one.
import { binaryToUtf8, utf8ToBinary } from './bytes.ts';

/** Where and why `sdssplitargs` gave up; offsets index the UTF-8 byte string. */
export interface SplitError {
	readonly kind: 'unterminated' | 'closing-quote';
	readonly tokenStart: number; // first byte of the token that failed
	readonly quoteStart: number; // the opening quote of the failing quoted part
	readonly at: number; // the closing quote (closing-quote) or the end of line (unterminated)
}

export type SplitResult =
	{ readonly ok: true; readonly args: string[] } | ({ readonly ok: false } & SplitError);

const isHex = (c: string): boolean => /^[0-9a-fA-F]$/.test(c);
/** C isspace() in the C locale. */
const isSpace = (c: string): boolean => c !== '' && ' \t\n\v\f\r'.includes(c);
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', a: '\x07' };

/** `sdssplitargs` over a binary string; a NUL byte ends the line as it does in C. */
export function scanArgs(input: string): SplitResult {
	const nul = input.indexOf('\0');
	const line = nul === -1 ? input : input.slice(0, nul);
	const at = (i: number): string => line.charAt(i); // '' past the end, like C's '\0'
	const args: string[] = [];
	let p = 0;
	for (;;) {
		while (isSpace(at(p))) p++;
		if (p >= line.length) return { ok: true, args };
		const tokenStart = p;
		let quoteStart = -1;
		let inq = false;
		let insq = false;
		let current = '';
		for (let done = false; !done;) {
			const c = at(p);
			if (inq) {
				if (c === '\\' && at(p + 1) === 'x' && isHex(at(p + 2)) && isHex(at(p + 3))) {
					current += String.fromCharCode(parseInt(line.slice(p + 2, p + 4), 16));
					p += 3;
				} else if (c === '\\' && at(p + 1) !== '') {
					p++;
					current += ESCAPES[at(p)] ?? at(p);
				} else if (c === '"') {
					if (at(p + 1) !== '' && !isSpace(at(p + 1))) {
						return { ok: false, kind: 'closing-quote', tokenStart, quoteStart, at: p };
					}
					done = true;
				} else if (c === '') {
					return { ok: false, kind: 'unterminated', tokenStart, quoteStart, at: p };
				} else current += c;
			} else if (insq) {
				if (c === '\\' && at(p + 1) === "'") {
					p++;
					current += "'";
				} else if (c === "'") {
					if (at(p + 1) !== '' && !isSpace(at(p + 1))) {
						return { ok: false, kind: 'closing-quote', tokenStart, quoteStart, at: p };
					}
					done = true;
				} else if (c === '') {
					return { ok: false, kind: 'unterminated', tokenStart, quoteStart, at: p };
				} else current += c;
			} else if (c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '') {
				done = true; // only these four end a bare token; \v and \f stay in it
			} else if (c === '"' || c === "'") {
				inq = c === '"';
				insq = c === "'";
				quoteStart = p;
			} else current += c;
			if (p < line.length) p++;
		}
		args.push(current);
	}
}

/** Splits a typed line into binary-string arguments, or null where redis-cli prints
 * `Invalid argument(s)`. */
export function splitArgs(line: string): string[] | null {
	const result = scanArgs(utf8ToBinary(line));
	return result.ok ? result.args : null;
}

/** One sentence on why redis-cli rejects `line`, or null when the line splits fine. */
export function explainSplitError(line: string): string | null {
	const bin = utf8ToBinary(line);
	const r = scanArgs(bin);
	if (r.ok) return null;
	const quote = bin.charAt(r.quoteStart);
	if (r.kind === 'unterminated') {
		const opened = binaryToUtf8(bin.slice(r.quoteStart, r.quoteStart + 12));
		return (
			`The ${quote} that opens ${opened}… is never closed, so redis-cli rejects the ` +
			`whole line and sends nothing.`
		);
	}
	const quoted = binaryToUtf8(bin.slice(r.quoteStart, r.at + 1));
	const rest = bin.slice(r.at + 1).split(/[ \t\n\r\v\f]/)[0] ?? '';
	return (
		`redis-cli takes ${quoted} as a complete quoted part, but a closing quote must be followed ` +
		`by a space or the end of the line and this one runs straight into ${binaryToUtf8(rest)}, ` +
		`so the whole line is rejected and nothing is sent.`
	);
}

/** A corrected line for one that failed to split: the value from the failing argument to
 * the end of the line, single-quoted (or double-quoted with escapes when it holds a `'`).
 * Returns null when the line is fine or no safe fix is found. */
export function suggestQuoting(line: string): string | null {
	const bin = utf8ToBinary(line);
	const r = scanArgs(bin);
	if (r.ok) return null;
	let value = bin.slice(r.tokenStart).replace(/[ \t\n\r\v\f]+$/, '');
	const q = value.charAt(0);
	if (value.length >= 2 && (q === '"' || q === "'") && value.endsWith(q)) {
		value = value.slice(1, -1); // the user meant the outer quotes to wrap the value
	}
	const single = `'${value}'`;
	const double = `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
	for (const fixed of value.includes("'") ? [double] : [single, double]) {
		const candidate = bin.slice(0, r.tokenStart) + fixed;
		if (scanArgs(candidate).ok) return binaryToUtf8(candidate);
	}
	return null;
}
