// Mirrors commandCommand and its subcommands in src/server.c: COMMAND, COUNT, INFO, DOCS, LIST and
// HELP over the engine's command table. COMMAND is a container whose own arity (-1) lets it run
// bare. Key specs are not modelled (empty arrays); first/last/step come from the spec's `keys`.
import { subcommandOf, type CommandSpec } from '../command.ts';
import { ERR, NIL, array, bulk, error, integer, status, type Reply } from '../reply.ts';
import { argReply, argumentsFromSyntax } from './command-docs.ts';
import { aclCategories, commandTips } from './command-meta.ts';
import { commandTable } from './index.ts';
import { helpSubcommand } from './help.ts';
import { stringMatch } from '../glob.ts';

const fullNameOf = (spec: CommandSpec) => spec.name.toLowerCase();

/** lookupCommandBySds: `get`, or `config|get` for a subcommand. */
export function findCommand(name: string): CommandSpec | undefined {
	const [base = '', sub, extra] = name.toLowerCase().split('|');
	if (extra !== undefined) return undefined;
	const spec = commandTable().get(base);
	if (sub === undefined) return spec;
	return spec?.subcommands?.find((s) => s.name.toLowerCase() === `${base}|${sub}`);
}

/** addReplyCommandInfo: the ten-element array COMMAND INFO gives each command. */
export function commandInfo(spec: CommandSpec): Reply {
	const name = fullNameOf(spec);
	const [first, last, step] = spec.keys ?? [0, 0, 0];
	return array([
		bulk(name),
		integer(spec.arity),
		array(spec.flags.map(status), 'set'),
		integer(first),
		integer(last),
		integer(step),
		array(
			aclCategories(spec, name).map((c) => status(`@${c}`)),
			'set',
		),
		array(commandTips(name).map(bulk)),
		array([]),
		array((spec.subcommands ?? []).map(commandInfo)),
	]);
}

/** addReplyCommandDocs: summary, since, group, arguments and subcommands, as a map. */
export function commandDocs(spec: CommandSpec): Reply {
	const out: Reply[] = [bulk('summary'), bulk(spec.summary)];
	out.push(bulk('since'), bulk(spec.since), bulk('group'), bulk(spec.group));
	const args = spec.subcommands ? [] : argumentsFromSyntax(spec.syntax, spec.name);
	if (args.length > 0) out.push(bulk('arguments'), array(args.map(argReply)));
	if (spec.subcommands) {
		const subs: Reply[] = [];
		for (const sub of spec.subcommands) subs.push(bulk(fullNameOf(sub)), commandDocs(sub));
		out.push(bulk('subcommands'), array(subs, 'map'));
	}
	return array(out, 'map');
}

const allCommands = () => [...commandTable().values()];

/** COMMAND LIST's names: every command, each container followed by its subcommands. */
function listNames(filter: (spec: CommandSpec) => boolean): Reply {
	const names: string[] = [];
	for (const spec of allCommands())
		for (const s of [spec, ...(spec.subcommands ?? [])]) if (filter(s)) names.push(fullNameOf(s));
	return array(names.map(bulk));
}

function commandList(argv: readonly string[]): Reply {
	if (argv.length === 2) return listNames(() => true);
	if (argv.length !== 5 || argv[2]!.toLowerCase() !== 'filterby') return error(ERR.syntax);
	const kind = argv[3]!.toLowerCase();
	const value = argv[4]!;
	if (kind === 'module') return array([]);
	if (kind === 'aclcat')
		return listNames((s) => aclCategories(s, fullNameOf(s)).includes(value.toLowerCase()));
	if (kind === 'pattern') return listNames((s) => stringMatch(value, fullNameOf(s), true));
	return error(ERR.syntax);
}

/** COMMAND GETKEYS: the keys a full command line names, from its first/last/step positions. */
function getKeys(cmdArgv: readonly string[]): Reply {
	let spec = commandTable().get(cmdArgv[0]!.toLowerCase());
	if (spec?.subcommands && cmdArgv.length >= 2) spec = findCommand(`${cmdArgv[0]}|${cmdArgv[1]}`);
	if (!spec) return error('ERR Invalid command specified');
	const [first, last, step] = spec.keys ?? [0, 0, 0];
	// doesCommandHaveKeys is asked before the arity: `CONFIG GET` alone has no keys to look for.
	if (!spec.getKeys && first === 0) return error('ERR The command has no key arguments');
	const n = cmdArgv.length;
	if ((spec.arity > 0 && n !== spec.arity) || n < -spec.arity)
		return error('ERR Invalid number of arguments specified for command');
	if (spec.getKeys) {
		// A key-count argument that names no key (or too many) finds none: Redis refuses that.
		const found = spec.getKeys(cmdArgv);
		if (found.length === 0) return error('ERR Invalid arguments specified for command');
		return array(found.map((i) => bulk(cmdArgv[i]!)));
	}
	const end = last < 0 ? n + last : last;
	const keys: Reply[] = [];
	for (let i = first; i <= end && i < n; i += step) keys.push(bulk(cmdArgv[i]!));
	return array(keys);
}

const COMMAND_HELP = [
	'(no subcommand)',
	'    Return details about all Redis commands.',
	'COUNT',
	'    Return the total number of commands in this Redis server.',
	'LIST',
	'    Return a list of all commands in this Redis server.',
	'INFO [<command-name> ...]',
	'    Return details about multiple Redis commands.',
	'    If no command names are given, documentation details for all',
	'    commands are returned.',
	'DOCS [<command-name> ...]',
	'    Return documentation details about multiple Redis commands.',
	'    If no command names are given, documentation details for all',
	'    commands are returned.',
	'GETKEYS <full-command>',
	'    Return the keys from a full Redis command.',
	'GETKEYSANDFLAGS <full-command>',
	'    Return the keys and the access flags from a full Redis command.',
];

const FLAGS = ['loading', 'stale'] as const;

const sub = subcommandOf('COMMAND', { group: 'server', flags: FLAGS });

export const commandCommand: CommandSpec = {
	name: 'COMMAND',
	arity: -1,
	flags: FLAGS,
	group: 'server',
	summary: 'Returns detailed information about every command.',
	syntax: '',
	since: '2.8.13',
	run: () => array(allCommands().map(commandInfo)),
	subcommands: [
		sub('COUNT', {
			arity: 2,
			summary: 'Returns how many commands there are.',
			since: '2.8.13',
			run: () => integer(commandTable().size),
		}),
		sub('LIST', {
			arity: -2,
			summary: 'Returns the command names.',
			syntax: '[FILTERBY <MODULE module-name | ACLCAT category | PATTERN pattern>]',
			since: '7.0.0',
			run: ({ argv }) => commandList(argv),
		}),
		sub('INFO', {
			arity: -2,
			summary: 'Returns information about the named commands, or all.',
			syntax: '[command-name [command-name ...]]',
			since: '2.8.13',
			run: ({ argv }) =>
				argv.length === 2
					? array(allCommands().map(commandInfo))
					: array(
							argv.slice(2).map((n) => {
								const spec = findCommand(n);
								return spec ? commandInfo(spec) : NIL;
							}),
						),
		}),
		sub('DOCS', {
			arity: -2,
			summary: 'Returns documentation about the named commands, or all.',
			syntax: '[command-name [command-name ...]]',
			since: '7.0.0',
			run: ({ argv }) => {
				const specs = argv.length === 2 ? allCommands() : argv.slice(2).map(findCommand);
				const out: Reply[] = [];
				for (const spec of specs) if (spec) out.push(bulk(fullNameOf(spec)), commandDocs(spec));
				return array(out, 'map');
			},
		}),
		helpSubcommand(sub, 'COMMAND', COMMAND_HELP, '5.0.0'),
		sub('GETKEYS', {
			arity: -4,
			summary: 'Returns the keys a full command line names.',
			syntax: 'command [arg [arg ...]]',
			since: '2.8.13',
			run: ({ argv }) => getKeys(argv.slice(2)),
		}),
	],
};

export const commandCommands: readonly CommandSpec[] = [commandCommand];
