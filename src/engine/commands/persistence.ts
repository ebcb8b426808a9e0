// Mirrors saveCommand, bgsaveCommand and lastsaveCommand of src/rdb.c and shutdownCommand of
// src/db.c / server.c (prepareForShutdown → finishShutdown). The disk is the engine's last snapshot.
import type { CommandSpec } from '../command.ts';
import { rdbSave, rdbSaveBackground, saveParams } from '../persistence.ts';
import { ERR, OK, error, integer, status } from '../reply.ts';

const IN_PROGRESS = 'ERR Background save already in progress';
/** shared.err: what a failed save answers. */
const SHARED_ERR = 'ERR';

export const persistenceCommands: readonly CommandSpec[] = [
	{
		name: 'SAVE',
		arity: 1,
		flags: ['admin', 'noscript', 'no_async_loading', 'no_multi'],
		group: 'server',
		summary: 'Saves the dataset now, blocking the server: the snapshot a restart loads.',
		syntax: '',
		since: '1.0.0',
		run({ server }) {
			if (server.persistence.child !== null) return error(IN_PROGRESS);
			server.persistence.saves++;
			return rdbSave(server) ? OK : error(SHARED_ERR);
		},
	},
	{
		name: 'BGSAVE',
		arity: -1,
		flags: ['admin', 'noscript', 'no_async_loading'],
		group: 'server',
		summary:
			'Saves the dataset in the background (a forked child); LASTSAVE changes once it is done.',
		syntax: '[SCHEDULE]',
		since: '1.0.0',
		run({ server, client, argv }) {
			if (argv.length > 1 && (argv.length > 2 || argv[1]!.toLowerCase() !== 'schedule'))
				return error(ERR.syntax);
			const p = server.persistence;
			if (p.child !== null) return error(IN_PROGRESS);
			// server.in_exec: a fork inside EXEC waits for the cron, whatever SCHEDULE says.
			if (client.multi !== null) {
				p.bgsaveScheduled = true;
				server.wakeCron(Infinity);
				return status('Background saving scheduled');
			}
			return rdbSaveBackground(server) ? status('Background saving started') : error(SHARED_ERR);
		},
	},
	{
		name: 'LASTSAVE',
		arity: 1,
		flags: ['loading', 'stale', 'fast'],
		group: 'server',
		summary:
			'Returns the Unix time of the last successful save (the start, before any), on the clock.',
		syntax: '',
		since: '1.0.0',
		run: ({ server }) => integer(server.persistence.lastsave),
	},
	{
		name: 'SHUTDOWN',
		arity: -1,
		flags: ['admin', 'noscript', 'loading', 'stale', 'no_multi', 'allow_busy'],
		group: 'server',
		summary:
			'Saves (when save points are set, unless NOSAVE) and stops the server: the connection closes.',
		syntax: '[NOSAVE|SAVE] [NOW] [FORCE] [ABORT]',
		since: '1.0.0',
		run({ server, argv }) {
			const flags = new Set<string>();
			let abort = false;
			for (const word of argv.slice(1)) {
				const w = word.toLowerCase();
				if (w === 'abort') abort = true;
				else if (w === 'nosave' || w === 'save' || w === 'now' || w === 'force') flags.add(w);
				else return error(ERR.syntax);
			}
			if ((abort && flags.size > 0) || (flags.has('save') && flags.has('nosave')))
				return error(ERR.syntax);
			// No shutdown ever waits here (no replicas to catch up), so none is in progress.
			if (abort) return error('ERR No shutdown in progress.');
			// finishShutdown kills a bgsave child first: its half-written file is removed.
			server.persistence.child = null;
			const save =
				(saveParams(server.config).length > 0 && !flags.has('nosave')) || flags.has('save');
			// finishShutdown: a failed save stops the shutdown, unless FORCE.
			if (save && !rdbSave(server) && !flags.has('force'))
				return error('ERR Errors trying to SHUTDOWN. Check logs.');
			server.down = true;
			return OK;
		},
	},
];
