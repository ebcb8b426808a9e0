// What the console adds under redis-cli's `help <command>` for the commands learners trip over:
// the special replies of the TTL family, where to find a Unix time for the *AT commands, how bits
// are numbered and counted, and that SORT is numeric unless told otherwise.
// redis-cli itself prints only the syntax block, so the REPL leaves these out.

const NOW =
	'The clock in the header shows the current Unix time in seconds ("unix …"), and TIME ' +
	'replies with it too (its first line): add the seconds you want to it.';

const MISSING_OR_PERSISTENT =
	'-2 means the key does not exist (never set, deleted, or already expired); ' +
	'-1 means it exists but has no TTL.';

const NOTES: Readonly<Record<string, readonly string[]>> = {
	TTL: [
		`Replies the seconds the key has left to live, rounded to the nearest second. ${MISSING_OR_PERSISTENT}`,
		'PTTL gives the same in milliseconds; EXPIRETIME gives the Unix time it expires at.',
	],
	PTTL: [`Replies the milliseconds the key has left to live. ${MISSING_OR_PERSISTENT}`],
	EXPIREAT: [
		'Takes an absolute Unix time in seconds, not a number of seconds from now (that is EXPIRE). ' +
			NOW,
		'Replies 1 when the TTL was set, 0 when the key does not exist or NX/XX/GT/LT refused. ' +
			'A time already past deletes the key at once.',
		`Check it with TTL or EXPIRETIME: ${MISSING_OR_PERSISTENT}`,
	],
	PEXPIREAT: [
		"Takes an absolute Unix time in milliseconds: the header's Unix seconds × 1000.",
		`Check it with PTTL or PEXPIRETIME: ${MISSING_OR_PERSISTENT}`,
	],
	EXPIRETIME: [
		`Replies the Unix time in seconds at which the key expires. ${MISSING_OR_PERSISTENT} ` +
			'Compare it with the Unix time in the header (or the first line of TIME).',
	],
	PEXPIRETIME: [
		`Replies the Unix time in milliseconds at which the key expires. ${MISSING_OR_PERSISTENT}`,
	],
	SETBIT: [
		'Bit 0 is the most significant bit of the first byte: SETBIT k 7 1 on a new key makes "\\x01". ' +
			'Setting a bit past the end pads the string with zero bytes. Replies the bit it replaced.',
	],
	BITCOUNT: [
		'start and end count bytes, not bits, unless BIT follows them; negative ones count from the end.',
	],
	BITPOS: [
		'start and end count bytes unless BIT follows them. Looking for 0 in a string of ones replies ' +
			'the first bit past its end, unless an end was given: then -1.',
	],
	BITFIELD: [
		'Types are i1…i64 (signed) and u1…u63 (unsigned; there is no u64). An offset #n means the ' +
			'n-th field of that width: #2 with u8 is bit 16.',
		'OVERFLOW WRAP (the default), SAT or FAIL applies to the SET and INCRBY after it; FAIL ' +
			'replies nil and writes nothing.',
	],
	SORT: [
		'Sorts numerically unless ALPHA is given: sorting words without it fails with ' +
			'"One or more scores can\'t be converted into double".',
		'BY nosort keeps a list or sorted set in its own order; GET # is the element itself, ' +
			'GET user:*->name a field of the hash each element names.',
	],
};

/** The console's notes for a `help` topic (none for most commands). */
export function helpNotes(command: string): readonly string[] {
	return NOTES[command.toUpperCase()] ?? [];
}
