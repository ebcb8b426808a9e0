// Mirrors memoryCommand in src/object.c: MEMORY USAGE (objectComputeSize over the model in
// memory.ts), STATS (getMemoryOverheadData), DOCTOR, MALLOC-STATS, PURGE and HELP.
import { container, subcommandOf, type CommandSpec } from '../command.ts';
import { memoryUsage } from '../memory.ts';
import { parseStrictInt64 } from '../object.ts';
import { ERR, NIL, OK, array, bulk, error, integer, type Reply } from '../reply.ts';
import type { Server } from '../server.ts';
import { helpSubcommand } from './help.ts';
import { g17 } from './info-format.ts';
import { memoryFigures } from './info-memory.ts';

/**
 * MEMORY USAGE's options: `SAMPLES n` any number of times (the last wins, 0 = all); they only
 * matter for nested types. Returns the sample count or the error reply.
 */
function usageSamples(argv: readonly string[]): number | Reply {
	let samples = 5;
	for (let j = 3; j < argv.length; j++) {
		if (argv[j]!.toLowerCase() !== 'samples' || j + 1 >= argv.length) return error(ERR.syntax);
		const n = parseStrictInt64(argv[++j]!);
		if (n === null) return error(ERR.notInteger);
		if (n < 0n) return error(ERR.syntax);
		samples = n > 1_000_000_000n ? 0 : Number(n);
	}
	return samples;
}

const MEMORY_HELP = [
	'DOCTOR',
	'    Return memory problems reports.',
	'MALLOC-STATS',
	'    Return internal statistics report from the memory allocator.',
	'PURGE',
	'    Attempt to purge dirty pages for reclamation by the allocator.',
	'STATS',
	'    Return information about the memory usage of the server.',
	'USAGE <key> [SAMPLES <count>]',
	'    Return memory in bytes used by <key> and its value. Nested values are',
	'    sampled up to <count> times (default: 5, 0 means sample all).',
];

const EMPTY_DOCTOR =
	"Hi Sam, this instance is empty or is using very little memory, my issues detector can't be used in these conditions. Please, leave for your mission on Earth and fill it with some data. The new Sam and I will be back to our programming as soon as I finished rebooting.";
const HEALTHY_DOCTOR =
	"Hi Sam, I can't find any memory issue in your instance. I can only account for what occurs on this base.";

/** MEMORY STATS: a flat map of name → figure, per-db overhead nested under db.N. */
function memoryStats(server: Server): Reply {
	const m = memoryFigures(server);
	const out: Reply[] = [];
	const put = (name: string, value: Reply) => out.push(bulk(name), value);
	put('peak.allocated', integer(m.peak));
	put('total.allocated', integer(m.used));
	put('startup.allocated', integer(m.startup));
	for (const name of ['replication.backlog', 'clients.slaves']) put(name, integer(0));
	put('clients.normal', integer(m.clientsNormal));
	for (const name of ['cluster.links', 'aof.buffer', 'lua.caches']) put(name, integer(0));
	put('functions.caches', integer(200));
	for (const d of m.dbs)
		put(
			`db.${d.db}`,
			array([
				...[bulk('overhead.hashtable.main'), integer(d.main)],
				...[bulk('overhead.hashtable.expires'), integer(d.expires)],
				...[bulk('overhead.hashtable.slot-to-keys'), integer(0)],
			]),
		);
	put('overhead.total', integer(m.overhead));
	put('keys.count', integer(m.keys));
	put('keys.bytes-per-key', integer(m.keys ? Math.floor((m.used - m.startup) / m.keys) : 0));
	put('dataset.bytes', integer(m.dataset));
	put('dataset.percentage', float((m.dataset * 100) / Math.max(1, m.used - m.startup)));
	put('peak.percentage', float((m.used * 100) / m.peak));
	put('allocator.allocated', integer(m.allocated));
	put('allocator.active', integer(m.active));
	put('allocator.resident', integer(m.resident));
	put('allocator-fragmentation.ratio', float(m.active / m.allocated));
	put('allocator-fragmentation.bytes', integer(m.active - m.allocated));
	put('allocator-rss.ratio', float(m.resident / m.active));
	put('allocator-rss.bytes', integer(m.resident - m.active));
	put('rss-overhead.ratio', float(m.rss / m.resident));
	put('rss-overhead.bytes', integer(m.rss - m.resident));
	put('fragmentation', float(m.rss / m.used));
	put('fragmentation.bytes', integer(m.rss - m.used));
	return array(out, 'map');
}

/** Redis keeps these figures as C floats and sends them with %.17g. */
const float = (x: number): Reply => bulk(g17(Math.fround(x)));

const sub = subcommandOf('MEMORY', { group: 'server', flags: [], since: '4.0.0' });

export const memoryCommand: CommandSpec = container({
	name: 'MEMORY',
	flags: [],
	group: 'server',
	summary: 'A container for memory diagnostics commands.',
	syntax: '<subcommand> [arguments]',
	since: '4.0.0',
	subcommands: [
		sub('USAGE', {
			arity: -3,
			summary: 'Returns the bytes a key and its value use (the used_memory model).',
			// A dictFind on the main dict: no lazy expiry, no stats, no touch, so a ghost has a size.
			run: ({ db, argv }) => {
				const samples = usageSamples(argv);
				if (typeof samples !== 'number') return samples;
				const obj = db.dict.get(argv[2]!);
				return obj ? integer(memoryUsage(argv[2]!, obj, samples)) : NIL;
			},
			flags: ['readonly'],
			syntax: 'key [SAMPLES count]',
			keys: [2, 2, 1],
		}),
		sub('DOCTOR', {
			arity: 2,
			summary: 'Returns a report of memory problems.',
			run: ({ server }) =>
				bulk(memoryFigures(server).used < 5 * 1024 * 1024 ? EMPTY_DOCTOR : HEALTHY_DOCTOR),
		}),
		sub('MALLOC-STATS', {
			arity: 2,
			summary: "Returns the allocator's internal statistics.",
			run: () => bulk('Stats not supported for the current allocator'),
		}),
		sub('PURGE', { arity: 2, summary: 'Asks the allocator to release memory.', run: () => OK }),
		helpSubcommand(sub, 'MEMORY', MEMORY_HELP),
		sub('STATS', {
			arity: 2,
			summary: 'Returns details about memory usage.',
			run: ({ server }) => memoryStats(server),
		}),
	],
});
