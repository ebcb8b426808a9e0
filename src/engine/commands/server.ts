// Mirrors the small commands of src/server.c and src/db.c's server group (TIME, DBSIZE) and gathers
// the bigger ones that live in their own files: persistence, INFO, CONFIG, OBJECT, MEMORY, DEBUG.
import type { CommandSpec } from '../command.ts';
import { bulks, integer } from '../reply.ts';
import { configCommand } from './config-command.ts';
import { infoCommand } from './info.ts';
import { monitorCommand } from './monitor.ts';
import { objectCommand } from './object-command.ts';
import { persistenceCommands } from './persistence.ts';

export const serverCommands: readonly CommandSpec[] = [
	{
		name: 'TIME',
		arity: 1,
		flags: ['loading', 'stale', 'fast'],
		group: 'server',
		summary: 'Returns the server time: Unix seconds and the microseconds within that second.',
		syntax: '',
		since: '2.6.0',
		run({ server }) {
			// The virtual clock, not the wall clock: EXPIREAT examples and TIME agree.
			const usec = Math.round(server.now() * 1000);
			const sec = Math.floor(usec / 1_000_000);
			return bulks([String(sec), String(usec - sec * 1_000_000)]);
		},
	},
	{
		name: 'DBSIZE',
		arity: 1,
		flags: ['readonly', 'fast'],
		group: 'server',
		summary:
			'Returns the number of keys in the selected database, expired ones not yet deleted too.',
		syntax: '',
		since: '1.0.0',
		run: ({ db }) => integer(db.size),
	},
	...persistenceCommands,
	infoCommand,
	configCommand,
	objectCommand,
	monitorCommand,
];
