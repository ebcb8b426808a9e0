// Mirrors redactClientCommandArgument in src/networking.c: the arguments a command marks as secret
// while it parses them, which the slow log and MONITOR then show as "(redacted)".

/** Configuration parameters whose values CONFIG SET keeps out of logs (SENSITIVE_CONFIG). */
const SENSITIVE_CONFIG = new Set(['requirepass', 'masterauth', 'masteruser']);

/**
 * The argument positions a command redacts (redactClientCommandArgument) as it parses them: all
 * of AUTH's, the user and password after each of HELLO's AUTH (up to the first option it cannot
 * read), a sensitive parameter's value in CONFIG SET.
 */
function redactedPositions(argv: readonly string[]): number[] {
	const name = (argv[0] ?? '').toLowerCase();
	if (name === 'auth') return argv.slice(1).map((_, i) => i + 1);
	if (name === 'hello') {
		const out: number[] = [];
		// helloCommand returns before its options unless the version is exactly 2 or 3.
		if (argv[1] !== '2' && argv[1] !== '3') return out;
		for (let j = 2; j < argv.length; j++) {
			const opt = argv[j]!.toLowerCase();
			const more = argv.length - j - 1;
			if (opt === 'auth' && more >= 2) {
				out.push(j + 1, j + 2);
				j += 2;
			} else if (opt === 'setname' && more >= 1) j++;
			else break;
		}
		return out;
	}
	// configSetCommand redacts every sensitive value, past an unknown name too, once its argument
	// count is even (an odd one is refused before).
	if (name === 'config' && (argv[1] ?? '').toLowerCase() === 'set' && argv.length % 2 === 0) {
		const out: number[] = [];
		for (let j = 2; j + 1 < argv.length; j += 2)
			if (SENSITIVE_CONFIG.has(argv[j]!.toLowerCase())) out.push(j + 1);
		return out;
	}
	return [];
}

/** argv as logs show it: redacted where the command asked. */
export function loggedArgv(argv: readonly string[]): readonly string[] {
	const hidden = redactedPositions(argv);
	if (hidden.length === 0) return argv;
	const out = [...argv];
	for (const i of hidden) out[i] = '(redacted)';
	return out;
}
