// Mirrors stringmatchlen() in src/util.c: the glob matcher behind KEYS, SCAN MATCH and CONFIG GET.
// `*` `?` `[abc]` `[^a]` `[a-z]` and backslash escapes, with Redis's exact edge cases.

/** Patterns nested deeper than this (one level per `*`) never match, as in Redis 7.0. */
const MAX_NESTING = 1000;

/**
 * Does `string` match the glob `pattern`? Both are binary strings (one char per byte).
 *
 * The edge cases are Redis's, not a textbook glob's: an unclosed `[` runs to the end of the
 * pattern, a reversed range `[z-a]` is swapped, a trailing lone `\` matches a literal backslash,
 * and `*` alone does not match the empty string (KEYS and SCAN shortcut the pattern `*` before
 * calling this). Bytes compare as C's signed `char`, so ranges reaching past 0x7f behave as in
 * Redis; `nocase` folds ASCII letters only (glibc tolower on the C locale).
 */
export function stringMatch(pattern: string, string: string, nocase = false): boolean {
	const state = { skipLongerMatches: false };
	return matchFrom(pattern, 0, string, 0, nocase, state, 0);
}

/** A byte as C's signed char; past the end it reads the terminating NUL, as sds strings do. */
function charAt(s: string, i: number): number {
	if (i >= s.length) return 0;
	const c = s.charCodeAt(i) & 0xff;
	return c > 127 ? c - 256 : c;
}

/** tolower() for the C locale; negative (high) bytes pass through unchanged. */
function lower(c: number): number {
	return c >= 65 && c <= 90 ? c + 32 : c;
}

function same(a: number, b: number, nocase: boolean): boolean {
	return nocase ? lower(a) === lower(b) : a === b;
}

function matchFrom(
	pat: string,
	p: number,
	str: string,
	s: number,
	nocase: boolean,
	state: { skipLongerMatches: boolean },
	nesting: number,
): boolean {
	if (nesting > MAX_NESTING) return false;
	const pEnd = pat.length;
	const sEnd = str.length;
	while (p < pEnd && s < sEnd) {
		const pc = charAt(pat, p);
		if (pc === 42 /* * */) {
			while (p < pEnd && charAt(pat, p + 1) === 42) p++;
			if (pEnd - p === 1) return true;
			while (s < sEnd) {
				if (matchFrom(pat, p + 1, str, s, nocase, state, nesting + 1)) return true;
				// No match for the rest anywhere later either: a longer `*` cannot help.
				if (state.skipLongerMatches) return false;
				s++;
			}
			state.skipLongerMatches = true;
			return false;
		} else if (pc === 63 /* ? */) {
			s++;
		} else if (pc === 91 /* [ */) {
			p++;
			const not = charAt(pat, p) === 94; /* ^ */
			if (not) p++;
			let match = false;
			const c = charAt(str, s);
			for (;;) {
				const here = charAt(pat, p);
				if (here === 92 /* \ */ && pEnd - p >= 2) {
					p++;
					if (charAt(pat, p) === c) match = true;
				} else if (here === 93 /* ] */) {
					break;
				} else if (p >= pEnd) {
					// Unclosed class: step back so the outer p++ lands on the end.
					p--;
					break;
				} else if (pEnd - p >= 3 && charAt(pat, p + 1) === 45 /* - */) {
					let start = here;
					let end = charAt(pat, p + 2);
					if (start > end) [start, end] = [end, start];
					const x = nocase ? lower(c) : c;
					if (nocase) {
						start = lower(start);
						end = lower(end);
					}
					p += 2;
					if (x >= start && x <= end) match = true;
				} else if (same(here, c, nocase)) {
					match = true;
				}
				p++;
			}
			if (not) match = !match;
			if (!match) return false;
			s++;
		} else {
			if (pc === 92 /* \ */ && pEnd - p >= 2) p++;
			if (!same(charAt(pat, p), charAt(str, s), nocase)) return false;
			s++;
		}
		p++;
		if (s >= sEnd) {
			while (charAt(pat, p) === 42 && p < pEnd) p++;
			break;
		}
	}
	return p >= pEnd && s >= sEnd;
}
