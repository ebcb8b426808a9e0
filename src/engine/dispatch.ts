// Mirrors processCommand() and call() in src/server.c: find the command, check arity, run
// performEvictions and refuse denyoom commands on OOM, queue inside MULTI, then call and publish.
import type { ClientState } from './client.ts';
import type { CommandContext, CommandSpec } from './command.ts';
import { assertCommandLoaded, commandTable } from './commands/index.ts';
import { performEvictions } from './evict.ts';
import { discardTransaction } from './multi.ts';
import { ERR, error, status, type Reply } from './reply.ts';
import type { Server } from './server.ts';
import { noteErrorReply, notePeakMemory } from './stats.ts';
import { noteCall, noteRejectedCall, type StatCache } from './command-stats.ts';
import { BLOCKED, handleClientsBlockedOnKeys } from './blocking.ts';
import { dirtyRule, type After, type DirtyRule } from './dirty.ts';
import { latencyAddSampleIfNeeded } from './latency-monitor.ts';
import { slowlogPushIfNeeded } from './slowlog.ts';
import { storedConfig } from './config.ts';

/** Commands that run at once even inside MULTI (multi.c / processCommand). */
const NOT_QUEUED = new Set(['exec', 'discard', 'multi', 'watch', 'quit', 'reset']);
const QUEUED = status('QUEUED');

export interface ResolvedCommand extends StatCache {
	readonly spec: CommandSpec;
	/** The lower-case name errors use: `get`, `config|get`. */
	readonly fullName: string;
	/** The lower-case top-level name: `config` for `config|get`. */
	readonly base: string;
	readonly isDenyoom: boolean;
	readonly isNoMulti: boolean;
	readonly isWrite: boolean;
	/** CMD_READONLY, CMD_WRITE or CMD_MAY_REPLICATE: a monitor (a replica, to Redis) may not run it. */
	readonly touchesKeyspace: boolean;
	/** CMD_FAST: a spike is logged as "fast-command" rather than "command". */
	readonly isFast: boolean;
	/** Shown to MONITOR clients once run (not admin, not skip_monitor). */
	readonly isMonitored: boolean;
	/** CMD_SKIP_SLOWLOG (EXEC: its commands are logged one by one). */
	readonly skipSlowlog: boolean;
	/** How a run adds to server.dirty (writes only). */
	readonly dirty: DirtyRule | null;
	/** Raises used_memory: a write, CONFIG or DEBUG (the peak is checked after those). */
	readonly mayGrow: boolean;
}

/**
 * lookupCommand runs for every command, so each spec's derived facts are computed once, and the
 * resolution of a name as typed (`GET`, `get`) is cached: no string is built on the hot path.
 */
const resolvedBySpec = new WeakMap<CommandSpec, ResolvedCommand>();
const resolvedByTypedName = new Map<string, ResolvedCommand>();
const TYPED_NAME_CACHE_LIMIT = 1024;

function resolvedOf(spec: CommandSpec): ResolvedCommand {
	let r = resolvedBySpec.get(spec);
	if (!r) {
		const fullName = spec.name.toLowerCase();
		const base = fullName.split('|')[0]!;
		const isWrite = spec.flags.includes('write');
		r = {
			spec,
			fullName,
			base,
			isDenyoom: spec.flags.includes('denyoom'),
			isNoMulti: spec.flags.includes('no_multi'),
			isWrite,
			touchesKeyspace:
				isWrite || spec.flags.includes('readonly') || spec.flags.includes('may_replicate'),
			isFast: spec.flags.includes('fast'),
			isMonitored: !spec.flags.includes('admin') && !spec.flags.includes('skip_monitor'),
			skipSlowlog: spec.flags.includes('skip_slowlog'),
			dirty: isWrite ? dirtyRule(base) : null,
			mayGrow: isWrite || base === 'config' || base === 'debug',
			statTable: null,
			stat: null,
		};
		resolvedBySpec.set(spec, r);
	}
	return r;
}

/**
 * The last name resolved through the cache and what it resolved to: a client runs the same
 * command many times in a row (a load, a benchmark, a replay), and comparing a short name costs
 * less than hashing it for the map.
 */
let lastTypedName = '';
let lastResolved: ResolvedCommand | null = null;

/** lookupCommand + the arity check: a resolved command, or the exact error Redis sends. */
export function resolveCommand(argv: readonly string[]): ResolvedCommand | Reply {
	const name = argv[0] ?? '';
	if (lastResolved !== null && name === lastTypedName) return checkArity(lastResolved, argv);
	const cached = resolvedByTypedName.get(name);
	if (cached) {
		lastTypedName = name;
		lastResolved = cached;
		return checkArity(cached, argv);
	}
	const spec = commandTable().get(name.toLowerCase());
	if (!spec) {
		assertCommandLoaded(name);
		return unknownCommand(argv);
	}
	if (spec.subcommands) {
		// With no subcommand the container's own arity decides (COMMAND alone is valid, CONFIG is not).
		if (argv.length < 2) return checkArity(resolvedOf(spec), argv);
		const sub = argv[1]!;
		const subSpec = spec.subcommands.find((s) => s.name.split('|')[1] === sub.toUpperCase());
		if (!subSpec) {
			return error(`ERR unknown subcommand '${clean(sub.slice(0, 128))}'. Try ${spec.name} HELP.`);
		}
		return checkArity(resolvedOf(subSpec), argv);
	}
	const resolved = resolvedOf(spec);
	if (resolvedByTypedName.size < TYPED_NAME_CACHE_LIMIT) resolvedByTypedName.set(name, resolved);
	return checkArity(resolved, argv);
}

function checkArity(resolved: ResolvedCommand, argv: readonly string[]): ResolvedCommand | Reply {
	const arity = resolved.spec.arity;
	const n = argv.length;
	if ((arity > 0 && n !== arity) || n < -arity) return error(ERR.wrongArgs(resolved.fullName));
	return resolved;
}

/** CR and LF become spaces so an error stays one protocol line (rejectCommandFormat). */
function clean(s: string): string {
	return s.replace(/[\r\n]/g, ' ');
}

function unknownCommand(argv: readonly string[]): Reply {
	let args = '';
	for (let i = 1; i < argv.length && args.length < 128; i++)
		args += `'${argv[i]!.slice(0, 128 - args.length)}' `;
	const name = (argv[0] ?? '').slice(0, 128);
	return error(clean(`ERR unknown command '${name}', with args beginning with: ${args}`));
}

/** The command lookupCommand finds whatever the arity (null when none): what a refusal counts
 * against in INFO commandstats. An unknown subcommand finds nothing; a bare container finds itself. */
function lookupName(argv: readonly string[]): string | null {
	const spec = commandTable().get((argv[0] ?? '').toLowerCase());
	if (!spec) return null;
	if (!spec.subcommands || argv.length < 2) return resolvedOf(spec).fullName;
	const sub = spec.subcommands.find((s) => s.name.split('|')[1] === argv[1]!.toUpperCase());
	return sub ? resolvedOf(sub).fullName : null;
}

export function isResolved(r: ResolvedCommand | Reply): r is ResolvedCommand {
	return 'spec' in r;
}

/** processCommand: everything between reading a command and running it. */
export function processCommand(
	server: Server,
	client: ClientState,
	argv: readonly string[],
): Reply {
	client.lastInteraction = server.now();
	const resolved = resolveCommand(argv);
	if (!isResolved(resolved)) {
		const name = lookupName(argv);
		client.lastCommand = name ?? 'NULL';
		return reject(server, client, argv, resolved, name);
	}
	const { spec, base } = resolved;
	server.currentCommand = base;
	// c->lastcmd is set on lookup, so a queued or refused command still shows in CLIENT LIST.
	client.lastCommand = resolved.fullName;

	if (base === 'debug' && !debugAllowed(server, client))
		return reject(server, client, argv, DEBUG_NOT_ALLOWED, resolved.fullName);

	// Checked first, as processCommand does: before memory, replicas or the keyspace.
	if (client.multi !== null && resolved.isNoMulti && !NOT_QUEUED.has(base))
		return reject(
			server,
			client,
			argv,
			error('ERR Command not allowed inside a transaction'),
			resolved.fullName,
		);

	if (server.config.maxmemory > 0 && !server.sleeping) {
		const outOfMemory = performEvictions(server) === 'fail';
		let rejectOnOom = resolved.isDenyoom || queuedHas(client, base, 'isDenyoom');
		if (client.multi !== null && !['exec', 'discard', 'quit', 'reset'].includes(base))
			rejectOnOom = true;
		if (outOfMemory && rejectOnOom) {
			if (server.events.active) server.events.emit({ type: 'oom', at: server.now(), argv });
			return reject(server, client, argv, error(ERR.oom), resolved.fullName);
		}
	}

	// checkGoodReplicasStatus: this server never has replicas, so any min-replicas-to-write above
	// zero (with a lag limit set) refuses writes, EXEC of queued writes included.
	if (!server.hot.replicasGood && (resolved.isWrite || queuedHas(client, base, 'isWrite')))
		return reject(server, client, argv, NOREPLICAS, resolved.fullName);

	// A MONITOR connection is flagged CLIENT_SLAVE too, and replicas may not touch the keyspace.
	if (client.monitor && resolved.touchesKeyspace)
		return reject(
			server,
			client,
			argv,
			error("ERR Replica can't interact with the keyspace"),
			resolved.fullName,
		);

	if (client.multi !== null && !NOT_QUEUED.has(base)) {
		// queueMultiCommand: a transaction that is already doomed keeps nothing (still QUEUED).
		if (!client.dirtyCas && !client.dirtyExec) client.multi.push([...argv]);
		return publish(server, client, argv, QUEUED);
	}
	const reply = call(server, client, spec, argv, resolved);
	// Keys a write made ready serve their blocked clients before the next command runs.
	if (server.blocking !== null && server.blocking.ready.length > 0)
		handleClientsBlockedOnKeys(server);
	return reply;
}

const DEBUG_NOT_ALLOWED = error(
	'ERR DEBUG command not allowed. If the enable-debug-command option is set to "local", you ' +
		'can run it from a local connection, otherwise you need to set this option in the ' +
		'configuration file, and then restart the server.',
);

/**
 * allowProtectedAction for DEBUG: `yes`, or `local` and a local client. The page's own clients
 * have no socket and are local; a RESP connection is when it comes from a loopback address.
 */
function debugAllowed(server: Server, client: ClientState): boolean {
	const mode = storedConfig(server.config, 'enable-debug-command');
	if (mode === 'yes') return true;
	if (mode !== 'local') return false;
	const addr = client.conn?.addr;
	return addr === undefined || addr.startsWith('127.0.0.1:') || addr.startsWith('[::1]:');
}

/**
 * EXEC's c->mstate.cmd_flags: whether a command queued in the transaction has the flag (denyoom,
 * write), which makes EXEC itself subject to the check that flag brings.
 */
function queuedHas(client: ClientState, base: string, flag: 'isDenyoom' | 'isWrite'): boolean {
	if (base !== 'exec' || client.multi === null) return false;
	return client.multi.some((q) => {
		const r = resolveCommand(q);
		return isResolved(r) && r[flag];
	});
}

const NOREPLICAS = error('NOREPLICAS Not enough good replicas to write.');

/**
 * rejectCommand: the error is sent and, inside MULTI, the transaction is flagged (EXECABORT).
 * A refused EXEC itself (arity, OOM) goes through execCommandAbort: the transaction is discarded,
 * even outside MULTI, and the reason is wrapped in EXECABORT.
 */
function reject(
	server: Server,
	client: ClientState,
	argv: readonly string[],
	reply: Reply,
	name: string | null,
): Reply {
	if (client.multi !== null) client.dirtyExec = true;
	if (name !== null) noteRejectedCall(server, name);
	if (reply.type === 'error' && (argv[0] ?? '').toLowerCase() === 'exec') {
		discardTransaction(server, client);
		const reason = reply.value.startsWith('ERR ') ? reply.value.slice(4) : reply.value;
		reply = error(`EXECABORT Transaction discarded because of: ${reason}`);
	}
	if (reply.type === 'error') noteErrorReply(server, reply.value);
	return publish(server, client, argv, reply);
}

/** `T` with its fields writable: the records call() fills in again for each command. */
type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The contexts call() hands to commands, one per depth of nesting (EXEC calls the commands it
 * queued), reused from one command to the next as Redis reuses its client struct and overwrites
 * c->argv. A fresh object per command was half of what a GET allocated, and the young space
 * that allocation streams through pushes a large keyspace out of the cache: on 100k keys a GET
 * took several percent longer. A command reads its context while it runs and keeps none of
 * it (blockForKeys copies what a blocked client needs).
 */
const contexts: Writable<CommandContext>[] = [];
let depth = 0;

/**
 * The record a write's dirty rule reads once the command ran, filled in again for each write
 * for the same reason: a rule reads it and runs no command, so one is enough.
 */
let after: Writable<After> | null = null;

/** call(): runs a resolved command and publishes it. EXEC uses it for each queued command. */
export function call(
	server: Server,
	client: ClientState,
	spec: CommandSpec,
	argv: readonly string[],
	resolved: ResolvedCommand = resolvedOf(spec),
): Reply {
	const db = server.dbs[client.db]!;
	server.currentCommand = resolved.base;
	const started = server.now();
	const rule = resolved.dirty;
	const before = rule?.before?.(server, db, argv);
	const signals = server.keySignals;
	const ctx = (contexts[depth] ??= { server, client, db, argv });
	ctx.server = server;
	ctx.client = client;
	ctx.db = db;
	ctx.argv = argv;
	depth++;
	let reply: Reply;
	try {
		reply = spec.run(ctx);
	} finally {
		depth--;
	}
	server.stats.total_commands_processed++;
	// A blocked command's stats, event and reply come when it is served or times out (blocking.ts);
	// its MONITOR line comes now, as call() feeds the monitors whether the command blocked or not.
	if (reply === BLOCKED) {
		if (resolved.isMonitored && server.events.active)
			server.events.emit({ type: 'monitor', at: server.now(), client: client.id, db: db.id, argv });
		return reply;
	}
	if (rule) {
		after ??= { server, argv, reply, signals: 0, before, db };
		after.server = server;
		after.argv = argv;
		after.reply = reply;
		after.signals = server.keySignals - signals;
		after.before = before;
		after.db = db;
		const n = rule.count(after);
		if (n > 0) addDirty(server, n);
	}
	const usec = (server.now() - started) * 1000;
	noteCall(server, resolved.fullName, usec, reply.type === 'error', resolved);
	if (!resolved.skipSlowlog) slowlogPushIfNeeded(server, client, argv, usec);
	// Only a call that moved the clock by a millisecond or more can reach the monitor's threshold.
	if (usec >= 1000)
		latencyAddSampleIfNeeded(
			server,
			resolved.isFast ? 'fast-command' : 'command',
			Math.floor(Math.round(usec) / 1000),
		);
	client.lastCommand = resolved.fullName;
	if (reply.type === 'error') noteErrorReply(server, reply.value);
	// In this model only writes and config/debug changes can raise used_memory (reads don't
	// allocate), so the peak is checked after those; Redis checks after every command.
	if (resolved.mayGrow) notePeakMemory(server);
	return publish(server, client, argv, reply, resolved.isMonitored);
}

/**
 * server.dirty += n. The cron plans a save point's tick from which save points dirty has reached,
 * so it is asked again only when this addition reaches one more of them (or is the first since a
 * save reset dirty): asking on every write planned the same tick again each time.
 */
function addDirty(server: Server, n: number): void {
	const p = server.persistence;
	const from = p.dirty;
	p.dirty = from + n;
	if (from === 0) {
		server.wakeCron(Infinity);
		return;
	}
	const points = server.hot.saveParams;
	for (let i = 0; i < points.length; i++) {
		const changes = points[i]!.changes;
		if (from < changes && changes <= p.dirty) {
			server.wakeCron(Infinity);
			return;
		}
	}
}

/** The command event; `monitor` marks a command call() ran that replicationFeedMonitors shows. */
function publish(
	server: Server,
	client: ClientState,
	argv: readonly string[],
	reply: Reply,
	monitor = false,
): Reply {
	if (server.events.active)
		server.events.emit({
			type: 'command',
			at: server.now(),
			client: client.id,
			db: client.db,
			argv,
			reply,
			...(monitor ? { monitor } : {}),
		});
	return reply;
}
