// Mirrors configGetCommand / configSetCommand / CONFIG RESETSTAT in src/config.c over the parameter
// table of config-table.ts. CONFIG SET is atomic: every pair is checked before any is applied.
import { container, subcommandOf, type CommandSpec } from '../command.ts';
import {
	CONFIG_ENTRIES,
	configText,
	lookupConfig,
	parseConfigValue,
	withConfigValue,
	type ConfigEntry,
} from '../config.ts';
import { performEvictions } from '../evict.ts';
import { ERR, OK, bulks, error, type Reply } from '../reply.ts';
import { emptyStats, type Server } from '../server.ts';
import { helpSubcommand } from './help.ts';
import { stringMatch } from '../glob.ts';

const ADMIN = ['admin', 'noscript', 'loading', 'stale'] as const;

/**
 * CONFIG GET: each argument is a name or a glob (matched case-insensitively against every name and
 * alias, hidden parameters excepted). A name typed exactly is echoed as typed (`CONFIG GET
 * MAXMEMORY` answers "MAXMEMORY"); a name matched twice, in any case, appears once, but a
 * parameter and its alias are two names. Redis answers in its dict's hash order, which varies
 * between servers; we answer in config-table.ts's order, each alias after its parameter.
 */
export function configGet(server: Server, patterns: readonly string[]): Reply {
	const shown = new Map<string, { label: string; entry: ConfigEntry }>();
	for (const pattern of patterns) {
		if (!/[[*?]/.test(pattern)) {
			const entry = lookupConfig(pattern);
			if (entry && !shown.has(entry.key)) shown.set(entry.key, { label: pattern, entry });
			continue;
		}
		for (const entry of CONFIG_ENTRIES)
			if (!entry.spec.hidden && !shown.has(entry.key) && stringMatch(pattern, entry.key, true))
				shown.set(entry.key, { label: entry.key, entry });
	}
	const out: string[] = [];
	for (const entry of CONFIG_ENTRIES) {
		const hit = shown.get(entry.key);
		if (hit) out.push(hit.label, configText(server.config, entry.spec));
	}
	return bulks(out, 'map');
}

/**
 * CONFIG SET p v [p v …]: names first (the first unknown, immutable, protected or repeated one is
 * the error), then every value in order, then the change. Redis sets each value as it goes and
 * restores the ones already set when a later one fails; checking every value before setting any
 * leaves the same state. A parameter and its alias are not duplicates: both are set, in order.
 */
export function configSet(server: Server, args: readonly string[]): Reply {
	if (args.length % 2 !== 0) return error(ERR.syntax);
	const entries: ConfigEntry[] = [];
	for (let i = 0; i < args.length; i += 2) {
		const typed = args[i]!;
		const entry = lookupConfig(typed);
		if (!entry)
			return errorFormat(`ERR Unknown option or number of arguments for CONFIG SET - '${typed}'`);
		if (entry.spec.lock) return errorFormat(failed(typed, `can't set ${entry.spec.lock} config`));
		if (entries.includes(entry)) return errorFormat(failed(typed, 'duplicate parameter'));
		entries.push(entry);
	}
	let config = server.config;
	for (let i = 0; i < entries.length; i++) {
		const entry = entries[i]!;
		const parsed = parseConfigValue(config, entry, args[2 * i + 1]!);
		if (!parsed.ok) return errorFormat(parsed.error);
		config = withConfigValue(config, entry.spec, parsed.value);
	}
	// The apply step: the host's, for parameters that describe it. A refusal undoes the ones
	// applied before it (restoreBackupConfig) and sets nothing.
	const apply = server.applyHostConfig;
	if (apply) {
		const applied: ConfigEntry[] = [];
		for (let i = 0; i < entries.length; i++) {
			const { spec } = entries[i]!;
			const before = configText(server.config, spec);
			const after = configText(config, spec);
			if (after === before) continue;
			const why = apply(spec.name, after);
			if (why !== null) {
				for (const done of applied) apply(done.spec.name, configText(server.config, done.spec));
				return errorFormat(failed(args[2 * i]!, why));
			}
			applied.push(entries[i]!);
		}
	}
	server.config = config;
	if (server.events.active)
		for (const { spec } of entries)
			server.events.emit({
				type: 'config',
				at: server.now(),
				name: spec.name,
				value: configText(server.config, spec),
			});
	// updateMaxmemory: a lower limit evicts at once, not at the next command.
	if (entries.some((e) => e.spec.name === 'maxmemory') && server.config.maxmemory > 0)
		performEvictions(server);
	return OK;
}

/** addReplyErrorFormat: CR and LF in echoed input become spaces so the error stays one line. */
const errorFormat = (text: string): Reply => error(text.replace(/[\r\n]/g, ' '));

const failed = (name: string, why: string) =>
	`ERR CONFIG SET failed (possibly related to argument '${name}') - ${why}`;

/** resetServerStats + resetErrorTableStats + resetCommandTableStats; the peak memory and the
 * keys stay. */
export function resetStats(server: Server): void {
	server.stats = emptyStats();
	server.errorStats = {};
	server.commandStats = {};
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

const sub = subcommandOf('CONFIG', { group: 'server', flags: ADMIN });

export const configCommand: CommandSpec = container({
	name: 'CONFIG',
	flags: [],
	group: 'server',
	summary: 'A container for server configuration commands.',
	syntax: '<subcommand> [arguments]',
	since: '2.0.0',
	subcommands: [
		// With a config file (EngineOptions.configFile), what it writes is what a restart reads.
		sub('REWRITE', {
			arity: 2,
			summary: 'Rewrites the configuration file.',
			since: '2.8.0',
			run: ({ server }) => {
				if (server.configFile === null)
					return error('ERR The server is running without a config file');
				server.configFile = server.config;
				return OK;
			},
		}),
		sub('GET', {
			arity: -3,
			summary: 'Returns the values of configuration parameters.',
			syntax: 'parameter [parameter ...]',
			since: '2.0.0',
			run: ({ server, argv }) => configGet(server, argv.slice(2)),
		}),
		sub('SET', {
			arity: -4,
			summary: 'Sets configuration parameters, all or none.',
			syntax: 'parameter value [parameter value ...]',
			since: '2.0.0',
			run: ({ server, argv }) => configSet(server, argv.slice(2)),
		}),
		sub('RESETSTAT', {
			arity: 2,
			summary: 'Resets the statistics INFO reports.',
			since: '2.0.0',
			run: ({ server }) => {
				resetStats(server);
				return OK;
			},
		}),
		helpSubcommand(sub, 'CONFIG', CONFIG_HELP, '5.0.0'),
	],
});
