// Mirrors src/blocked.c (blockForKeys, signalKeyAsReady, handleClientsBlockedOnKeys, unblockClient)
// and the timeout half of src/timeout.c, on the virtual clock. Generic over types: lists use it
// for BLPOP/BRPOP/BLMOVE/BRPOPLPUSH/BLMPOP, and sorted sets can use it the same way.
//
// The API, for a blocking command:
//
//   const deadline = parseTimeout(server, argv[i], 'seconds');   // or a Reply (the error)
//   if (typeof deadline !== 'number') return deadline;
//   … try the keys at once, like the non-blocking form; if nothing is there:
//   if (!canBlock(client, deadline)) return NIL_ARRAY;           // inside MULTI, or no way back
//   return blockForKeys(ctx, keys, deadline, serve);             // returns BLOCKED
//
// `serve` is called for this client, in the order clients blocked, each time one of its keys is
// signalled ready and still exists: it gets the key's object and returns the reply to send (having
// done its pop), or null to stay blocked (the object is not of a type it waits for). A reply ends
// the wait; so does the deadline (+1 ms, as Redis checks `timeout < now`), which sends `*-1`.
//
// Writers need do nothing: dbAdd (keyspace.ts) calls signalKeyAsReady for every non-string key it
// adds, and processCommand (dispatch.ts) calls handleClientsBlockedOnKeys after each command, so
// a push serves the blocked clients before the next command runs (after EXEC, not inside it).
//
// The reply of a blocked command reaches its client through the sink its connection registered
// (setReplySink; Engine.connect({ onReply })). A client without one (the playground console, the
// piped REPL) cannot wait in the background: waitWhileBlocked runs the virtual clock until it is
// served or times out, and a timeout of 0 (forever) is refused the wait and answers `*-1` at once.
import type { ClientState } from './client.ts';
import type { CommandContext } from './command.ts';
import { noteCall } from './command-stats.ts';
import { slowlogPushIfNeeded } from './slowlog.ts';
import { LOOKUP_NOSTATS, lookupKey, watchKey, type Db } from './keyspace.ts';
import { parseLongDouble, roundToExtended, type LongDouble } from './long-double.ts';
import type { RedisObject } from './object.ts';
import { NIL_ARRAY, error, type Reply } from './reply.ts';
import type { Server } from './server.ts';
import { noteErrorReply } from './stats.ts';

/** What a command returns when it has blocked: no reply now, one later through the sink. */
export const BLOCKED: Reply = Object.freeze({ type: 'array', value: null }) as Reply;

export interface ServeContext {
	readonly server: Server;
	readonly db: Db;
	readonly key: string;
	readonly obj: RedisObject;
	readonly client: ClientState;
}

/** Serves one blocked client from a ready key: the reply, or null to leave it blocked. */
export type ServeFn = (ctx: ServeContext) => Reply | null;

interface BlockedClient {
	readonly client: ClientState;
	readonly db: Db;
	readonly keys: readonly string[];
	readonly argv: readonly string[];
	/** The command's lower-case name, for commandstats when it completes. */
	readonly name: string;
	readonly serve: ServeFn;
	/** Absolute ms, 0 = no timeout. */
	readonly deadline: number;
	timer: number | undefined;
}

/** Per-server state: who waits for what, and the keys signalled since the last command. */
export class BlockingState {
	readonly byClient = new Map<ClientState, BlockedClient>();
	/** blocking_keys: db+key → clients in the order they blocked. */
	readonly byKey = new Map<string, BlockedClient[]>();
	/** ready_keys, deduplicated by `readySet`. */
	ready: { db: Db; key: string }[] = [];
	readonly readySet = new Set<string>();
}

const sinks = new WeakMap<ClientState, (reply: Reply) => void>();

/** Where a client's late replies go (its connection writes them out). */
export function setReplySink(client: ClientState, sink: ((reply: Reply) => void) | null): void {
	if (sink) sinks.set(client, sink);
	else sinks.delete(client);
}

const stateOf = (server: Server): BlockingState => (server.blocking ??= new BlockingState());

export const isBlocked = (server: Server, client: ClientState): boolean =>
	server.blocking?.byClient.has(client) ?? false;

/** INFO's blocked_clients. */
export const blockedClients = (server: Server): number => server.blocking?.byClient.size ?? 0;

/** INFO's clients_in_timeout_table: blocked clients that have a deadline. */
export function clientsWithTimeout(server: Server): number {
	let n = 0;
	for (const b of server.blocking?.byClient.values() ?? []) if (b.deadline !== 0) n++;
	return n;
}

/** The keys a blocked client waits on (CLIENT LIST, tests), or null when it is not blocked. */
export function blockedKeys(server: Server, client: ClientState): readonly string[] | null {
	return server.blocking?.byClient.get(client)?.keys ?? null;
}

/**
 * CLIENT_DENY_BLOCKING: inside MULTI a blocking command answers like its non-blocking form. A
 * client with no reply sink may wait only for a finite time (waitWhileBlocked runs the clock).
 */
export function canBlock(client: ClientState, deadline: number): boolean {
	if (client.multi !== null) return false;
	return sinks.has(client) || (deadline !== 0 && Number.isFinite(deadline));
}

/**
 * getTimeoutFromObjectOrReply: seconds as a long double (or whole ms), rounded up to ms; negative,
 * unparsable or overflowing values get Redis's errors. Returns the absolute deadline, 0 = forever,
 * Infinity = a deadline that overflowed (in the timeout table, but never due).
 */
export function parseTimeout(server: Server, arg: string, unit: 'seconds' | 'ms'): number | Reply {
	let ms: bigint;
	if (unit === 'seconds') {
		const ld = parseLongDouble(arg);
		if (ld === null || ld.kind === 'nan')
			return error('ERR timeout is not a float or out of range');
		ms = ceilTimesThousand(ld);
	} else {
		if (!/^(0|-?[1-9][0-9]*)$/.test(arg) || BigInt(arg) > LLONG_MAX || BigInt(arg) < LLONG_MIN)
			return error('ERR timeout is not an integer or out of range');
		ms = BigInt(arg);
	}
	if (ms < 0n) return error('ERR timeout is negative');
	if (ms === 0n) return 0;
	// 7.0 adds mstime() unchecked: past LLONG_MAX the deadline wraps negative, and the timeout
	// table keys its clients by the deadline read as unsigned, where that is far beyond any clock:
	// the client waits, counted in clients_in_timeout_table, and never times out.
	const deadline = ms + BigInt(server.now());
	return deadline > LLONG_MAX ? Infinity : Number(deadline);
}

const LLONG_MAX = 9223372036854775807n;
const LLONG_MIN = -9223372036854775808n;

/**
 * (long long)ceill(x * 1000.0) on x87: the product rounded to 64 bits, then up to a whole ms, so a
 * positive timeout under 1 ms waits 1 ms rather than for ever; ±inf and anything past the long
 * long range become LLONG_MIN ("integer indefinite").
 */
function ceilTimesThousand(ld: Exclude<LongDouble, { kind: 'nan' }>): bigint {
	if (ld.kind === 'inf') return LLONG_MIN;
	const p = roundToExtended(ld.negative, ld.m * 1000n, 1n, ld.e);
	if (p.kind !== 'finite') return LLONG_MIN;
	let magnitude = p.e >= 0 ? p.m << BigInt(p.e) : p.m >> BigInt(-p.e);
	// Towards +inf: a positive product with a fraction goes up; a negative one is cut, as ceil does.
	if (!p.negative && p.e < 0 && (p.m & ((1n << BigInt(-p.e)) - 1n)) !== 0n) magnitude += 1n;
	const value = p.negative ? -magnitude : magnitude;
	return value > LLONG_MAX || value < LLONG_MIN ? LLONG_MIN : value;
}

/** blockForKeys: registers the client on every key (once each) and arms its timeout. */
export function blockForKeys(
	{ server, client, db, argv }: CommandContext,
	keys: readonly string[],
	deadline: number,
	serve: ServeFn,
): Reply {
	const state = stateOf(server);
	const unique = [...new Set(keys)];
	const b: BlockedClient = {
		client,
		db,
		keys: unique,
		argv: [...argv],
		name: argv[0]!.toLowerCase(),
		serve,
		deadline,
		timer: undefined,
	};
	state.byClient.set(client, b);
	for (const key of unique) {
		const id = watchKey(db.id, key);
		const queue = state.byKey.get(id);
		if (queue) queue.push(b);
		else state.byKey.set(id, [b]);
	}
	if (deadline !== 0 && Number.isFinite(deadline)) {
		b.timer = server.clock.setTimeout(
			() => {
				b.timer = undefined;
				if (state.byClient.get(client) === b) finish(server, b, NIL_ARRAY);
			},
			deadline + 1 - server.now(),
		);
	}
	return BLOCKED;
}

/** Removes a client from every queue and disarms its timer (unblockClient without a reply). */
function forget(server: Server, b: BlockedClient): void {
	const state = stateOf(server);
	state.byClient.delete(b.client);
	for (const key of b.keys) {
		const id = watchKey(b.db.id, key);
		const queue = state.byKey.get(id);
		if (!queue) continue;
		const i = queue.indexOf(b);
		if (i >= 0) queue.splice(i, 1);
		if (queue.length === 0) state.byKey.delete(id);
	}
	if (b.timer !== undefined) server.clock.clearTimeout(b.timer);
	b.timer = undefined;
}

/** The blocked command completes: stats as updateStatsOnUnblock, the event, then the reply. */
function finish(server: Server, b: BlockedClient, reply: Reply): void {
	forget(server, b);
	const failed = reply.type === 'error';
	noteCall(server, b.name, 0, failed);
	slowlogPushIfNeeded(server, b.client, b.argv, 0);
	if (failed) noteErrorReply(server, reply.value);
	if (server.events.active)
		server.events.emit({
			type: 'command',
			at: server.now(),
			client: b.client.id,
			db: b.db.id,
			argv: b.argv,
			reply,
			// No MONITOR line: the monitors saw it when it was called (dispatch.ts).
		});
	sinks.get(b.client)?.(reply);
}

/** A closing connection stops waiting; nothing is sent. */
export function unblockOnClose(server: Server, client: ClientState): void {
	const b = server.blocking?.byClient.get(client);
	if (b) forget(server, b);
}

/** CLIENT UNBLOCK: the wait ends now, with the timeout's reply or an UNBLOCKED error. */
export function unblockClient(server: Server, client: ClientState, withError: boolean): boolean {
	const b = server.blocking?.byClient.get(client);
	if (!b) return false;
	finish(server, b, withError ? error('UNBLOCKED client unblocked via CLIENT UNBLOCK') : NIL_ARRAY);
	return true;
}

/** signalKeyAsReady: queues a key some client waits on, once until the queue is served. */
export function signalKeyAsReady(server: Server, db: Db, key: string): void {
	const state = server.blocking;
	if (!state || state.byClient.size === 0) return;
	const id = watchKey(db.id, key);
	if (state.readySet.has(id) || !state.byKey.has(id)) return;
	state.readySet.add(id);
	state.ready.push({ db, key });
}

/** scanDatabaseForReadyKeys: after SWAPDB, every key someone waits on in `db` that now exists. */
export function scanDatabaseForReadyKeys(server: Server, db: Db): void {
	const state = server.blocking;
	if (!state || state.byClient.size === 0) return;
	const prefix = watchKey(db.id, '');
	for (const id of state.byKey.keys()) {
		if (!id.startsWith(prefix)) continue;
		const key = id.slice(prefix.length);
		if (db.dict.has(key)) signalKeyAsReady(server, db, key);
	}
}

/**
 * handleClientsBlockedOnKeys: for each ready key, its waiters in the order they blocked, while
 * the key still exists. Keys signalled while serving (BLMOVE's destination) are served after.
 */
export function handleClientsBlockedOnKeys(server: Server): void {
	const state = server.blocking;
	if (!state) return;
	while (state.ready.length > 0) {
		const batch = state.ready;
		state.ready = [];
		for (const { db, key } of batch) {
			const id = watchKey(db.id, key);
			state.readySet.delete(id);
			const queue = state.byKey.get(id);
			if (!queue) continue;
			for (const b of queue.slice()) {
				if (state.byClient.get(b.client) !== b) continue;
				const obj = lookupKey(server, db, key, LOOKUP_NOSTATS);
				if (obj === null) break;
				const reply = b.serve({ server, db, key, obj, client: b.client });
				if (reply !== null) finish(server, b, reply);
			}
		}
	}
}

/**
 * For a client with no reply sink: lets virtual time run, timer by timer, until the client is
 * served (by another client's write in a timer) or its timeout fires. Returns the final reply.
 */
export function waitWhileBlocked(server: Server, client: ClientState): Reply {
	let result: Reply | null = null;
	sinks.set(client, (r) => (result = r));
	try {
		while (result === null && isBlocked(server, client)) {
			const next = server.clock.nextTimerAt();
			if (next === null) break;
			server.clock.advanceTo(next);
		}
	} finally {
		sinks.delete(client);
	}
	if (result === null) {
		unblockOnClose(server, client);
		return NIL_ARRAY;
	}
	return result;
}
