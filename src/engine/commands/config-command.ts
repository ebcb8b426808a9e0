// Mirrors configGetCommand / configSetCommand / CONFIG RESETSTAT in src/config.c over the parameter
// table of config.ts. CONFIG SET is atomic: every pair is checked before any is applied.
import { container, type CommandSpec } from '../command.ts';
import {
	CONFIG_NAMES,
	formatConfigValue,
	isConfigName,
	isMutable,
	parseConfigValue,
	type Config,
	type ConfigName,
} from '../config.ts';
import { performEvictions } from '../evict.ts';
import { ERR, OK, bulks, error, type Reply } from '../reply.ts';
import { emptyStats, type Server } from '../server.ts';
import { helpReply } from './help.ts';
import { stringMatch } from '../glob.ts';

const ADMIN = ['admin', 'noscript', 'loading', 'stale'] as const;

/**
 * CONFIG GET: each argument is a parameter name or a glob (matched case-insensitively). A name typed
 * exactly is echoed as typed (`CONFIG GET MAXMEMORY` answers "MAXMEMORY"); a parameter matched
 * twice appears once. Redis answers in its dict's hash order, which varies between servers; we
 * answer in config.ts's table order (maxmemory, maxmemory-policy, maxmemory-samples, …).
 */
export function configGet(server: Server, patterns: readonly string[]): Reply {
	const shown = new Map<ConfigName, string>();
	for (const pattern of patterns) {
		if (!/[[*?]/.test(pattern)) {
			const name = pattern.toLowerCase();
			if (isConfigName(name) && !shown.has(name)) shown.set(name, pattern);
			continue;
		}
		for (const name of CONFIG_NAMES)
			if (!shown.has(name) && stringMatch(pattern, name, true)) shown.set(name, name);
	}
	const out: string[] = [];
	for (const name of CONFIG_NAMES) {
		const label = shown.get(name);
		if (label !== undefined) out.push(label, formatConfigValue(name, server.config[name]));
	}
	return bulks(out, 'map');
}

/** CONFIG SET p v [p v …]: names first (unknown, immutable, duplicate), then values, then apply. */
export function configSet(server: Server, args: readonly string[]): Reply {
	if (args.length % 2 !== 0) return error(ERR.syntax);
	const names: ConfigName[] = [];
	for (let i = 0; i < args.length; i += 2) {
		const typed = args[i]!;
		const name = typed.toLowerCase();
		if (!isConfigName(name))
			return errorFormat(`ERR Unknown option or number of arguments for CONFIG SET - '${typed}'`);
		if (!isMutable(name)) return errorFormat(failed(typed, "can't set immutable config"));
		if (names.includes(name)) return errorFormat(failed(typed, 'duplicate parameter'));
		names.push(name);
	}
	const values: Config[ConfigName][] = [];
	for (let i = 0; i < names.length; i++) {
		const parsed = parseConfigValue(names[i]!, args[2 * i + 1]!);
		if (!parsed.ok) return error(parsed.error);
		values.push(parsed.value);
	}
	const config: Record<string, unknown> = { ...server.config };
	names.forEach((name, i) => (config[name] = values[i]));
	server.config = config as unknown as Config;
	if (server.events.active)
		for (const name of names)
			server.events.emit({
				type: 'config',
				at: server.now(),
				name,
				value: formatConfigValue(name, server.config[name]),
			});
	// updateMaxmemory: a lower limit evicts at once, not at the next command.
	if (names.includes('maxmemory') && server.config.maxmemory > 0) performEvictions(server);
	return OK;
}

/** addReplyErrorFormat: CR and LF in echoed input become spaces so the error stays one line. */
const errorFormat = (text: string): Reply => error(text.replace(/[\r\n]/g, ' '));

const failed = (name: string, why: string) =>
	`ERR CONFIG SET failed (possibly related to argument '${name}') - ${why}`;

/** resetServerStats + resetErrorTableStats; the peak memory and the keys stay. */
export function resetStats(server: Server): void {
	server.stats = emptyStats();
	server.ext['errorStats'] = {};
}

const CONFIG_HELP = [
	'GET <pattern>',
	'    Return parameters matching the glob-like <pattern> and their values.',
	'SET <directive> <value>',
	'    Set the configuration <directive> to <value>.',
	'RESETSTAT',
	'    Reset statistics reported by the INFO command.',
	'REWRITE',
	'    Rewrite the configuration file.',
];

const sub = (
	name: string,
	arity: number,
	summary: string,
	syntax: string,
	since: string,
	run: CommandSpec['run'],
	flags: CommandSpec['flags'] = ADMIN,
): CommandSpec => ({
	name: `CONFIG|${name}`,
	arity,
	flags,
	group: 'server',
	summary,
	syntax,
	since,
	run,
});

export const configCommand: CommandSpec = container({
	name: 'CONFIG',
	flags: [],
	group: 'server',
	summary: 'A container for server configuration commands.',
	syntax: '<subcommand> [arguments]',
	since: '2.0.0',
	subcommands: [
		sub('REWRITE', 2, 'Rewrites the configuration file.', '', '2.8.0', () =>
			error('ERR The server is running without a config file'),
		),
		sub(
			'GET',
			-3,
			'Returns the values of configuration parameters.',
			'parameter [parameter ...]',
			'2.0.0',
			({ server, argv }) => configGet(server, argv.slice(2)),
		),
		sub(
			'SET',
			-4,
			'Sets configuration parameters, all or none.',
			'parameter value [parameter value ...]',
			'2.0.0',
			({ server, argv }) => configSet(server, argv.slice(2)),
		),
		sub('RESETSTAT', 2, 'Resets the statistics INFO reports.', '', '2.0.0', ({ server }) => {
			resetStats(server);
			return OK;
		}),
		sub(
			'HELP',
			2,
			'Returns helpful text about the different subcommands.',
			'',
			'5.0.0',
			() => helpReply('CONFIG', CONFIG_HELP),
			['loading', 'stale'],
		),
	],
});
