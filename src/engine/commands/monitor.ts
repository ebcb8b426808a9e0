// Mirrors monitorCommand in src/replication.c: the connection joins server.monitors and from then on
// receives a line for every command call() runs (the transport writes them; see src/resp/).
import type { CommandSpec } from '../command.ts';
import { OK } from '../reply.ts';

export const monitorCommand: CommandSpec = {
	name: 'MONITOR',
	arity: 1,
	flags: ['admin', 'noscript', 'loading', 'stale'],
	group: 'server',
	summary: 'Streams every command the server runs to this connection.',
	syntax: '',
	since: '1.0.0',
	run({ client }) {
		if (!client.monitor) {
			client.monitor = true;
			client.conn?.monitor();
		}
		return OK;
	},
};
