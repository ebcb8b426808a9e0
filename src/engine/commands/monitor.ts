// Mirrors monitorCommand in src/replication.c: the connection joins server.monitors and from then on
// receives a line for every command call() runs (the transport writes them; see src/resp/).
import type { CommandSpec } from '../command.ts';
import { OK, error } from '../reply.ts';

const DENY_BLOCKING = error("ERR MONITOR isn't allowed for DENY BLOCKING client");

export const monitorCommand: CommandSpec = {
	name: 'MONITOR',
	arity: 1,
	flags: ['admin', 'noscript', 'loading', 'stale'],
	group: 'server',
	summary: 'Streams every command the server runs to this connection.',
	syntax: '',
	since: '1.0.0',
	run({ client }) {
		// CLIENT_DENY_BLOCKING (EXEC sets it): such a client expects one reply per command.
		if (client.multi !== null) return DENY_BLOCKING;
		if (!client.monitor) {
			client.monitor = true;
			client.conn?.monitor();
		}
		return OK;
	},
};
