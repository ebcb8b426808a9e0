// Mirrors the `struct redisServer` of src/server.h: the state one engine holds — clock, config,
// databases, stats, clients and randomness. Internal: the outside world reaches it through Engine.
import type { VirtualClock } from './clock.ts';
import type { Config } from './config.ts';
import { EventBus } from './events.ts';
import type { Random } from './random.ts';
import { Db, type DbTotals } from './keyspace.ts';
import type { ClientState } from './client.ts';
import type { BlockingState } from './blocking.ts';
import { isLfuPolicy, lruClockAt } from './lru.ts';
import { hotConfig, type HotConfig } from './config-hot.ts';
import type { TimerId } from './clock.ts';
import type { EvictionCandidate } from './events.ts';
import type { CommandStat } from './command-stats.ts';
import type { LatencySeries } from './latency-monitor.ts';
import { newSlowlog, type SlowlogState } from './slowlog.ts';
import { emptyPersistence, type PersistenceState } from './persistence.ts';
import { PACKED_THRESHOLD_DEFAULT } from './quicklist.ts';

/** activeExpireCycle's statics (expire.c): where the next call starts, and how the last ended. */
export interface ActiveExpireState {
	currentDb: number;
	timelimitExit: boolean;
}

/** evict.c's state: next_db of the random policies, the pool, and evictionTimeProc's timer. */
export interface EvictionState {
	nextDb: number;
	/** Occupied entries only, sorted by ascending score (see evict-pool.ts). */
	pool: EvictionCandidate[];
	/** The timer that keeps evicting after a cut-short pass, and when it is due; null when idle. */
	proc: { timer: TimerId; at: number; delayMs: number } | null;
}

/** The cron's own bookkeeping (cron.ts): its pending tick and the soonest expiry it last found. */
export interface CronState {
	timer: TimerId | undefined;
	/** When the pending tick is due; Infinity when none is. */
	plannedAt: number;
	lastSoonest: { readonly when: number; readonly db: number; readonly key: string } | null;
}

export interface Stats {
	expired_keys: number;
	expired_stale_perc: number;
	expired_time_cap_reached_count: number;
	expire_cycle_cpu_milliseconds: number;
	evicted_keys: number;
	total_eviction_exceeded_time: number;
	/** When used memory went over maxmemory (ms), 0 while under: current_eviction_exceeded_time. */
	last_eviction_exceeded_time: number;
	keyspace_hits: number;
	keyspace_misses: number;
	total_commands_processed: number;
	total_error_replies: number;
	total_connections_received: number;
	/** Work units the active expire cycle has spent (see expire.ts for the budget model). */
	expire_cycle_work: number;
}

export function emptyStats(): Stats {
	return {
		expired_keys: 0,
		expired_stale_perc: 0,
		expired_time_cap_reached_count: 0,
		expire_cycle_cpu_milliseconds: 0,
		evicted_keys: 0,
		total_eviction_exceeded_time: 0,
		last_eviction_exceeded_time: 0,
		keyspace_hits: 0,
		keyspace_misses: 0,
		total_commands_processed: 0,
		total_error_replies: 0,
		total_connections_received: 0,
		expire_cycle_work: 0,
	};
}

export class Server {
	readonly dbs: Db[];
	/** What the databases add to used_memory, kept current by each Db (stats.ts reads it). */
	readonly dbTotals: DbTotals = { charged: 0 };
	/** Kept across restart(): the app's listeners outlive the process. */
	events = new EventBus();
	readonly clients = new Map<number, ClientState>();
	/** watched_keys: db+key → the clients WATCHing it (multi.c). */
	readonly watchedKeys = new Map<string, Set<ClientState>>();
	nextClientId = 1;
	stats: Stats = emptyStats();
	/** DEBUG SET-ACTIVE-EXPIRE: the active cycle runs only while this is on. */
	activeExpireEnabled = true;
	/**
	 * DEBUG QUICKLIST-PACKED-THRESHOLD: list elements this many bytes or more get a plain quicklist
	 * node. quicklist.c keeps it in a static, so it lasts until the process ends; here, until the
	 * engine restarts.
	 */
	packedThreshold = PACKED_THRESHOLD_DEFAULT;
	/** Set while DEBUG SLEEP blocks the "event loop": cron ticks that fall inside it do nothing. */
	sleeping = false;
	/** Asks the cron (cron.ts) to tick by `when`: a TTL was set or the active cycle was re-enabled. */
	wakeCron: (when: number) => void = () => {};
	/** The command being executed, so lazy expiry can say which command found a key. */
	currentCommand = '';
	/** Bytes held by client buffers (the RESP server reports them; they count toward used_memory). */
	clientBufferBytes = 0;
	/** When this process started (virtual ms): uptime, the cron's grid. */
	startedAt: number;
	/** Clients blocked on keys (blocking.ts); null until one blocks. Never copied by fork. */
	blocking: BlockingState | null = null;
	/** stat_peak_memory (stats.ts); CONFIG RESETSTAT leaves it. */
	peakMemory = 0;
	/** INFO errorstats: error replies by their first word. */
	errorStats: Record<string, number> = {};
	/** INFO commandstats: counters by full command name (`get`, `config|get`). */
	commandStats: Record<string, CommandStat> = {};
	/** The latency monitor's time series by event class (latency-monitor.ts); LATENCY RESET clears them. */
	latencyEvents = new Map<string, LatencySeries>();
	/** The slow log (slowlog.ts); SLOWLOG RESET empties it, a restart too. */
	slowlog: SlowlogState = newSlowlog();
	activeExpire: ActiveExpireState = { currentDb: 0, timelimitExit: false };
	eviction: EvictionState = { nextDb: 0, pool: [], proc: null };
	cron: CronState = { timer: undefined, plannedAt: Infinity, lastSoonest: null };
	/** dirty, lastsave, the bgsave child and the last snapshot (persistence.ts). */
	persistence: PersistenceState;
	/**
	 * The config file CONFIG REWRITE writes and a restart reads; null when the server runs without
	 * one (REWRITE then fails, and a restart starts from the engine's start-up config).
	 */
	configFile: Config | null = null;
	/**
	 * The host's apply step for parameters that describe it (the RESP server moves its listener
	 * on `port`): why it refused a value, or null. None on the page, where they are only stored.
	 */
	applyHostConfig: ((name: string, value: string) => string | null) | null = null;
	/** signalModifiedKey calls, less expiries: how dirty.ts tells a write that changed something. */
	keySignals = 0;
	/** Set by SHUTDOWN: the process has exited (the engine answers nothing until it restarts). */
	down = false;

	constructor(
		readonly clock: VirtualClock,
		config: Config,
		public rng: Random,
	) {
		this.#config = config;
		this.hot = hotConfig(config);
		this.dbs = Array.from({ length: config.databases }, (_, i) => new Db(i, this.dbTotals));
		this.startedAt = clock.now();
		this.persistence = emptyPersistence(this.startedAt);
	}

	now(): number {
		return this.clock.now();
	}

	/**
	 * LRU_CLOCK_RESOLUTION in ms: 1000 as Redis ships; experiments set 1, as antirez compiled the
	 * server behind the LRU figure, so keys touched within one second still differ in idle time.
	 */
	lruResolutionMs = 1000;

	/** LRU_CLOCK(): now / LRU_CLOCK_RESOLUTION, 24 bits. */
	lruClock(): number {
		return lruClockAt(this.clock.now(), this.lruResolutionMs);
	}

	/** Asked on every key access, so the answer is kept until the policy string changes. */
	isLfu(): boolean {
		const policy = this.config['maxmemory-policy'];
		if (policy !== this.#lfuPolicy) {
			this.#lfuPolicy = policy;
			this.#lfu = isLfuPolicy(policy);
		}
		return this.#lfu;
	}

	#lfuPolicy = '';
	#lfu = false;

	#config: Config;
	/** What every command reads from the config, worked out again whenever the config changes. */
	hot: HotConfig;

	/** The running config; CONFIG SET replaces the object rather than changing it. */
	get config(): Config {
		return this.#config;
	}
	set config(config: Config) {
		this.#config = config;
		this.hot = hotConfig(config);
	}
}
