// Mirrors slowlogCommand in src/slowlog.c: GET [count], LEN, RESET and HELP over the slow log
// (slowlog.ts).
import { container, subcommandOf, type CommandSpec } from '../command.ts';
import { OK, array, bulk, error, integer, type Reply } from '../reply.ts';
import { helpSubcommand } from './help.ts';
import { parseLong } from '../object.ts';

const SLOWLOG_HELP = [
	'GET [<count>]',
	'    Return top <count> entries from the slowlog (default: 10, -1 mean all).',
	'    Entries are made of:',
	'    id, timestamp, time in microseconds, arguments array, client IP and port,',
	'    client name',
	'LEN',
	'    Return the length of the slowlog.',
	'RESET',
	'    Reset the slowlog.',
];

const COUNT_ERROR = 'ERR count should be greater than or equal to -1';

const sub = subcommandOf('SLOWLOG', {
	group: 'server',
	flags: ['admin', 'loading', 'stale'],
	since: '2.2.12',
});

export const slowlogCommand: CommandSpec = container({
	name: 'SLOWLOG',
	flags: [],
	group: 'server',
	summary: 'A container for the slow log: the commands that ran longest.',
	syntax: '<subcommand> [arguments]',
	since: '2.2.12',
	subcommands: [
		sub('GET', {
			arity: -2,
			summary: 'Returns the newest entries of the slow log (10, or count; -1 for all).',
			syntax: '[count]',
			run: ({ server, argv }): Reply => {
				const entries = server.slowlog.entries;
				let count = 10;
				// The arity (-2) lets `GET count extra` through; slowlogCommand's own argc test sends
				// it to addReplySubcommandSyntaxError.
				if (argv.length > 3)
					return error(
						`ERR unknown subcommand or wrong number of arguments for '${argv[1]}'. Try ${argv[0]!.toUpperCase()} HELP.`,
					);
				if (argv.length === 3) {
					const n = parseLong(argv[2]!);
					if (n === null || n < -1) return error(COUNT_ERROR);
					count = n === -1 ? entries.length : n;
				}
				const out: Reply[] = [];
				for (let i = entries.length - 1; i >= 0 && out.length < count; i--) {
					const e = entries[i]!;
					out.push(
						array([
							integer(e.id),
							integer(e.time),
							integer(e.duration),
							array(e.argv.map(bulk)),
							bulk(e.peer),
							bulk(e.name),
						]),
					);
				}
				return array(out);
			},
		}),
		sub('LEN', {
			arity: 2,
			summary: 'Returns how many entries the slow log holds.',
			run: ({ server }) => integer(server.slowlog.entries.length),
		}),
		sub('RESET', {
			arity: 2,
			summary: 'Empties the slow log (entry ids go on from where they were).',
			run: ({ server }) => {
				server.slowlog.entries = [];
				return OK;
			},
		}),
		helpSubcommand(sub, 'SLOWLOG', SLOWLOG_HELP, '6.2.0'),
	],
});
