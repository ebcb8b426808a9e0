// The `!strcasecmp(c->argv[j]->ptr, "withscores")` test that Redis's commands use to read their
// options (src/t_zset.c and others), without building a lower-cased copy of every argument.

/**
 * Whether `arg` names the option `name` (lower-case ASCII letters only) as strcasecmp sees it:
 * letters in either case, and, since an sds is read as a C string, an argument ends at its first
 * NUL ("WITHSCORES\0x" is WITHSCORES on a real server).
 */
export function optionIs(arg: string, name: string): boolean {
	const n = name.length;
	if (arg.length < n || (arg.length > n && arg.charCodeAt(n) !== 0)) return false;
	for (let i = 0; i < n; i++) {
		// OR-ing 0x20 lower-cases a letter; for a name made of letters only nothing else matches.
		if ((arg.charCodeAt(i) | 0x20) !== name.charCodeAt(i)) return false;
	}
	return true;
}
