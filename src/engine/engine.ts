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
	return new EngineHandle(server, seed, config, null);
}

/**
 * What an engine and its clients share: the running Server, which restart() replaces, its cron,
 * and the epoch a restart bumps so that a client from before reconnects on its next command.
 */
class Host {
	epoch = 0;
	cron: ReturnType<typeof startCron>;

	constructor(public server: Server) {
		this.cron = startCron(server);
		armTimers(server, this.cron);
	}

	newState(): ClientState {
		const server = this.server;
		const state = createClientState(server.nextClientId++, server.clock.now());
		server.clients.set(state.id, state);
		server.stats.total_connections_received++;
		return state;
	}
}

// The handles below are classes, where they were object literals: V8 builds a literal that has
// getters in dictionary mode, so every `engine.exec` and `client.exec` was a hash lookup through
// the generic load IC (about 150 instructions of a GET's 1,500). A class instance keeps fast
// properties and its getters live on the prototype. Methods are arrow fields, so that a method
// handed on alone (`const run = engine.exec`) still works.

/** A connection's handle: its state on the running server, reconnected after a restart. */
class ClientHandle implements Client {
	#state: ClientState;
	#born: number;
	readonly #host: Host;
	readonly #onReply: ((reply: Reply) => void) | null;

	constructor(host: Host, first: ClientState, options: ConnectOptions) {
		this.#host = host;
		this.#state = first;
		this.#born = host.epoch;
		this.#onReply = options.onReply ?? null;
		setReplySink(first, this.#onReply);
	}

	/** The state on the running server: after a restart, a new connection (as redis-cli does). */
	#live(): ClientState {
		if (this.#born !== this.#host.epoch) {
			this.#state = this.#host.newState();
			this.#born = this.#host.epoch;
			setReplySink(this.#state, this.#onReply);
		}
		return this.#state;
	}

	/** What the getters read: a client from before a restart looks freshly connected. */
	#cur(): ClientState {
		return this.#born === this.#host.epoch ? this.#state : DISCONNECTED;
	}

	get id(): number {
		return this.#live().id;
	}
	get db(): number {
		return this.#cur().db;
	}
	get inTransaction(): boolean {
		return this.#cur().multi !== null;
	}
	get name(): string {
		return this.#cur().name;
	}
	get resp(): 2 | 3 {
		return this.#cur().resp;
	}
	get replyMode(): 'on' | 'off' | 'skip' {
		return this.#cur().replyMode;
	}
	get monitor(): boolean {
		return this.#cur().monitor;
	}
	get blocked(): boolean {
		return isBlocked(this.#host.server, this.#cur());
	}

	exec = (argv: readonly string[]): Reply => {
		const host = this.#host;
		if (host.server.down) return CONNECTION_REFUSED;
		const reply = safeExec(host.server, this.#live(), argv);
		if (host.server.down) {
			// SHUTDOWN: the process is gone; its timers with it.
			killServer(host.server, host.cron);
			return CONNECTION_CLOSED;
		}
		return reply === BLOCKED && this.#onReply === null
			? waitWhileBlocked(host.server, this.#state)
			: reply;
	};

	attach = (conn: Connection): void => {
		this.#state.conn = conn;
	};

	noteErrorReply = (message: string): void => noteErrorReply(this.#host.server, message);

	takeReplySkip = (): boolean => {
		if (this.#state.replyMode !== 'skip') return false;
		this.#state.replyMode = 'on';
		return true;
	};

	close = (): void => {
		if (this.#born !== this.#host.epoch) return;
		const server = this.#host.server;
		const state = this.#state;
		unblockOnClose(server, state);
		for (const w of state.watched) server.watchedKeys.get(`${w.db}\u0000${w.key}`)?.delete(state);
		server.clients.delete(state.id);
	};
}

/** The engine around one Server: its default client, restarts, forks and views. */
class EngineHandle implements Engine {
	readonly #host: Host;
	readonly #startup: Config;
	/**
	 * The default client, connected on first use, so a server whose clients all come from
	 * connect() (the RESP server) counts only them in INFO's connected_clients and CLIENT LIST.
	 */
	#main: Client | null;
	readonly clock: VirtualClock;

	/** `startup` is the config it was created with; `mainId` names a fork's default client. */
	constructor(
		initial: Server,
		readonly seed: number,
		startup: Config,
		mainId: number | null,
	) {
		this.#host = new Host(initial);
		this.#startup = startup;
		this.clock = initial.clock;
		const copiedMain = mainId === null ? undefined : initial.clients.get(mainId);
		this.#main = copiedMain ? new ClientHandle(this.#host, copiedMain, {}) : null;
	}

	#defaultClient(): Client {
		return (this.#main ??= this.connect());
	}

	connect = (options: ConnectOptions = {}): Client =>
		new ClientHandle(this.#host, this.#host.newState(), options);

	exec = (argv: readonly string[]): Reply => this.#defaultClient().exec(argv);

	get resp(): 2 | 3 {
		return this.#main?.resp ?? 2;
	}

	inspect = (db = this.#main?.db ?? 0): KeyspaceView => inspectServer(this.#host.server, db);

	peek = (argv: readonly string[]): Reply | null =>
		this.#main?.inTransaction ? null : peekReply(this.#host.server, this.#main?.db ?? 0, argv);

	subscribe = (fn: EngineListener): (() => void) => this.#host.server.events.subscribe(fn);

	fork = (): Engine =>
		new EngineHandle(
			forkServer(this.#host.server),
			this.seed,
			this.#startup,
			this.#main === null ? null : this.#main.id,
		);

	usedMemory = (): number => usedMemory(this.#host.server);

	commands = (): readonly CommandSpec[] => [...commandTable().values()];

	dispose = (): void => this.#host.cron.stop();

	get isRunning(): boolean {
		return !this.#host.server.down;
	}

	restart = (): void => {
		const host = this.#host;
		if (!host.server.down) killServer(host.server, host.cron);
		host.server = bootServer(host.server, host.server.configFile ?? this.#startup);
		host.epoch++;
		host.cron = startCron(host.server);
		host.cron.arm();
	};

	start = (): void => {
		if (this.#host.server.down) this.restart();
	};

	snapshotKeys = (): number | null => {
		const snapshot = this.#host.server.persistence.snapshot;
		return snapshot && snapshot.dbs.reduce((n, db) => n + db.keys.length, 0);
	};

	setClientBufferBytes = (bytes: number): void => {
		this.#host.server.clientBufferBytes = bytes;
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
