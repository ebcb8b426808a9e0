// Mirrors the parts of src/config.c the playground exposes: each parameter's name, default, parser
// and the exact CONFIG SET error text. Values are kept normalised (bytes, lower-case names).
import { parseStrictInt64 } from './object.ts';

export const MAXMEMORY_POLICIES = [
	'volatile-lru',
	'volatile-lfu',
	'volatile-random',
	'volatile-ttl',
	'allkeys-lru',
	'allkeys-lfu',
	'allkeys-random',
	'noeviction',
] as const;
export type MaxmemoryPolicy = (typeof MAXMEMORY_POLICIES)[number];

export interface Config {
	maxmemory: number;
	'maxmemory-policy': MaxmemoryPolicy;
	'maxmemory-samples': number;
	'maxmemory-eviction-tenacity': number;
	'lfu-log-factor': number;
	'lfu-decay-time': number;
	hz: number;
	'active-expire-effort': number;
	databases: number;
}

export const DEFAULT_CONFIG: Readonly<Config> = Object.freeze({
	maxmemory: 0,
	'maxmemory-policy': 'noeviction',
	'maxmemory-samples': 5,
	'maxmemory-eviction-tenacity': 10,
	'lfu-log-factor': 10,
	'lfu-decay-time': 1,
	hz: 10,
	'active-expire-effort': 1,
	databases: 16,
});

export type ConfigName = keyof Config;

/** What a parser answers: the normalised value, or the text after "argument " in Redis's error. */
type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

interface ParamSpec {
	/** Immutable parameters (databases) can be read but not set at run time. */
	mutable: boolean;
	parse(raw: string): Parsed<Config[ConfigName]>;
	format(value: Config[ConfigName]): string;
}

const MEMORY_UNITS: Record<string, number> = {
	'': 1,
	b: 1,
	k: 1000,
	kb: 1024,
	m: 1000 ** 2,
	mb: 1024 ** 2,
	g: 1000 ** 3,
	gb: 1024 ** 3,
};

/**
 * memtoull: digits followed by an optional unit, case-insensitive; no sign, no fraction. The digits
 * may be missing: strtoull reads "" and "mb" as 0, and CONFIG SET maxmemory "" replies OK.
 */
export function parseMemory(raw: string): number | null {
	const m = /^(\d*)([a-z]*)$/i.exec(raw);
	if (!m) return null;
	const unit = MEMORY_UNITS[m[2]!.toLowerCase()];
	if (unit === undefined) return null;
	const value = Number(m[1]) * unit;
	return Number.isSafeInteger(value) ? value : null;
}

/**
 * An integer parameter: string2ll's strict decimal, then the declared bounds; `clamp` then narrows
 * an in-bounds value silently (hz is declared 0..INT_MAX but kept within 1..500).
 */
function integerParam(min: number, max: number, clamp?: readonly [number, number]): ParamSpec {
	return {
		mutable: true,
		parse(raw) {
			const parsed = parseStrictInt64(raw);
			if (parsed === null) return { ok: false, reason: "couldn't be parsed into an integer" };
			let v = Number(parsed);
			if (v < min || v > max)
				return { ok: false, reason: `must be between ${min} and ${max} inclusive` };
			if (clamp) v = Math.min(clamp[1], Math.max(clamp[0], v));
			return { ok: true, value: v };
		},
		format: (v) => String(v),
	};
}

const PARAMS: Record<ConfigName, ParamSpec> = {
	maxmemory: {
		mutable: true,
		parse(raw) {
			const v = parseMemory(raw);
			return v === null ? { ok: false, reason: 'must be a memory value' } : { ok: true, value: v };
		},
		format: (v) => String(v),
	},
	'maxmemory-policy': {
		mutable: true,
		parse(raw) {
			const v = raw.toLowerCase();
			return (MAXMEMORY_POLICIES as readonly string[]).includes(v)
				? { ok: true, value: v as MaxmemoryPolicy }
				: {
						ok: false,
						reason: `(s) must be one of the following: ${MAXMEMORY_POLICIES.join(', ')}`,
					};
		},
		format: (v) => String(v),
	},
	'maxmemory-samples': integerParam(1, 2147483647),
	'maxmemory-eviction-tenacity': integerParam(0, 100),
	'lfu-log-factor': integerParam(0, 2147483647),
	'lfu-decay-time': integerParam(0, 2147483647),
	// server.c clamps hz into 1..500 instead of refusing it (CONFIG SET hz 0 replies OK, stores 1).
	hz: integerParam(0, 2147483647, [1, 500]),
	'active-expire-effort': integerParam(1, 10),
	databases: { ...integerParam(1, 2147483647), mutable: false },
};

export const CONFIG_NAMES = Object.keys(PARAMS) as ConfigName[];

export function isConfigName(name: string): name is ConfigName {
	return Object.hasOwn(PARAMS, name);
}

export function isMutable(name: ConfigName): boolean {
	return PARAMS[name].mutable;
}

/** Parses a CONFIG SET value; on failure returns Redis's full error message. */
export function parseConfigValue(
	name: ConfigName,
	raw: string,
): { ok: true; value: Config[ConfigName] } | { ok: false; error: string } {
	const r = PARAMS[name].parse(raw);
	if (r.ok) return r;
	const sep = r.reason.startsWith('(s)') ? '' : ' ';
	return {
		ok: false,
		error: `ERR CONFIG SET failed (possibly related to argument '${name}') - argument${sep}${r.reason}`,
	};
}

export function formatConfigValue(name: ConfigName, value: Config[ConfigName]): string {
	return PARAMS[name].format(value);
}
