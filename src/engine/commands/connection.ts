// Mirrors the "connection" group: PING and ECHO (server.c), HELLO and RESET (networking.c), AUTH
// (acl.c) as a 7.0 server whose only user is a password-less `default`, QUIT, and CLIENT from
// client-command.ts. SELECT lives with the other database commands in databases.ts.
import type { CommandContext, CommandSpec } from '../command.ts';
import { discardTransaction } from '../multi.ts';
import { parseStrictInt64 } from '../object.ts';
import { ERR, OK, array, bulk, error, integer, status, type Reply } from '../reply.ts';

const WRONGPASS = 'WRONGPASS invalid username-password pair or user is disabled.';
const PONG = status('PONG');

/** ACLAuthenticateUser with only `default`, flagged nopass: any password opens it. */
const authenticates = (user: string) => user === 'default';

/**
 * helloCommand: the protocol version is checked first, then AUTH/SETNAME options left to right;
 * the name is set and the protocol switched only once everything passed. The reply is the same
 * server info in both protocols, a map in RESP3.
 */
function hello({ client, argv }: CommandContext): Reply {
	let ver = 0;
	if (argv.length >= 2) {
		const v = parseStrictInt64(argv[1]!);
		if (v === null) return error('ERR Protocol version is not an integer or out of range');
		if (v < 2n || v > 3n) return error('NOPROTO unsupported protocol version');
		ver = Number(v);
	}
	let user: string | null = null;
	let name: string | null = null;
	for (let j = 2; j < argv.length; j++) {
		const more = argv.length - 1 - j;
		const opt = argv[j]!;
		if (opt.toLowerCase() === 'auth' && more >= 2) {
			user = argv[j + 1]!;
			j += 2;
		} else if (opt.toLowerCase() === 'setname' && more >= 1) {
			name = argv[++j]!;
			const refused = clientNameError(name);
			if (refused) return refused;
		} else {
			return error(`ERR Syntax error in HELLO option '${opt}'`);
		}
	}
	if (user !== null && !authenticates(user)) return error(WRONGPASS);
	if (name !== null) client.name = name;
	if (ver === 2 || ver === 3) client.resp = ver;
	return array(
		[
			bulk('server'),
			bulk('redis'),
			bulk('version'),
			bulk('7.0.15'),
			bulk('proto'),
			integer(client.resp),
			bulk('id'),
			integer(client.id),
			bulk('mode'),
			bulk('standalone'),
			bulk('role'),
			bulk('master'),
			bulk('modules'),
			array([]),
		],
		'map',
	);
}

/** authCommand: the one-argument form only makes sense with a password configured. */
function auth({ argv }: CommandContext): Reply {
	if (argv.length > 3) return error(ERR.syntax);
	if (argv.length === 2)
		return error(
			'ERR AUTH <password> called without any password configured for the default user. ' +
				'Are you sure your configuration is correct?',
		);
	return authenticates(argv[1]!) ? OK : error(WRONGPASS);
}

/** clearClientConnectionState: out of MULTI, nothing watched, db 0, no name, RESP2. */
/**
 * clearClientConnectionState as 7.0 has it: a monitor stops monitoring, and CLIENT REPLY OFF is
 * lifted (so RESET's own reply is sent); CLIENT NO-EVICT stays as it was.
 */
function reset({ server, client }: CommandContext): Reply {
	if (client.monitor) {
		client.monitor = false;
		client.conn?.unmonitor();
	}
	discardTransaction(server, client);
	client.db = 0;
	client.name = '';
	client.resp = 2;
	if (client.replyMode === 'off') client.replyMode = 'on';
	return status('RESET');
}

const handshake = ['noscript', 'loading', 'stale', 'fast', 'no_auth', 'allow_busy'] as const;

/** validateClientName: printable ASCII without spaces ('!' to '~'); "" clears the name. */
export function clientNameError(name: string): Reply | null {
	for (let i = 0; i < name.length; i++) {
		const c = name.charCodeAt(i);
		if (c < 0x21 || c > 0x7e)
			return error('ERR Client names cannot contain spaces, newlines or special characters.');
	}
	return null;
}

export const connectionCommands: readonly CommandSpec[] = [
	{
		name: 'PING',
		arity: -1,
		flags: ['fast'],
		group: 'connection',
		summary: 'Replies PONG, or the message given.',
		syntax: '[message]',
		since: '1.0.0',
		run({ argv }) {
			if (argv.length > 2) return error(ERR.wrongArgs('ping'));
			return argv.length === 2 ? bulk(argv[1]!) : PONG;
		},
	},
	{
		name: 'ECHO',
		arity: 2,
		flags: ['loading', 'stale', 'fast'],
		group: 'connection',
		summary: 'Replies the message given.',
		syntax: 'message',
		since: '1.0.0',
		run: ({ argv }) => bulk(argv[1]!),
	},
	{
		name: 'HELLO',
		arity: -1,
		flags: handshake,
		group: 'connection',
		summary: 'Picks the protocol (2 or 3) and replies with facts about the server.',
		syntax: '[protover [AUTH username password] [SETNAME clientname]]',
		since: '6.0.0',
		run: hello,
	},
	{
		name: 'AUTH',
		arity: -2,
		flags: handshake,
		group: 'connection',
		summary: 'Authenticates the connection (this server has no password).',
		syntax: '[username] password',
		since: '1.0.0',
		run: auth,
	},
	{
		name: 'RESET',
		arity: 1,
		flags: handshake,
		group: 'connection',
		summary: 'Resets the connection: leaves MULTI, unwatches, selects db 0, drops the name.',
		syntax: '',
		since: '6.2.0',
		run: reset,
	},
	{
		name: 'QUIT',
		arity: -1,
		flags: handshake,
		group: 'connection',
		summary: 'Closes the connection after replying OK.',
		syntax: '',
		since: '1.0.0',
		run: () => OK,
	},
];
