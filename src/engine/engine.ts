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
import { appendSlot, Db } from './keyspace.ts';
import { copyObject } from './object.ts';
import { Random } from './random.ts';
import { error, type Reply } from './reply.ts';
import { Server } from './server.ts';
import { noteErrorReply, usedMemory } from './stats.ts';
import { BLOCKED, isBlocked, setReplySink, unblockOnClose, waitWhileBlocked } from './blocking.ts';

export interface EngineOptions {
	clock?: VirtualClock;
	/** Seeds every random draw (sampling, RANDOMKEY, LFU): same seed, same run. */
	seed?: number;
	config?: Partial<Config>;
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
	inspect(db?: number): KeyspaceView;
	subscribe(fn: EngineListener): () => void;
	/** A deep copy on a detached clock: lesson checks, snapshots and what-ifs run on it. */
	fork(): Engine;
	usedMemory(): number;
	/** The command table, for hints, completion and `help`. */
	commands(): readonly CommandSpec[];
	/** Stops the cron timer (the engine still answers, but time no longer drives expiry). */
	dispose(): void;
	/** Report bytes held in client buffers (the RESP server's query/output buffers). */
	setClientBufferBytes(bytes: number): void;
}

export function createEngine(options: EngineOptions = {}): Engine {
	const clock = options.clock ?? new VirtualClock();
	const seed = options.seed ?? 1;
	const stored = { ...DEFAULT_CONFIG.stored, ...options.config?.stored };
	const config = { ...DEFAULT_CONFIG, ...options.config, stored };
	const server = new Server(clock, config, new Random(seed));
	return wrap(server, seed);
}

function wrap(server: Server, seed: number): Engine {
	const clock = server.clock;
	const cron = startCron(server);

	const connect = (options: ConnectOptions = {}): Client => {
		const state: ClientState = createClientState(server.nextClientId++, clock.now());
		const onReply = options.onReply ?? null;
		setReplySink(state, onReply);
		server.clients.set(state.id, state);
		server.stats.total_connections_received++;
		return {
			id: state.id,
			get db() {
				return state.db;
			},
			get inTransaction() {
				return state.multi !== null;
			},
			get name() {
				return state.name;
			},
			get resp() {
				return state.resp;
			},
			get replyMode() {
				return state.replyMode;
			},
			get monitor() {
				return state.monitor;
			},
			get blocked() {
				return isBlocked(server, state);
			},
			exec(argv) {
				const reply = safeExec(server, state, argv);
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
				unblockOnClose(server, state);
				for (const w of state.watched)
					server.watchedKeys.get(`${w.db}\u0000${w.key}`)?.delete(state);
				server.clients.delete(state.id);
			},
		};
	};
	// The default client connects on first use, so a server whose clients all come from connect()
	// (the RESP server) counts only them in INFO's connected_clients and CLIENT LIST.
	let main: Client | null = null;
	const defaultClient = () => (main ??= connect());

	return {
		clock,
		seed,
		connect,
		exec: (argv) => defaultClient().exec(argv),
		inspect: (db = main?.db ?? 0) => inspectServer(server, db),
		subscribe: (fn) => server.events.subscribe(fn),
		fork: () => wrap(forkServer(server), seed),
		usedMemory: () => usedMemory(server),
		commands: () => [...commandTable().values()],
		dispose: () => cron.stop(),
		setClientBufferBytes(bytes) {
			server.clientBufferBytes = bytes;
		},
	};
}

/** exec() never throws: an engine bug becomes an error reply rather than a dead page. */
function safeExec(server: Server, client: ClientState, argv: readonly string[]): Reply {
	try {
		return processCommand(server, client, argv);
	} catch (e) {
		return error(`ERR internal engine error: ${e instanceof Error ? e.message : String(e)}`);
	}
}

function forkServer(src: Server): Server {
	const server = new Server(src.clock.detachedCopy(), { ...src.config }, src.rng.clone());
	server.stats = { ...src.stats };
	server.activeExpireEnabled = src.activeExpireEnabled;
	server.lruResolutionMs = src.lruResolutionMs;
	server.clientBufferBytes = src.clientBufferBytes;
	server.nextClientId = 1;
	for (const [k, v] of Object.entries(src.ext)) server.ext[k] = structuredClone(v);
	src.dbs.forEach((from, i) => copyDb(from, server.dbs[i]!));
	return server;
}

function copyDb(from: Db, to: Db): void {
	for (const key of from.keys) {
		const obj = copyObject(from.dict.get(key)!);
		appendSlot(to, key, obj);
		to.dict.set(key, obj);
	}
	for (const key of from.volatile) {
		to.volatileSlot.set(key, to.volatile.length);
		to.volatile.push(key);
		to.expires.set(key, from.expires.get(key)!);
	}
	to.expiresCursor = from.expiresCursor;
	to.avgTtl = from.avgTtl;
	to.bytes = from.bytes;
	to.slots = from.slots;
	to.expiresSlots = from.expiresSlots;
}
