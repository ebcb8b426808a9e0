// The `!strcasecmp(c->argv[j]->ptr, "withscores")` test that Redis's commands use to read their
// options (src/t_zset.c and others), without building a lower-cased copy of every argument.

/** An option's name in lower-case ASCII letters, and the upper-case spelling clients mostly send. */
export interface OptionName {
	readonly lower: string;
	readonly upper: string;
}

export function optionName(lower: string): OptionName {
	return { lower, upper: lower.toUpperCase() };
}

/**
 * Whether `arg` names the option `name` as strcasecmp sees it: letters in either case, and, since
 * an sds is read as a C string, an argument ends at its first NUL ("WITHSCORES\0x" is WITHSCORES
 * on a real server).
 */
export function optionIs(arg: string, name: OptionName): boolean {
	const lower = name.lower;
	const n = lower.length;
	// Most arguments an option test meets are other options, of other lengths: turned away on
	// the length alone, before any call. Then whole-string compares: V8 compares two flat strings
	// in one builtin call, where the loop below checks both strings' representation again for
	// every character (about 45 instructions a character, 400 of a ZRANGE … REV WITHSCORES).
	if (arg.length < n) return false;
	if (arg.length === n && (arg === name.upper || arg === lower)) return true;
	if (arg.length > n && arg.charCodeAt(n) !== 0) return false;
	for (let i = 0; i < n; i++) {
		// OR-ing 0x20 lower-cases a letter; for a name made of letters only nothing else matches.
		if ((arg.charCodeAt(i) | 0x20) !== lower.charCodeAt(i)) return false;
	}
	return true;
}
