// Mirrors clientCommand in src/networking.c: CLIENT ID, SETNAME, GETNAME, INFO, LIST, KILL, REPLY
// and HELP over the engine's clients. The transport (the RESP server) attaches each connection's
// socket, buffers, kill and reply switch; playground clients have none of those.
import { container, subcommandOf, type CommandContext, type CommandSpec } from '../command.ts';
import { ERR, NIL, OK, array, bulk, error, integer, type Reply } from '../reply.ts';
import { clientInfoLine, clientList } from './client-list.ts';
import { clientKill } from './client-kill.ts';
import { clientNameError } from './connection.ts';
import { helpSubcommand } from './help.ts';
import { unblockClient } from '../blocking.ts';
import { parseStrictInt64 } from '../object.ts';

/**
 * CLIENT REPLY ON|OFF|SKIP. OFF and SKIP answer nothing on a real connection (the transport drops
 * the reply); SKIP while OFF changes nothing.
 */
function clientReply({ client, argv }: CommandContext): Reply {
	const mode = argv[2]!.toLowerCase();
	if (mode === 'on') client.replyMode = 'on';
	else if (mode === 'off') client.replyMode = 'off';
	else if (mode === 'skip') {
		if (client.replyMode !== 'off') client.replyMode = 'skip';
	} else return error(ERR.syntax);
	return OK;
}

/** CLIENT NO-EVICT ON|OFF: maxmemory-clients is not modelled, so only the flag changes. */
function clientNoEvict({ client, argv }: CommandContext): Reply {
	const mode = argv[2]!.toLowerCase();
	if (mode !== 'on' && mode !== 'off') return error(ERR.syntax);
	client.noEvict = mode === 'on';
	return OK;
}

/** CLIENT TRACKINGINFO of a connection that never turned tracking on. */
const TRACKING_OFF: Reply = array(
	[bulk('flags'), array([bulk('off')], 'set'), bulk('redirect'), integer(-1)].concat(
		bulk('prefixes'),
		array([]),
	),
	'map',
);

/** The lines of CLIENT HELP as 7.0.15 prints them, subcommands this server lacks included. */
const CLIENT_HELP = [
	'CACHING (YES|NO)',
	'    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.',
	'GETREDIR',
	'    Return the client ID we are redirecting to when tracking is enabled.',
	'GETNAME',
	'    Return the name of the current connection.',
	'ID',
	'    Return the ID of the current connection.',
	'INFO',
	'    Return information about the current client connection.',
	'KILL <ip:port>',
	'    Kill connection made from <ip:port>.',
	'KILL <option> <value> [<option> <value> [...]]',
	'    Kill connections. Options are:',
	'    * ADDR (<ip:port>|<unixsocket>:0)',
	'      Kill connections made from the specified address',
	'    * LADDR (<ip:port>|<unixsocket>:0)',
	'      Kill connections made to specified local address',
	'    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)',
	'      Kill connections by type.',
	'    * USER <username>',
	'      Kill connections authenticated by <username>.',
	'    * SKIPME (YES|NO)',
	'      Skip killing current connection (default: yes).',
	'LIST [options ...]',
	'    Return information about client connections. Options:',
	'    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)',
	'      Return clients of specified type.',
	'UNPAUSE',
	'    Stop the current client pause, resuming traffic.',
	'PAUSE <timeout> [WRITE|ALL]',
	'    Suspend all, or just write, clients for <timeout> milliseconds.',
	'REPLY (ON|OFF|SKIP)',
	'    Control the replies sent to the current connection.',
	'SETNAME <name>',
	'    Assign the name <name> to the current connection.',
	'UNBLOCK <clientid> [TIMEOUT|ERROR]',
	'    Unblock the specified blocked client.',
	'TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]',
	'         [OPTIN] [OPTOUT] [NOLOOP]',
	'    Control server assisted client side caching.',
	'TRACKINGINFO',
	'    Report tracking status for the current connection.',
	'NO-EVICT (ON|OFF)',
	'    Protect current client connection from eviction.',
];

const subFlags = ['noscript', 'loading', 'stale'] as const;
const ADMIN = ['admin', ...subFlags] as const;

const sub = subcommandOf('CLIENT', { group: 'connection', flags: subFlags });

/** CLIENT UNBLOCK: 1 if the client was blocked and is now answered, else 0. */
function clientUnblock({ server, argv }: CommandContext): Reply {
	if (argv.length > 4)
		return error(
			`ERR unknown subcommand or wrong number of arguments for '${argv[1]}'. Try CLIENT HELP.`,
		);
	let withError = false;
	if (argv.length === 4) {
		const how = argv[3]!.toLowerCase();
		if (how === 'error') withError = true;
		else if (how !== 'timeout')
			return error('ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR');
	}
	const id = parseStrictInt64(argv[2]!);
	if (id === null) return error(ERR.notInteger);
	const target = server.clients.get(Number(id));
	return integer(target && unblockClient(server, target, withError) ? 1 : 0);
}

export const clientCommand: CommandSpec = container({
	name: 'CLIENT',
	flags: [],
	group: 'connection',
	summary: 'A container for client connection commands.',
	syntax: '<subcommand> [arguments]',
	since: '2.4.0',
	subcommands: [
		sub('ID', {
			arity: 2,
			summary: "Returns this connection's client id.",
			since: '5.0.0',
			run: ({ client }) => integer(client.id),
		}),
		sub('SETNAME', {
			arity: 3,
			summary: 'Names this connection ("" clears the name).',
			since: '2.6.9',
			run: (ctx) => {
				const refused = clientNameError(ctx.argv[2]!);
				if (refused) return refused;
				ctx.client.name = ctx.argv[2]!;
				return OK;
			},
			syntax: 'connection-name',
		}),
		sub('GETNAME', {
			arity: 2,
			summary: "Returns this connection's name, or nil.",
			since: '2.6.9',
			run: ({ client }) => (client.name === '' ? NIL : bulk(client.name)),
		}),
		sub('INFO', {
			arity: 2,
			summary: 'Describes this connection in one CLIENT LIST line.',
			since: '6.2.0',
			run: (ctx) => bulk(clientInfoLine(ctx.server, ctx.client, ctx.argv)),
		}),
		sub('LIST', {
			arity: -2,
			summary: 'Lists the connections, one line each.',
			since: '2.4.0',
			run: clientList,
			flags: ADMIN,
			syntax: '[TYPE NORMAL|MASTER|REPLICA|PUBSUB] [ID client-id [client-id ...]]',
		}),
		sub('KILL', {
			arity: -3,
			summary:
				'Closes connections by address, or by ID, TYPE, USER, ADDR, LADDR and SKIPME filters.',
			since: '2.4.0',
			run: clientKill,
			flags: ADMIN,
			syntax:
				'ip:port | [ID client-id] [TYPE NORMAL|MASTER|SLAVE|REPLICA|PUBSUB] [USER username] [ADDR ip:port] [LADDR ip:port] [SKIPME YES|NO]',
		}),
		sub('REPLY', {
			arity: 3,
			summary: "Turns this connection's replies on, off, or off for the next command.",
			since: '3.2.0',
			run: clientReply,
			syntax: 'ON|OFF|SKIP',
		}),
		sub('NO-EVICT', {
			arity: 3,
			summary: 'Keeps this connection out of client eviction.',
			since: '7.0.0',
			run: clientNoEvict,
			flags: ADMIN,
			syntax: 'ON|OFF',
		}),
		sub('GETREDIR', {
			arity: 2,
			summary: 'Returns where tracking notifications go: -1, tracking is off.',
			since: '6.0.0',
			run: () => integer(-1),
		}),
		sub('TRACKINGINFO', {
			arity: 2,
			summary: "Describes this connection's client-side caching state.",
			since: '6.2.0',
			run: () => TRACKING_OFF,
		}),
		sub('CACHING', {
			arity: 3,
			summary: 'Opts the next command in or out of tracking (OPTIN/OPTOUT tracking only).',
			since: '6.0.0',
			run: () =>
				error(
					'ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT mode enabled',
				),
			syntax: 'YES|NO',
		}),
		sub('UNBLOCK', {
			arity: -3,
			summary: 'Ends the wait of a client blocked in BLPOP and the like, as a timeout or an error.',
			since: '5.0.0',
			run: clientUnblock,
			flags: ['admin', 'noscript', 'loading', 'stale', 'allow_busy'],
			syntax: 'client-id [TIMEOUT|ERROR]',
		}),
		helpSubcommand(sub, 'CLIENT', CLIENT_HELP, '5.0.0'),
	],
});
