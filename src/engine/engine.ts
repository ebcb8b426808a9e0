// The engine's front door, in the role of src/server.c's main loop: it owns a Server, runs its cron
// on the virtual clock (serverCron → active expire at `hz`), and hands out clients that share it.
import { VirtualClock } from './clock.ts';
import { createClientState, type ClientState, type Connection } from './client.ts';
import type { CommandSpec } from './command.ts';
import { commandTable } from './commands/index.ts';
import { DEFAULT_CONFIG, type Config } from './config.ts';
import { startCron } from './cron.ts';
import { processCommand } from './dispatch.ts';
import type { EngineListener } from './events.ts';
import { inspectServer, type KeyspaceView } from './inspect.ts';
import { peekReply } from './peek.ts';
import { Random } from './random.ts';
import { error, type Reply } from './reply.ts';
import { Server } from './server.ts';
import { noteErrorReply, usedMemory } from './stats.ts';
import { BLOCKED, isBlocked, setReplySink, unblockOnClose, waitWhileBlocked } from './blocking.ts';
import { armEvictionTimeProc } from './evict.ts';
import { forkServer } from './fork.ts';
import { bootServer, CONNECTION_CLOSED, CONNECTION_REFUSED, killServer } from './restart.ts';

export interface EngineOptions {
	clock?: VirtualClock;
	/** Seeds every random draw (sampling, RANDOMKEY, LFU): same seed, same run. */
	seed?: number;
	config?: Partial<Config>;
	/**
	 * Runs as if started with a config file: CONFIG REWRITE succeeds, and what it wrote is the config
	 * a restart starts from. Without one (the default, as the test server runs), REWRITE fails and a
	 * restart forgets every CONFIG SET.
	 */
	configFile?: boolean;
	/**
	 * A host's apply step, run by CONFIG SET for each parameter whose value changes: why it refused
	 * the value (CONFIG SET then fails and sets nothing), or null. The RESP server moves its
	 * listener on `port` here.
	 */
	applyConfig?: (name: string, value: string) => string | null;
}

/** A connection's view of the engine: its own selected db, MULTI queue and WATCHed keys. */
export interface Client {
	readonly id: number;
	/** The selected database (SELECT changes it). */
	readonly db: number;
	readonly inTransaction: boolean;
	/** CLIENT SETNAME / HELLO SETNAME; '' when unnamed. */
	readonly name: string;
	/** The protocol HELLO chose (2 or 3); the engine's replies carry RESP3 hints either way. */
	readonly resp: 2 | 3;
	/**
	 * Runs a command. A command that blocks (BLPOP on empty keys…) returns BLOCKED when the client
	 * was connected with `onReply`, which later receives its reply; without one, virtual time runs
	 * until it is served or times out and exec returns that reply (timeout 0 answers `*-1` at once).
	 */
	exec(argv: readonly string[]): Reply;
	/** True while a blocking command waits: the transport must not send it more commands. */
	readonly blocked: boolean;
	close(): void;
	/** The transport's side of this connection (socket, buffers, kill, monitor): RESP server only. */
	attach(conn: Connection): void;
	/** CLIENT REPLY's switch, for the transport that decides what to send. */
	readonly replyMode: 'on' | 'off' | 'skip';
	/** After a command: true when CLIENT REPLY SKIP asked to drop the next reply (now consumed). */
	takeReplySkip(): boolean;
	/** CLIENT_MONITOR: MONITOR ran on this connection. */
	readonly monitor: boolean;
	/** An error the transport answered itself (a protocol error): counted as Redis counts it. */
	noteErrorReply(message: string): void;
}

/** How a connection hears replies that come after exec returned (a blocked command's). */
export interface ConnectOptions {
	onReply?: (reply: Reply) => void;
}

export interface Engine {
	readonly clock: VirtualClock;
	readonly seed: number;
	connect(options?: ConnectOptions): Client;
	/** Runs a command on the engine's default client. Never throws. */
	exec(argv: readonly string[]): Reply;
	/**
	 * The protocol HELLO chose on the default client: a console prints its replies in that
	 * protocol's style, as redis-cli prints what the server sent.
	 */
	readonly resp: 2 | 3;
	inspect(db?: number): KeyspaceView;
	/**
	 * What the default client would get for a plain read (GET, EXISTS, TTL, TYPE, DBSIZE, INFO,
	 * CONFIG GET…), changing nothing: no LRU touch, no hit or miss, no lazy expiry. Null when only
	 * running the command would answer it (then run it on a fork()).
	 */
	peek(argv: readonly string[]): Reply | null;
	subscribe(fn: EngineListener): () => void;
	/** A deep copy on a detached clock: lesson checks, snapshots and what-ifs run on it. */
	fork(): Engine;
	usedMemory(): number;
	/** The command table, for hints, completion and `help`. */
	commands(): readonly CommandSpec[];
	/** Stops the cron timer (the engine still answers, but time no longer drives expiry). */
	dispose(): void;
	/**
	 * False once SHUTDOWN has stopped the process: every exec, on any client, then answers
	 * CONNECTION_REFUSED (redis-cli's `not connected>` state) until start() or restart().
	 */
	readonly isRunning: boolean;
	/**
	 * The process dies as after `kill -9` and starts again: the dataset comes back from the last
	 * snapshot (SAVE, BGSAVE, a save point or SHUTDOWN wrote it), or empty without one; a bgsave still
	 * running is lost. The config is the start-up one (or what CONFIG REWRITE wrote, with a config
	 * file): CONFIG SET changes are gone. Stats, uptime, dirty and client ids start over, LASTSAVE is
	 * the load time, and every client reconnects on its next command (db 0, no MULTI, no WATCH).
	 * Listeners stay subscribed. Also brings back an engine SHUTDOWN stopped.
	 */
	restart(): void;
	/** Starts an engine SHUTDOWN stopped, as restart() does; nothing while it runs. */
	start(): void;
	/** Keys the last snapshot holds (what a restart would load, TTLs aside); null if none. */
	snapshotKeys(): number | null;
	/** Report bytes held in client buffers (the RESP server's query/output buffers). */
	setClientBufferBytes(bytes: number): void;
}

export function createEngine(options: EngineOptions = {}): Engine {
	const clock = options.clock ?? new VirtualClock();
	const seed = options.seed ?? 1;
	const stored = { ...DEFAULT_CONFIG.stored, ...options.config?.stored };
	const config = { ...DEFAULT_CONFIG, ...options.config, stored };
	const server = new Server(clock, config, new Random(seed));
	if (options.configFile) server.configFile = config;
	server.applyHostConfig = options.applyConfig ?? null;
	return wrap(server, seed, config, null);
}

/**
 * The engine around one Server, which restart() replaces. `startup` is the config it was created
 * with; `mainId` names the default client's state when the server is a fork.
 */
function wrap(initial: Server, seed: number, startup: Config, mainId: number | null): Engine {
	let server = initial;
	const clock = server.clock;
	let cron = startCron(server);
	armTimers(server, cron);
	/** Bumped by every restart: a client from before reconnects on its next command. */
	let epoch = 0;

	const newState = (): ClientState => {
		const state = createClientState(server.nextClientId++, clock.now());
		server.clients.set(state.id, state);
		server.stats.total_connections_received++;
		return state;
	};

	const handle = (first: ClientState, options: ConnectOptions): Client => {
		let state = first;
		let born = epoch;
		const onReply = options.onReply ?? null;
		setReplySink(state, onReply);
		/** The state on the running server: after a restart, a new connection (as redis-cli does). */
		const live = (): ClientState => {
			if (born !== epoch) {
				state = newState();
				born = epoch;
				setReplySink(state, onReply);
			}
			return state;
		};
		/** What the getters read: a client from before a restart looks freshly connected. */
		const cur = (): ClientState => (born === epoch ? state : DISCONNECTED);
		return {
			get id() {
				return live().id;
			},
			get db() {
				return cur().db;
			},
			get inTransaction() {
				return cur().multi !== null;
			},
			get name() {
				return cur().name;
			},
			get resp() {
				return cur().resp;
			},
			get replyMode() {
				return cur().replyMode;
			},
			get monitor() {
				return cur().monitor;
			},
			get blocked() {
				return isBlocked(server, cur());
			},
			exec(argv) {
				if (server.down) return CONNECTION_REFUSED;
				const reply = safeExec(server, live(), argv);
				if (server.down) {
					// SHUTDOWN: the process is gone; its timers with it.
					killServer(server, cron);
					return CONNECTION_CLOSED;
				}
				return reply === BLOCKED && onReply === null ? waitWhileBlocked(server, state) : reply;
			},
			attach(conn) {
				state.conn = conn;
			},
			noteErrorReply: (message) => noteErrorReply(server, message),
			takeReplySkip() {
				if (state.replyMode !== 'skip') return false;
				state.replyMode = 'on';
				return true;
			},
			close() {
				if (born !== epoch) return;
				unblockOnClose(server, state);
				for (const w of state.watched)
					server.watchedKeys.get(`${w.db}\u0000${w.key}`)?.delete(state);
				server.clients.delete(state.id);
			},
		};
	};
	const connect = (options: ConnectOptions = {}): Client => handle(newState(), options);

	// The default client connects on first use, so a server whose clients all come from connect()
	// (the RESP server) counts only them in INFO's connected_clients and CLIENT LIST.
	const copiedMain = mainId === null ? undefined : server.clients.get(mainId);
	let main: Client | null = copiedMain ? handle(copiedMain, {}) : null;
	const defaultClient = () => (main ??= connect());
	const mainClientId = (): number | null => (main === null ? null : main.id);

	const restart = (): void => {
		if (!server.down) killServer(server, cron);
		server = bootServer(server, server.configFile ?? startup);
		epoch++;
		cron = startCron(server);
		cron.arm();
	};

	return {
		clock,
		seed,
		connect,
		exec: (argv) => defaultClient().exec(argv),
		get resp() {
			return main?.resp ?? 2;
		},
		inspect: (db = main?.db ?? 0) => inspectServer(server, db),
		peek: (argv) => (main?.inTransaction ? null : peekReply(server, main?.db ?? 0, argv)),
		subscribe: (fn) => server.events.subscribe(fn),
		fork: () => wrap(forkServer(server), seed, startup, mainClientId()),
		usedMemory: () => usedMemory(server),
		commands: () => [...commandTable().values()],
		dispose: () => cron.stop(),
		get isRunning() {
			return !server.down;
		},
		restart,
		start() {
			if (server.down) restart();
		},
		snapshotKeys() {
			const snapshot = server.persistence.snapshot;
			return snapshot && snapshot.dbs.reduce((n, db) => n + db.keys.length, 0);
		},
		setClientBufferBytes(bytes) {
			server.clientBufferBytes = bytes;
		},
	};
}

/** The state a client from before a restart shows until its next command reconnects it. */
const DISCONNECTED: ClientState = createClientState(0, 0);

/** exec() never throws: an engine bug becomes an error reply rather than a dead page. */
function safeExec(server: Server, client: ClientState, argv: readonly string[]): Reply {
	try {
		return processCommand(server, client, argv);
	} catch (e) {
		return error(`ERR internal engine error: ${e instanceof Error ? e.message : String(e)}`);
	}
}

/**
 * Arms a fork's copied timers (the cron's tick, a pending eviction run) where the original's were
 * due; timers due at the same moment are armed in the original's order. A new server plans afresh.
 */
function armTimers(server: Server, cron: ReturnType<typeof startCron>): void {
	const proc = server.eviction.proc;
	const pending = [
		{ at: server.cron.plannedAt, id: server.cron.timer ?? 0, arm: () => cron.arm() },
	];
	if (proc)
		pending.push({
			at: proc.at,
			id: proc.timer,
			arm: () => armEvictionTimeProc(server, proc.at, proc.delayMs),
		});
	server.cron.timer = undefined;
	for (const t of pending.sort((a, b) => a.at - b.at || a.id - b.id)) t.arm();
}
