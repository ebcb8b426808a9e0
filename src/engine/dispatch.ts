// Mirrors processCommand() and call() in src/server.c: find the command, check arity, run
// performEvictions and refuse denyoom commands on OOM, queue inside MULTI, then call and publish.
import type { ClientState } from './client.ts';
import type { CommandSpec } from './command.ts';
import { commandTable } from './commands/index.ts';
import { performEvictions } from './evict.ts';
import { ERR, error, status, type Reply } from './reply.ts';
import type { Server } from './server.ts';
import { noteErrorReply, notePeakMemory } from './stats.ts';

/** Commands that run at once even inside MULTI (multi.c / processCommand). */
const NOT_QUEUED = new Set(['exec', 'discard', 'multi', 'watch', 'quit', 'reset']);
const QUEUED = status('QUEUED');

export interface ResolvedCommand {
	readonly spec: CommandSpec;
	/** The lower-case name errors use: `get`, `config|get`. */
	readonly fullName: string;
}

/** lookupCommand + the arity check: a resolved command, or the exact error Redis sends. */
export function resolveCommand(argv: readonly string[]): ResolvedCommand | Reply {
	const name = argv[0] ?? '';
	const spec = commandTable().get(name.toLowerCase());
	if (!spec) return unknownCommand(argv);
	if (spec.subcommands) {
		// With no subcommand the container's own arity decides (COMMAND alone is valid, CONFIG is not).
		if (argv.length < 2) return checkArity(spec, argv);
		const sub = argv[1]!;
		const subSpec = spec.subcommands.find((s) => s.name.split('|')[1] === sub.toUpperCase());
		if (!subSpec) {
			return error(`ERR unknown subcommand '${clean(sub.slice(0, 128))}'. Try ${spec.name} HELP.`);
		}
		return checkArity(subSpec, argv);
	}
	return checkArity(spec, argv);
}

function checkArity(spec: CommandSpec, argv: readonly string[]): ResolvedCommand | Reply {
	const fullName = spec.name.toLowerCase();
	const n = argv.length;
	if ((spec.arity > 0 && n !== spec.arity) || n < -spec.arity)
		return error(ERR.wrongArgs(fullName));
	return { spec, fullName };
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

export function isResolved(r: ResolvedCommand | Reply): r is ResolvedCommand {
	return 'spec' in r;
}

/** processCommand: everything between reading a command and running it. */
export function processCommand(
	server: Server,
	client: ClientState,
	argv: readonly string[],
): Reply {
	const resolved = resolveCommand(argv);
	if (!isResolved(resolved)) return reject(server, client, argv, resolved);
	const { spec, fullName } = resolved;
	const base = fullName.split('|')[0]!;
	server.currentCommand = base;

	if (server.config.maxmemory > 0 && !server.sleeping) {
		const outOfMemory = performEvictions(server) === 'fail';
		const queuedDenyoom =
			base === 'exec' && client.multi !== null && client.multi.some((q) => isDenyoom(q));
		let rejectOnOom = spec.flags.includes('denyoom') || queuedDenyoom;
		if (client.multi !== null && !['exec', 'discard', 'quit', 'reset'].includes(base))
			rejectOnOom = true;
		if (outOfMemory && rejectOnOom) {
			if (server.events.active) server.events.emit({ type: 'oom', at: server.now(), argv });
			return reject(server, client, argv, error(ERR.oom));
		}
	}

	if (client.multi !== null && !NOT_QUEUED.has(base)) {
		if (spec.flags.includes('no_multi'))
			return reject(server, client, argv, error('ERR Command not allowed inside a transaction'));
		client.multi.push([...argv]);
		return publish(server, client, argv, QUEUED);
	}
	return call(server, client, spec, argv);
}

function isDenyoom(argv: readonly string[]): boolean {
	const r = resolveCommand(argv);
	return isResolved(r) && r.spec.flags.includes('denyoom');
}

/** rejectCommand: the error is sent and, inside MULTI, the transaction is flagged (EXECABORT). */
function reject(server: Server, client: ClientState, argv: readonly string[], reply: Reply): Reply {
	if (client.multi !== null) client.dirtyExec = true;
	if (reply.type === 'error') noteErrorReply(server, reply.value);
	return publish(server, client, argv, reply);
}

/** call(): runs a resolved command and publishes it. EXEC uses it for each queued command. */
export function call(
	server: Server,
	client: ClientState,
	spec: CommandSpec,
	argv: readonly string[],
): Reply {
	const db = server.dbs[client.db]!;
	server.currentCommand = spec.name.split('|')[0]!.toLowerCase();
	const reply = spec.run({ server, client, db, argv });
	server.stats.total_commands_processed++;
	client.lastCommand = spec.name.toLowerCase();
	if (reply.type === 'error') noteErrorReply(server, reply.value);
	notePeakMemory(server);
	return publish(server, client, argv, reply);
}

function publish(
	server: Server,
	client: ClientState,
	argv: readonly string[],
	reply: Reply,
): Reply {
	if (server.events.active)
		server.events.emit({
			type: 'command',
			at: server.now(),
			client: client.id,
			db: client.db,
			argv,
			reply,
		});
	return reply;
}
