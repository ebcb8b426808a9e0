// Mirrors the parts of src/config.c the engine reads: the parameters it models as typed values
// (maxmemory, the eviction and expiry knobs, the encoding thresholds), beside every other 7.0
// parameter of config-table.ts, which is checked exactly as Redis checks it, then kept and echoed.
import { CONFIG_TABLE, type ConfigSpec } from './config-table.ts';

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
	'hash-max-listpack-entries': number;
	'hash-max-listpack-value': number;
	/** Positive: entries per quicklist node; -1…-5: node size 4 KB…64 KB. */
	'list-max-listpack-size': number;
	'list-compress-depth': number;
	'set-max-intset-entries': number;
	'zset-max-listpack-entries': number;
	'zset-max-listpack-value': number;
	/**
	 * The CONFIG GET text of every parameter set since start that the engine does not model (and of
	 * modelled ones too, so a value past 2^53 still prints exactly). Replaced, never mutated.
	 */
	stored: Readonly<Record<string, string>>;
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
	'hash-max-listpack-entries': 512,
	'hash-max-listpack-value': 64,
	'list-max-listpack-size': -2,
	'list-compress-depth': 0,
	'set-max-intset-entries': 512,
	'zset-max-listpack-entries': 128,
	'zset-max-listpack-value': 64,
	stored: Object.freeze({}),
});

/** A parameter the engine reads as a typed value. */
export type ConfigName = Exclude<keyof Config, 'stored'>;

/** A name as CONFIG GET lists it: a parameter or an alias, and the parameter it stands for. */
export interface ConfigEntry {
	readonly key: string;
	readonly spec: ConfigSpec;
}

/** The configs dict: every name and alias, in table order with each alias after its parameter. */
export const CONFIG_ENTRIES: readonly ConfigEntry[] = CONFIG_TABLE.flatMap((spec) =>
	spec.alias
		? [
				{ key: spec.name, spec },
				{ key: spec.alias, spec },
			]
		: [{ key: spec.name, spec }],
);

const byKey = new Map(CONFIG_ENTRIES.map((e) => [e.key, e]));

/** lookupConfig: a name or alias, case-insensitive. */
export function lookupConfig(name: string): ConfigEntry | undefined {
	return byKey.get(name.toLowerCase());
}

const isModelled = (name: string): name is ConfigName =>
	name !== 'stored' && Object.hasOwn(DEFAULT_CONFIG, name);

/** What CONFIG GET prints for a parameter. */
export function configText(config: Config, spec: ConfigSpec): string {
	const stored = config.stored[spec.name];
	if (!isModelled(spec.name)) return stored ?? spec.default;
	const value = config[spec.name];
	if (typeof value === 'string') return value;
	return stored !== undefined && Number(stored) === value ? stored : String(value);
}

/** Checks `raw` for `entry`; on failure, Redis's whole error message. */
export function parseConfigValue(
	config: Config,
	entry: ConfigEntry,
	raw: string,
): { ok: true; value: string } | { ok: false; error: string } {
	const r = entry.spec.parse(raw, configText(config, entry.spec));
	if (r.ok) return r;
	return {
		ok: false,
		error: `ERR CONFIG SET failed (possibly related to argument '${entry.key}') - ${r.reason}`,
	};
}

/** A copy of `config` with `spec` set to the already-parsed text `value`. */
export function withConfigValue(config: Config, spec: ConfigSpec, value: string): Config {
	// applyWatchdogPeriod: a period shorter than two cron ticks could not fire reliably, so it is
	// raised to two (at the hz of the moment); 0 turns the watchdog off.
	if (spec.name === 'watchdog-period' && value !== '0')
		value = String(Math.max(Number(value), Math.trunc(1000 / config.hz) * 2));
	const next: Config = { ...config, stored: { ...config.stored, [spec.name]: value } };
	if (isModelled(spec.name)) {
		const typed = spec.name === 'maxmemory-policy' ? value : Number(value);
		(next as unknown as Record<string, unknown>)[spec.name] = typed;
	}
	return next;
}

/**
 * What `read` makes of a config, kept for the config object it last saw: CONFIG SET replaces the
 * object, never edits it, so a parameter read on every call or every write costs one comparison.
 */
export function perConfig<T>(read: (config: Config) => T): (config: Config) => T {
	let of: Config | null = null;
	let value: T;
	return (config) => {
		if (config !== of) {
			value = read(config);
			of = config;
		}
		return value;
	};
}

/** A stored parameter's text (save, appendonly, …) for engine code that reads one. */
export function storedConfig(config: Config, name: string): string {
	const entry = lookupConfig(name);
	return entry ? configText(config, entry.spec) : '';
}
