// Mirrors INFO in src/server.c (infoCommand, genInfoSectionDict, genRedisInfoString): sections
// chosen by name, printed in the server's fixed order, `# Name` headers, CRLF line ends and an
// empty line between sections.
import type { CommandSpec } from '../command.ts';
import type { Server } from '../server.ts';
import { bulk } from '../reply.ts';
import { commandstatsSection, latencystatsSection } from '../command-stats.ts';
import { fieldLines } from './info-format.ts';
import { memorySection } from './info-memory.ts';
import {
	clientsSection,
	clusterSection,
	cpuSection,
	errorstatsSection,
	keyspaceSection,
	persistenceSection,
	replicationSection,
	serverSection,
	statsSection,
} from './info-sections.ts';

type Section = [string, string | number][];

/** Every section in print order: [name as asked for, header, fields]. */
const SECTIONS: readonly (readonly [string, string, (server: Server) => Section])[] = [
	['server', 'Server', serverSection],
	['clients', 'Clients', clientsSection],
	['memory', 'Memory', memorySection],
	['persistence', 'Persistence', persistenceSection],
	['stats', 'Stats', statsSection],
	['replication', 'Replication', replicationSection],
	['cpu', 'CPU', cpuSection],
	['modules', 'Modules', () => []],
	['commandstats', 'Commandstats', commandstatsSection],
	['errorstats', 'Errorstats', errorstatsSection],
	['latencystats', 'Latencystats', latencystatsSection],
	['cluster', 'Cluster', clusterSection],
	['keyspace', 'Keyspace', keyspaceSection],
];

const DEFAULT_SECTIONS = [
	'server',
	'clients',
	'memory',
	'persistence',
	'stats',
	'replication',
	'cpu',
	'modules',
	'errorstats',
	'cluster',
	'keyspace',
];

/** genInfoSectionDict: the names asked for, with default / all / everything expanded. */
export function infoSections(args: readonly string[]): Set<string> {
	const wanted = new Set<string>();
	if (args.length === 0) args = ['default'];
	for (const raw of args) {
		const name = raw.toLowerCase();
		if (name === 'default') for (const s of DEFAULT_SECTIONS) wanted.add(s);
		else if (name === 'all' || name === 'everything') for (const [s] of SECTIONS) wanted.add(s);
		else wanted.add(name);
	}
	return wanted;
}

/** genRedisInfoString: unknown section names simply match nothing (an empty reply). */
export function genInfoString(server: Server, args: readonly string[]): string {
	const wanted = infoSections(args);
	let out = '';
	let count = 0;
	for (const [name, header, fields] of SECTIONS) {
		if (!wanted.has(name)) continue;
		if (count++ > 0) out += '\r\n';
		out += `# ${header}\r\n${fieldLines(fields(server))}`;
	}
	return out;
}

export const infoCommand: CommandSpec = {
	name: 'INFO',
	arity: -1,
	flags: ['loading', 'stale'],
	group: 'server',
	summary: 'Returns information and statistics about the server, by section.',
	syntax: '[section [section ...]]',
	since: '1.0.0',
	run: ({ server, argv }) => bulk(genInfoString(server, argv.slice(1))),
};
