// Mirrors the value parsers of src/config.c: yesnotoi, memtoull, numericParseString with its
// boundary check, enumConfigSet, and the special setters (save, bind, client-output-buffer-limit,
// notify-keyspace-events, …). Each answers the canonical text CONFIG GET prints afterwards, or the
// reason Redis gives after "CONFIG SET failed (possibly related to argument 'x') - ".
import { parseStrictInt64 } from './object.ts';

export type Parsed = { ok: true; value: string } | { ok: false; reason: string };

const ok = (value: string): Parsed => ({ ok: true, value });
const no = (reason: string): Parsed => ({ ok: false, reason });

export function parseBool(raw: string): Parsed {
	const v = raw.toLowerCase();
	return v === 'yes' || v === 'no' ? ok(v) : no("argument must be 'yes' or 'no'");
}

const MEMORY_UNITS: Record<string, bigint> = {
	'': 1n,
	b: 1n,
	k: 1000n,
	kb: 1024n,
	m: 1000n ** 2n,
	mb: 1024n ** 2n,
	g: 1000n ** 3n,
	gb: 1024n ** 3n,
};
const U64 = 2n ** 64n;
const I64 = 2n ** 63n;

/**
 * memtoull: digits then an optional unit, case-insensitive; no sign, no fraction. strtoull reads
 * missing digits ("", "mb") as 0.
 */
export function memtoull(raw: string): bigint | null {
	const m = /^(\d*)([a-z]*)$/i.exec(raw);
	if (!m) return null;
	const unit = MEMORY_UNITS[m[2]!.toLowerCase()];
	if (unit === undefined) return null;
	// strtoull saturates at ULLONG_MAX on overflow; the unit multiplication then wraps.
	const digits = BigInt(m[1] || '0');
	return ((digits < U64 ? digits : U64 - 1n) * unit) % U64;
}

export interface NumericRule {
	readonly min: bigint;
	readonly max: bigint;
	readonly memory?: boolean;
	readonly percent?: boolean;
	/** An in-range value is narrowed silently (hz keeps within 1..500). */
	readonly clamp?: readonly [bigint, bigint];
}

/**
 * numericParseString + numericBoundaryCheck. A memory value at or past 2^63 turns negative in the
 * signed long long Redis checks (except for the unsigned 64-bit maxmemory-like parameters), and a
 * percentage is kept as a negative number, printed back as "N%".
 */
export function parseNumeric(raw: string, rule: NumericRule): Parsed {
	let v: bigint | null = null;
	if (rule.memory) {
		v = memtoull(raw);
		if (v !== null && v >= I64 && rule.max < I64) v -= U64;
	}
	if (v === null && rule.percent && raw.length > 1 && raw.endsWith('%')) {
		const p = parseStrictInt64(raw.slice(0, -1));
		if (p !== null && p >= 0n) v = -p;
	}
	if (v === null && !rule.memory && !rule.percent) v = parseStrictInt64(raw);
	if (v === null) {
		if (rule.memory && rule.percent) return no('argument must be a memory or percent value');
		if (rule.memory) return no('argument must be a memory value');
		return no("argument couldn't be parsed into an integer");
	}
	if (rule.percent && v < 0n) {
		if (v < rule.min) return no(`percentage argument must be less or equal to ${-rule.min}`);
		return ok(`${-v}%`);
	}
	if (v < rule.min || v > rule.max)
		return no(`argument must be between ${rule.min} and ${rule.max} inclusive`);
	if (rule.clamp) v = v < rule.clamp[0] ? rule.clamp[0] : v > rule.clamp[1] ? rule.clamp[1] : v;
	return ok(String(v));
}

/** enumConfigSet: one of the names, case-insensitive; the error lists them in table order. */
export function parseEnum(raw: string, values: readonly string[]): Parsed {
	const v = raw.toLowerCase();
	return values.includes(v) ? ok(v) : no(enumError(values));
}

const enumError = (values: readonly string[]) =>
	`argument(s) must be one of the following: ${values.join(', ')}`;

/** sdssplitlen on single spaces: "a  b" holds an empty word, as Redis splits it. */
const words = (raw: string): string[] => (raw === '' ? [] : raw.split(' '));

/** strtoll with the whole word consumed: leading blanks and a sign allowed, "" reads as 0. */
function strtoll(word: string): bigint | null {
	const m = /^[ \t\n\v\f\r]*([+-]?\d*)$/.exec(word);
	if (!m) return null;
	const digits = m[1]!.replace(/^[+-]/, '');
	if (digits === '' && m[1] !== '') return null;
	return digits === '' ? 0n : BigInt(m[1]!);
}

/** setConfigSaveOption: "" or pairs of seconds ≥ 1 and changes ≥ 0. */
function parseSave(raw: string): Parsed {
	const w = words(raw);
	if (w.length % 2 !== 0) return no('Invalid save parameters');
	const pairs: string[] = [];
	for (let j = 0; j < w.length; j++) {
		const v = strtoll(w[j]!);
		if (v === null || (j % 2 === 0 && v < 1n) || (j % 2 === 1 && v < 0n))
			return no('Invalid save parameters');
		pairs.push(String(v));
	}
	return ok(pairs.join(' '));
}

const OBUF_CLASSES = ['normal', 'slave', 'pubsub'] as const;

/**
 * updateClientOutputBufferLimit: groups of <class> <hard> <soft> <seconds>; only the classes named
 * change, so the answer is built from the current value.
 */
function parseObufLimit(raw: string, current: string): Parsed {
	const w = words(raw);
	if (w.length % 4 !== 0) return no('Wrong number of arguments in buffer limit configuration.');
	const now = words(current);
	const limits = new Map<string, string[]>();
	for (let i = 0; i + 3 < now.length; i += 4) limits.set(now[i]!, now.slice(i + 1, i + 4));
	for (let j = 0; j < w.length; j += 4) {
		let cls = w[j]!.toLowerCase();
		if (cls === 'replica') cls = 'slave';
		if (!(OBUF_CLASSES as readonly string[]).includes(cls))
			return no('Invalid client class specified in buffer limit configuration.');
		const hard = memtoull(w[j + 1]!);
		const soft = memtoull(w[j + 2]!);
		const secs = strtoll(w[j + 3]!);
		if (hard === null || soft === null || secs === null || secs < 0n)
			return no('Error in hard, soft or soft_seconds setting in buffer limit configuration.');
		limits.set(cls, [String(hard), String(soft), String(secs)]);
	}
	return ok(
		OBUF_CLASSES.map((c) => [c, ...(limits.get(c) ?? ['0', '0', '0'])].join(' ')).join(' '),
	);
}

function parseOomValues(raw: string): Parsed {
	const w = words(raw);
	if (w.length !== 3) return no('wrong number of arguments');
	const out: string[] = [];
	for (const word of w) {
		const v = strtoll(word);
		if (v === null || v < -2000n || v > 2000n)
			return no('Invalid oom-score-adj-values, elements must be between -2000 and 2000.');
		out.push(String(v));
	}
	return ok(out.join(' '));
}

/** keyspaceEventsStringToFlags, then keyspaceEventsFlagsToString's canonical order. */
function parseKeyspaceEvents(raw: string): Parsed {
	const classes = 'g$lshzxetd';
	const seen = new Set<string>();
	for (const ch of raw) {
		if (ch === 'A') for (const c of classes) seen.add(c);
		else if ((classes + 'KEmn').includes(ch)) seen.add(ch);
		else return no("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
	}
	const all = [...classes].every((c) => seen.has(c));
	let out = all ? 'A' : [...(classes + 'n')].filter((c) => seen.has(c)).join('');
	for (const c of 'KEm') if (seen.has(c)) out += c;
	return ok(out);
}

/** setConfigBindOption: up to 16 addresses; "" means none. Binding itself is not modelled. */
function parseBind(raw: string): Parsed {
	const w = words(raw);
	if (w.length > 16) return no('Too many bind addresses specified.');
	return ok(w.length === 1 && w[0] === '' ? '' : w.join(' '));
}

/** string2d as strtod reads it (decimal, exponent, hex), then %f with trailing zeros trimmed. */
function parsePercentiles(raw: string): Parsed {
	if (raw === '') return ok('');
	const out: string[] = [];
	for (const word of words(raw)) {
		const p = /^[+-]?0x[0-9a-f]+$/i.test(word)
			? Number.parseInt(word, 16)
			: /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(word)
				? Number(word)
				: NaN;
		if (Number.isNaN(p)) return no('Invalid latency-tracking-info-percentiles parameters');
		if (p > 100 || p < 0)
			return no('latency-tracking-info-percentiles parameters should sit between [0.0,100.0]');
		out.push(p.toFixed(6).replace(/\.?0+$/, ''));
	}
	return ok(out.join(' '));
}

const SHUTDOWN_FLAGS = ['default', 'save', 'nosave', 'now', 'force'] as const;

/** A flags enum (shutdown-on-sigint): several names, printed back in table order. */
function parseShutdownFlags(raw: string): Parsed {
	const w = words(raw).map((x) => x.toLowerCase());
	if (w.length === 0 || w.some((x) => !(SHUTDOWN_FLAGS as readonly string[]).includes(x)))
		return no(enumError(SHUTDOWN_FLAGS));
	if (w.includes('save') && w.includes('nosave'))
		return no("shutdown options SAVE and NOSAVE can't be used simultaneously");
	const set = SHUTDOWN_FLAGS.filter((f) => f !== 'default' && w.includes(f));
	return ok(set.length === 0 ? 'default' : set.join(' '));
}

/** isValidAnnouncedHostname. */
export function validateHostname(raw: string): string | null {
	if (raw.length >= 256) return 'Hostnames must be less than 256 characters';
	return /^[A-Za-z0-9.-]*$/.test(raw)
		? null
		: 'Hostnames may only contain alphanumeric characters, hyphens or dots';
}

const TITLE_VARIABLES = ['title', 'listen-addr', 'server-mode', 'port', 'tls-port', 'unixsocket'];

/** validateProcTitleTemplate: known {variables} only, and something left once {title} is empty. */
export function validateProcTitle(raw: string): string | null {
	const invalid = 'template format is invalid or contains unknown variables';
	let out = '';
	for (let i = 0; i < raw.length; i++) {
		const c = raw[i]!;
		if (c === '{' && raw[i + 1] === '{') out += raw[i++]!;
		else if (c === '}' && raw[i + 1] === '}') out += raw[i++]!;
		else if (c === '{') {
			const end = raw.indexOf('}', i);
			if (end === -1) return invalid;
			const name = raw.slice(i + 1, end);
			if (!TITLE_VARIABLES.includes(name)) return invalid;
			if (name !== 'title') out += name;
			i = end;
		} else out += c;
	}
	return out === '' ? invalid : null;
}

/** The special setters; `current` is the parameter's value before the change. */
export const SPECIAL_PARSERS: Record<string, (raw: string, current: string) => Parsed> = {
	save: parseSave,
	'client-output-buffer-limit': parseObufLimit,
	'oom-score-adj-values': parseOomValues,
	'notify-keyspace-events': parseKeyspaceEvents,
	bind: parseBind,
	'latency-tracking-info-percentiles': parsePercentiles,
	'shutdown-on-sigint': parseShutdownFlags,
	'shutdown-on-sigterm': parseShutdownFlags,
	// The listening socket is the host's business: the value is checked and kept.
	port: (raw) => parseNumeric(raw, { min: 0n, max: 65535n }),
	// Both are refused before parsing (protected / immutable); these only hold the value.
	dir: (raw) => ok(raw),
	replicaof: (raw) => ok(raw),
};
