// Mirrors struct redisCommand and the JSON command table (src/commands/*.json): commands are data —
// name, arity, flags, key positions, docs — plus the function that runs them.
import type { Reply } from './reply.ts';
import type { Server } from './server.ts';
import type { Db } from './keyspace.ts';
import type { ClientState } from './client.ts';

export type CommandFlag =
	| 'write'
	| 'readonly'
	| 'denyoom'
	| 'admin'
	| 'pubsub'
	| 'noscript'
	| 'blocking'
	| 'loading'
	| 'stale'
	| 'skip_monitor'
	| 'skip_slowlog'
	| 'fast'
	| 'no_auth'
	| 'may_replicate'
	| 'no_async_loading'
	| 'no_multi'
	| 'no_mandatory_keys'
	| 'movablekeys'
	| 'allow_busy';

export type CommandGroup =
	| 'string'
	| 'bitmap'
	| 'generic'
	| 'hash'
	| 'list'
	| 'set'
	| 'sorted-set'
	| 'server'
	| 'connection'
	| 'transactions';

/**
 * What a command runs with. call() reuses one object from command to command, as Redis reuses a
 * client's struct: read it while the command runs, and copy whatever must outlive the call.
 */
export interface CommandContext {
	readonly server: Server;
	readonly client: ClientState;
	/** The client's selected database. */
	readonly db: Db;
	/** Arguments as binary strings; argv[0] is the command name as typed. */
	readonly argv: readonly string[];
}

export interface CommandSpec {
	/** Upper case, as `COMMAND DOCS` and the console show it; subcommands as `CONFIG|GET`. */
	readonly name: string;
	/** Redis's arity: positive = exactly, negative = at least |arity| (argv[0] included). */
	readonly arity: number;
	readonly flags: readonly CommandFlag[];
	readonly group: CommandGroup;
	/** One line, our words, for `help` and hints. */
	readonly summary: string;
	/** The argument syntax as redis-cli's help shows it, e.g. `key seconds value`. */
	readonly syntax: string;
	readonly since: string;
	/** First key, last key (negative counts from the end), step; all 0 when there are no keys. */
	readonly keys?: readonly [number, number, number];
	readonly subcommands?: readonly CommandSpec[];
	/** getkeys_proc: key positions of a full command line where first/last/step cannot say (SORT). */
	readonly getKeys?: (argv: readonly string[]) => number[];
	readonly run: (ctx: CommandContext) => Reply;
}

/** What a subcommand says of itself; the rest comes from its container (see subcommandOf). */
export type SubcommandFields = Pick<CommandSpec, 'arity' | 'summary' | 'run'> &
	Partial<Pick<CommandSpec, 'flags' | 'syntax' | 'since' | 'keys' | 'getKeys'>>;

/**
 * Makes a container's subcommands (`CONFIG|GET`…): the full name, and the container's group,
 * flags and version, with no syntax, unless a subcommand gives its own.
 */
export function subcommandOf(
	container: string,
	defaults: Pick<CommandSpec, 'group' | 'flags'> & { readonly since?: string },
): (name: string, fields: SubcommandFields) => CommandSpec {
	return (name, fields) => ({
		name: `${container}|${name}`,
		syntax: '',
		since: '',
		...defaults,
		...fields,
	});
}

/** A container (CONFIG, OBJECT…): its own arity is −2 and its run is never called directly. */
export function container(
	spec: Omit<CommandSpec, 'run' | 'arity'> & { subcommands: readonly CommandSpec[] },
): CommandSpec {
	return { ...spec, arity: -2, run: () => ({ type: 'error', value: 'ERR unreachable' }) };
}
