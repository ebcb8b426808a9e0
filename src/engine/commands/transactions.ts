// Mirrors the commands of src/multi.c: MULTI, EXEC, DISCARD, WATCH and UNWATCH. Queueing itself
// happens in dispatch.ts (processCommand), the WATCH bookkeeping in multi.ts.
import type { CommandContext, CommandSpec } from '../command.ts';
import { call, isResolved, resolveCommand } from '../dispatch.ts';
import { discardTransaction, isWatchedKeyExpired, unwatchAllKeys, watchForKey } from '../multi.ts';
import { ERR, NIL_ARRAY, OK, array, error, type Reply } from '../reply.ts';

/**
 * execCommand: a transaction flagged by a refused command aborts; one whose watched keys were
 * touched (or expired since WATCH) replies a nil array. Otherwise the keys are unwatched first and
 * each queued command goes through call() — errors become elements of the reply, not an abort.
 */
function exec({ server, client }: CommandContext): Reply {
	if (client.multi === null) return error('ERR EXEC without MULTI');
	if (isWatchedKeyExpired(server, client)) client.dirtyCas = true;
	if (client.dirtyExec || client.dirtyCas) {
		const reply = client.dirtyExec ? error(ERR.execAbort) : NIL_ARRAY;
		discardTransaction(server, client);
		return reply;
	}
	unwatchAllKeys(server, client);
	const replies: Reply[] = [];
	for (const argv of client.multi) {
		// Every queued command passed lookup and arity checks when it was queued.
		const resolved = resolveCommand(argv);
		replies.push(
			isResolved(resolved) ? call(server, client, resolved.spec, argv, resolved) : resolved,
		);
	}
	discardTransaction(server, client);
	return array(replies);
}

const txFlags = ['noscript', 'loading', 'stale', 'fast', 'allow_busy'] as const;

export const transactionsCommands: readonly CommandSpec[] = [
	{
		name: 'MULTI',
		arity: 1,
		flags: txFlags,
		group: 'transactions',
		summary: 'Starts a transaction: later commands are queued until EXEC.',
		syntax: '',
		since: '1.2.0',
		run({ client }) {
			if (client.multi !== null) return error('ERR MULTI calls can not be nested');
			client.multi = [];
			return OK;
		},
	},
	{
		name: 'EXEC',
		arity: 1,
		flags: ['noscript', 'loading', 'stale', 'skip_slowlog'],
		group: 'transactions',
		summary: 'Runs the queued commands of a transaction, unless a WATCHed key changed.',
		syntax: '',
		since: '1.2.0',
		run: exec,
	},
	{
		name: 'DISCARD',
		arity: 1,
		flags: txFlags,
		group: 'transactions',
		summary: 'Drops the queued commands of a transaction and unwatches every key.',
		syntax: '',
		since: '2.0.0',
		run({ server, client }) {
			if (client.multi === null) return error('ERR DISCARD without MULTI');
			discardTransaction(server, client);
			return OK;
		},
	},
	{
		name: 'WATCH',
		arity: -2,
		flags: txFlags,
		group: 'transactions',
		summary: 'Makes the next EXEC fail if any of these keys is modified before it.',
		syntax: 'key [key ...]',
		since: '2.2.0',
		keys: [1, -1, 1],
		run({ server, client, db, argv }) {
			if (client.multi !== null) return error('ERR WATCH inside MULTI is not allowed');
			// Already doomed: watching more keys could not change the outcome.
			if (client.dirtyCas) return OK;
			for (let j = 1; j < argv.length; j++) watchForKey(server, client, db.id, argv[j]!);
			return OK;
		},
	},
	{
		name: 'UNWATCH',
		arity: 1,
		flags: txFlags,
		group: 'transactions',
		summary: 'Forgets every WATCHed key of this connection.',
		syntax: '',
		since: '2.2.0',
		run({ server, client }) {
			unwatchAllKeys(server, client);
			client.dirtyCas = false;
			return OK;
		},
	},
];
