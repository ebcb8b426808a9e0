// Mirrors latencyCommand in src/latency.c: the latency monitor's reports (DOCTOR, GRAPH, HISTORY,
// LATEST, RESET) and, new in 7.0, HISTOGRAM: each command's latency histogram as a cumulative
// distribution in µs (latencyAllCommandsFillCDF / latencySpecificCommandsFillCDF).
import { container, subcommandOf, type CommandSpec } from '../command.ts';
import { commandStats } from '../command-stats.ts';
import { latencyResetEvent, latencySamples, latestSample } from '../latency-monitor.ts';
import { latencyGraph, latencyReport } from '../latency-report.ts';
import { array, bulk, error, integer, type Reply } from '../reply.ts';
import type { Server } from '../server.ts';
import { commandTable } from './index.ts';
import { helpSubcommand } from './help.ts';

const ADMIN: CommandSpec['flags'] = ['admin', 'noscript', 'loading', 'stale'];

const LATENCY_HELP = [
	'DOCTOR',
	'    Return a human readable latency analysis report.',
	'GRAPH <event>',
	'    Return an ASCII latency graph for the <event> class.',
	'HISTORY <event>',
	'    Return time-latency samples for the <event> class.',
	'LATEST',
	'    Return the latest latency samples for all events.',
	'RESET [<event> ...]',
	'    Reset latency data of one or more <event> classes.',
	'    (default: reset all data for all event classes)',
	'HISTOGRAM [COMMAND ...]',
	'    Return a cumulative distribution of latencies in the format of a histogram for the specified command names.',
	'    If no commands are specified then all histograms are replied.',
];

/** fillCommandCDF: the call count, then the distribution as a map of µs → calls so far. */
function commandCdf(server: Server, fullName: string): Reply[] {
	const h = commandStats(server)[fullName]?.latency;
	if (!h) return [];
	const steps = h.cdf().flatMap(([usec, count]) => [integer(usec), integer(count)]);
	return [
		bulk(fullName),
		array([bulk('calls'), integer(h.total), bulk('histogram_usec'), array(steps, 'map')], 'map'),
	];
}

/** A command and, for a container, each of its subcommands, as the table lists them. */
function withSubcommands(spec: CommandSpec): string[] {
	const name = spec.name.toLowerCase();
	return spec.subcommands ? [name, ...spec.subcommands.map((s) => s.name.toLowerCase())] : [name];
}

/**
 * LATENCY HISTOGRAM: every command with a histogram, or the named ones (a container stands for its
 * subcommands; an unknown name is skipped). Redis walks its command dict, so the order is its
 * hash order; this one is the table's.
 */
function histogram(server: Server, names: readonly string[]): Reply {
	const table = commandTable();
	const wanted =
		names.length === 0
			? [...table.values()].flatMap(withSubcommands)
			: names.flatMap((typed) => {
					const [base, sub] = typed.toLowerCase().split('|');
					const spec = table.get(base!);
					if (!spec) return [];
					if (sub === undefined) return withSubcommands(spec);
					const found = spec.subcommands?.find((s) => s.name.toLowerCase() === `${base}|${sub}`);
					return found ? [found.name.toLowerCase()] : [];
				});
	return array(
		wanted.flatMap((name) => commandCdf(server, name)),
		'map',
	);
}

const sub = subcommandOf('LATENCY', { group: 'server', flags: ADMIN, since: '2.8.13' });

export const latencyCommand: CommandSpec = container({
	name: 'LATENCY',
	flags: [],
	group: 'server',
	summary: 'A container for the latency monitor and per-command latency histograms.',
	syntax: '<subcommand> [arguments]',
	since: '2.8.13',
	subcommands: [
		sub('DOCTOR', {
			arity: 2,
			summary: 'Reads the latency monitor as a report with advice.',
			run: ({ server }) => bulk(latencyReport(server)),
		}),
		sub('GRAPH', {
			arity: 3,
			summary: 'Draws the spikes of an event class as an ASCII graph.',
			syntax: 'event',
			run: ({ server, argv }) => {
				const event = argv[2]!;
				const ts = server.latencyEvents.get(event);
				if (!ts) return error(`ERR No samples available for event '${event}'`);
				return bulk(latencyGraph(server, event, ts));
			},
		}),
		sub('HISTORY', {
			arity: 3,
			summary: 'Returns the (time, milliseconds) spikes of an event class, oldest first.',
			syntax: 'event',
			run: ({ server, argv }) => {
				const ts = server.latencyEvents.get(argv[2]!);
				if (!ts) return array([]);
				return array(latencySamples(ts).map((s) => array([integer(s.time), integer(s.latency)])));
			},
		}),
		sub('LATEST', {
			arity: 2,
			summary: 'Returns each event class with its latest spike and its highest.',
			run: ({ server }) =>
				array(
					[...server.latencyEvents].map(([event, ts]) => {
						const last = latestSample(ts);
						return array([bulk(event), integer(last.time), integer(last.latency), integer(ts.max)]);
					}),
				),
		}),
		sub('RESET', {
			arity: -2,
			summary:
				'Forgets the spikes of some event classes, or of all; answers how many classes went.',
			syntax: '[event [event ...]]',
			run: ({ server, argv }) => {
				if (argv.length === 2) return integer(latencyResetEvent(server, null));
				let resets = 0;
				for (const event of argv.slice(2)) resets += latencyResetEvent(server, event);
				return integer(resets);
			},
		}),
		sub('HISTOGRAM', {
			arity: -2,
			summary: 'Returns the cumulative distribution of latencies (µs) of some commands, or of all.',
			syntax: '[command [command ...]]',
			run: ({ server, argv }) => histogram(server, argv.slice(2)),
			since: '7.0.0',
		}),
		helpSubcommand(sub, 'LATENCY', LATENCY_HELP),
	],
});
