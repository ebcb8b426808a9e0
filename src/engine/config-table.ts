// Mirrors static_configs[] in src/config.c as 7.0.15 ships it: every parameter CONFIG GET * lists,
// with its alias, type, default, bounds and whether CONFIG SET may change it. The defaults are a
// server started with no config file; port, bind and dir describe the host and are set by it.
import {
	SPECIAL_PARSERS,
	parseBool,
	parseEnum,
	parseNumeric,
	validateHostname,
	validateProcTitle,
	type NumericRule,
	type Parsed,
} from './config-parse.ts';

export type ConfigType = 'bool' | 'int' | 'memory' | 'enum' | 'string' | 'special';

export interface ConfigSpec {
	readonly name: string;
	readonly alias?: string;
	readonly type: ConfigType;
	/** IMMUTABLE_CONFIG (startup only) or PROTECTED_CONFIG (refused while
	 * enable-protected-configs is no, its only value here). */
	readonly lock?: 'immutable' | 'protected';
	/** HIDDEN_CONFIG: answered by CONFIG GET only when named exactly. */
	readonly hidden?: boolean;
	/** The value as CONFIG GET prints it on a fresh server. */
	readonly default: string;
	/** `current` is the value before the change (client-output-buffer-limit keeps unnamed classes). */
	parse(raw: string, current: string): Parsed;
}

interface Options {
	readonly alias?: string;
	readonly lock?: 'immutable' | 'protected';
	readonly hidden?: boolean;
	/** The apply step that can still refuse a well-formed value (TLS with no certificate). */
	readonly refuse?: (value: string) => string | null;
}

/** Adds the options to a spec, running `refuse` after a successful parse. */
function finish(spec: ConfigSpec, { refuse, ...o }: Options): ConfigSpec {
	if (!refuse) return { ...spec, ...o };
	return {
		...spec,
		...o,
		parse(raw, current) {
			const r = spec.parse(raw, current);
			const reason = r.ok ? refuse(r.value) : null;
			return reason === null ? r : { ok: false, reason };
		},
	};
}

const bool = (name: string, def: string, o: Options = {}): ConfigSpec =>
	finish({ name, type: 'bool', default: def, parse: parseBool }, o);

const numeric =
	(type: 'int' | 'memory', extra: Partial<NumericRule>) =>
	(
		name: string,
		def: string,
		min: bigint,
		max: bigint,
		o: Options & { clamp?: readonly [bigint, bigint] } = {},
	): ConfigSpec => {
		const rule: NumericRule = { min, max, clamp: o.clamp, ...extra };
		return finish({ name, type, default: def, parse: (raw) => parseNumeric(raw, rule) }, o);
	};

const int = numeric('int', {});
const mem = numeric('memory', { memory: true });
const memOrPercent = numeric('memory', { memory: true, percent: true });

const enumOf = (name: string, def: string, values: string[], o: Options = {}): ConfigSpec => ({
	name,
	type: 'enum',
	default: def,
	parse: (raw) => parseEnum(raw, values),
	...o,
});

const str = (
	name: string,
	def: string,
	o: Options & { validate?: (raw: string) => string | null } = {},
): ConfigSpec => ({
	name,
	type: 'string',
	default: def,
	parse(raw) {
		const reason = o.validate?.(raw) ?? null;
		return reason === null ? { ok: true, value: raw } : { ok: false, reason };
	},
	...o,
});

const special = (name: string, def: string, o: Options = {}): ConfigSpec => ({
	name,
	type: 'special',
	default: def,
	parse: SPECIAL_PARSERS[name]!,
	...o,
});

const hostname = validateHostname;

/** applyTlsCfg: turning TLS on needs a certificate, which a playground never has. */
const noTls = (off: string) => (value: string) =>
	value === off ? null : 'Unable to update TLS configuration. Check server logs.';

/** isValidActiveDefrag on a build whose jemalloc lacks the defrag hint (Debian's 7.0.15). */
const noDefrag = (value: string) =>
	value === 'no'
		? null
		: 'Active defragmentation cannot be enabled: it requires a Redis server compiled with a ' +
			'modified Jemalloc like the one shipped by default with the Redis source distribution';
const procTitle = validateProcTitle;

/** In name order; CONFIG GET answers in this order (Redis answers in its dict's hash order). */
export const CONFIG_TABLE: readonly ConfigSpec[] = [
	enumOf('acl-pubsub-default', 'resetchannels', ['allchannels', 'resetchannels']),
	str('aclfile', '', { lock: 'immutable' }),
	int('acllog-max-len', '128', 0n, 9223372036854775807n),
	int('active-defrag-cycle-max', '25', 1n, 99n),
	int('active-defrag-cycle-min', '1', 1n, 99n),
	mem('active-defrag-ignore-bytes', '104857600', 1n, 9223372036854775807n),
	int('active-defrag-max-scan-fields', '1000', 1n, 9223372036854775807n),
	int('active-defrag-threshold-lower', '10', 0n, 1000n),
	int('active-defrag-threshold-upper', '100', 0n, 1000n),
	int('active-expire-effort', '1', 1n, 10n),
	bool('activedefrag', 'no', { refuse: noDefrag }),
	bool('activerehashing', 'yes'),
	bool('always-show-logo', 'no', { lock: 'immutable' }),
	bool('aof-disable-auto-gc', 'no'),
	bool('aof-load-truncated', 'yes'),
	bool('aof-rewrite-incremental-fsync', 'yes'),
	bool('aof-timestamp-enabled', 'no'),
	bool('aof-use-rdb-preamble', 'yes'),
	str('aof_rewrite_cpulist', '', { lock: 'immutable' }),
	str('appenddirname', 'appendonlydir', { lock: 'immutable' }),
	str('appendfilename', 'appendonly.aof', { lock: 'immutable' }),
	enumOf('appendfsync', 'everysec', ['everysec', 'always', 'no']),
	// updateAppendonly: the engine models RDB snapshots only, so turning AOF on fails as Redis's
	// startAppendOnly does when it cannot rewrite; `no` is accepted and kept.
	bool('appendonly', 'no', {
		refuse: (v) => (v === 'no' ? null : 'Unable to turn on AOF. Check server logs.'),
	}),
	mem('auto-aof-rewrite-min-size', '67108864', 0n, 9223372036854775807n),
	int('auto-aof-rewrite-percentage', '100', 0n, 2147483647n),
	str('bgsave_cpulist', '', { lock: 'immutable' }),
	special('bind', '* -::*'),
	str('bind-source-addr', ''),
	str('bio_cpulist', '', { lock: 'immutable' }),
	int('busy-reply-threshold', '5000', 0n, 9223372036854775807n, { alias: 'lua-time-limit' }),
	special(
		'client-output-buffer-limit',
		'normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60',
	),
	mem('client-query-buffer-limit', '1073741824', 1048576n, 9223372036854775807n),
	bool('cluster-allow-pubsubshard-when-down', 'yes'),
	bool('cluster-allow-reads-when-down', 'no'),
	bool('cluster-allow-replica-migration', 'yes'),
	int('cluster-announce-bus-port', '0', 0n, 65535n),
	str('cluster-announce-hostname', '', { validate: hostname }),
	str('cluster-announce-ip', ''),
	int('cluster-announce-port', '0', 0n, 65535n),
	int('cluster-announce-tls-port', '0', 0n, 65535n),
	str('cluster-config-file', 'nodes.conf', { lock: 'immutable' }),
	bool('cluster-enabled', 'no', { lock: 'immutable' }),
	mem('cluster-link-sendbuf-limit', '0', 0n, 18446744073709551615n),
	int('cluster-migration-barrier', '1', 0n, 2147483647n),
	int('cluster-node-timeout', '15000', 0n, 9223372036854775807n),
	int('cluster-port', '0', 0n, 65535n, { lock: 'immutable' }),
	enumOf('cluster-preferred-endpoint-type', 'ip', ['ip', 'hostname', 'unknown-endpoint']),
	bool('cluster-replica-no-failover', 'no', { alias: 'cluster-slave-no-failover' }),
	int('cluster-replica-validity-factor', '10', 0n, 2147483647n, {
		alias: 'cluster-slave-validity-factor',
	}),
	bool('cluster-require-full-coverage', 'yes'),
	bool('crash-log-enabled', 'yes'),
	bool('crash-memcheck-enabled', 'yes'),
	bool('daemonize', 'no', { lock: 'immutable' }),
	int('databases', '16', 1n, 2147483647n, { lock: 'immutable' }),
	str('dbfilename', 'dump.rdb', { lock: 'protected' }),
	special('dir', '/data', { lock: 'protected' }),
	bool('disable-thp', 'yes', { lock: 'immutable' }),
	bool('dynamic-hz', 'yes'),
	// The one default that is not a bare server's: `local`, as if started with
	// --enable-debug-command local, so that the console and loopback clients may run DEBUG (the
	// lessons turn the active expire cycle off with it) and other machines may not.
	enumOf('enable-debug-command', 'local', ['no', 'yes', 'local'], { lock: 'immutable' }),
	enumOf('enable-module-command', 'no', ['no', 'yes', 'local'], { lock: 'immutable' }),
	enumOf('enable-protected-configs', 'no', ['no', 'yes', 'local'], { lock: 'immutable' }),
	int('hash-max-listpack-entries', '512', 0n, 9223372036854775807n, {
		alias: 'hash-max-ziplist-entries',
	}),
	mem('hash-max-listpack-value', '64', 0n, 9223372036854775807n, {
		alias: 'hash-max-ziplist-value',
	}),
	mem('hll-sparse-max-bytes', '3000', 0n, 9223372036854775807n),
	int('hz', '10', 0n, 2147483647n, { clamp: [1n, 500n] }),
	str('ignore-warnings', ''),
	int('io-threads', '1', 1n, 128n, { lock: 'immutable' }),
	bool('io-threads-do-reads', 'no', { lock: 'immutable' }),
	bool('jemalloc-bg-thread', 'yes'),
	int('latency-monitor-threshold', '0', 0n, 9223372036854775807n),
	bool('latency-tracking', 'yes'),
	special('latency-tracking-info-percentiles', '50 99 99.9'),
	bool('lazyfree-lazy-eviction', 'no'),
	bool('lazyfree-lazy-expire', 'no'),
	bool('lazyfree-lazy-server-del', 'no'),
	bool('lazyfree-lazy-user-del', 'no'),
	bool('lazyfree-lazy-user-flush', 'no'),
	int('lfu-decay-time', '1', 0n, 2147483647n),
	int('lfu-log-factor', '10', 0n, 2147483647n),
	int('list-compress-depth', '0', 0n, 2147483647n),
	int('list-max-listpack-size', '-2', -2147483648n, 2147483647n, {
		alias: 'list-max-ziplist-size',
	}),
	str('logfile', '', { lock: 'immutable' }),
	enumOf('loglevel', 'notice', ['debug', 'verbose', 'notice', 'warning']),
	str('masterauth', ''),
	str('masteruser', ''),
	int('maxclients', '10000', 1n, 4294967295n),
	mem('maxmemory', '0', 0n, 18446744073709551615n),
	memOrPercent('maxmemory-clients', '0', -100n, 9223372036854775807n),
	int('maxmemory-eviction-tenacity', '10', 0n, 100n),
	enumOf('maxmemory-policy', 'noeviction', [
		'volatile-lru',
		'volatile-lfu',
		'volatile-random',
		'volatile-ttl',
		'allkeys-lru',
		'allkeys-lfu',
		'allkeys-random',
		'noeviction',
	]),
	int('maxmemory-samples', '5', 1n, 2147483647n),
	int('min-replicas-max-lag', '10', 0n, 2147483647n, { alias: 'min-slaves-max-lag' }),
	int('min-replicas-to-write', '0', 0n, 2147483647n, { alias: 'min-slaves-to-write' }),
	bool('no-appendfsync-on-rewrite', 'no'),
	special('notify-keyspace-events', ''),
	enumOf('oom-score-adj', 'no', ['no', 'yes', 'relative', 'absolute']),
	special('oom-score-adj-values', '0 200 800'),
	str('pidfile', '', { lock: 'immutable' }),
	special('port', '6379'),
	str('proc-title-template', '{title} {listen-addr} {server-mode}', { validate: procTitle }),
	enumOf('propagation-error-behavior', 'ignore', ['ignore', 'panic', 'panic-on-replicas']),
	bool('protected-mode', 'yes'),
	mem('proto-max-bulk-len', '536870912', 1048576n, 9223372036854775807n),
	bool('rdb-del-sync-files', 'no'),
	bool('rdb-save-incremental-fsync', 'yes'),
	bool('rdbchecksum', 'yes', { lock: 'immutable' }),
	bool('rdbcompression', 'yes'),
	mem('repl-backlog-size', '1048576', 1n, 9223372036854775807n, { clamp: [16384n, 2n ** 63n] }),
	int('repl-backlog-ttl', '3600', 0n, 9223372036854775807n),
	bool('repl-disable-tcp-nodelay', 'no'),
	enumOf('repl-diskless-load', 'disabled', ['disabled', 'on-empty-db', 'swapdb']),
	bool('repl-diskless-sync', 'yes'),
	int('repl-diskless-sync-delay', '5', 0n, 2147483647n),
	int('repl-diskless-sync-max-replicas', '0', 0n, 2147483647n),
	int('repl-ping-replica-period', '10', 1n, 2147483647n, { alias: 'repl-ping-slave-period' }),
	int('repl-timeout', '60', 1n, 2147483647n),
	str('replica-announce-ip', '', { alias: 'slave-announce-ip' }),
	int('replica-announce-port', '0', 0n, 65535n, { alias: 'slave-announce-port' }),
	bool('replica-announced', 'yes'),
	bool('replica-ignore-disk-write-errors', 'no'),
	bool('replica-ignore-maxmemory', 'yes', { alias: 'slave-ignore-maxmemory' }),
	bool('replica-lazy-flush', 'no', { alias: 'slave-lazy-flush' }),
	int('replica-priority', '100', 0n, 2147483647n, { alias: 'slave-priority' }),
	bool('replica-read-only', 'yes', { alias: 'slave-read-only' }),
	bool('replica-serve-stale-data', 'yes', { alias: 'slave-serve-stale-data' }),
	special('replicaof', '', { alias: 'slaveof', lock: 'immutable' }),
	str('requirepass', ''),
	enumOf('sanitize-dump-payload', 'no', ['no', 'yes', 'clients']),
	special('save', '3600 1 300 100 60 10000'),
	str('server_cpulist', '', { lock: 'immutable' }),
	int('set-max-intset-entries', '512', 0n, 9223372036854775807n),
	bool('set-proc-title', 'yes', { lock: 'immutable' }),
	special('shutdown-on-sigint', 'default'),
	special('shutdown-on-sigterm', 'default'),
	int('shutdown-timeout', '10', 0n, 2147483647n),
	int('slowlog-log-slower-than', '10000', -1n, 9223372036854775807n),
	int('slowlog-max-len', '128', 0n, 9223372036854775807n),
	int('socket-mark-id', '0', 0n, 4294967295n, { lock: 'immutable' }),
	bool('stop-writes-on-bgsave-error', 'yes'),
	mem('stream-node-max-bytes', '4096', 0n, 9223372036854775807n),
	int('stream-node-max-entries', '100', 0n, 9223372036854775807n),
	enumOf('supervised', 'no', ['upstart', 'systemd', 'auto', 'no'], { lock: 'immutable' }),
	bool('syslog-enabled', 'no', { lock: 'immutable' }),
	enumOf(
		'syslog-facility',
		'local0',
		['user', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7'],
		{ lock: 'immutable' },
	),
	str('syslog-ident', 'redis', { lock: 'immutable' }),
	int('tcp-backlog', '511', 0n, 2147483647n, { lock: 'immutable' }),
	int('tcp-keepalive', '300', 0n, 2147483647n),
	int('timeout', '0', 0n, 2147483647n),
	enumOf('tls-auth-clients', 'yes', ['no', 'yes', 'optional']),
	str('tls-ca-cert-dir', ''),
	str('tls-ca-cert-file', ''),
	str('tls-cert-file', ''),
	str('tls-ciphers', ''),
	str('tls-ciphersuites', ''),
	str('tls-client-cert-file', ''),
	str('tls-client-key-file', ''),
	str('tls-client-key-file-pass', ''),
	bool('tls-cluster', 'no', { refuse: noTls('no') }),
	str('tls-dh-params-file', ''),
	str('tls-key-file', ''),
	str('tls-key-file-pass', ''),
	int('tls-port', '0', 0n, 65535n, { refuse: noTls('0') }),
	bool('tls-prefer-server-ciphers', 'no'),
	str('tls-protocols', ''),
	bool('tls-replication', 'no', { refuse: noTls('no') }),
	int('tls-session-cache-size', '20480', 0n, 2147483647n),
	int('tls-session-cache-timeout', '300', 0n, 2147483647n),
	bool('tls-session-caching', 'yes'),
	int('tracking-table-max-keys', '1000000', 0n, 9223372036854775807n),
	str('unixsocket', '', { lock: 'immutable' }),
	int('unixsocketperm', '0', 0n, 511n, { lock: 'immutable' }),
	int('zset-max-listpack-entries', '128', 0n, 9223372036854775807n, {
		alias: 'zset-max-ziplist-entries',
	}),
	mem('zset-max-listpack-value', '64', 0n, 9223372036854775807n, {
		alias: 'zset-max-ziplist-value',
	}),
	bool('use-exit-on-panic', 'no', { hidden: true }),
	int('rdb-key-save-delay', '0', -2147483648n, 2147483647n, { hidden: true }),
	int('key-load-delay', '0', -2147483648n, 2147483647n, { hidden: true }),
	int('watchdog-period', '0', 0n, 2147483647n, { hidden: true }),
	int('loading-process-events-interval-bytes', '2097152', 1024n, 2147483647n, { hidden: true }),
];
