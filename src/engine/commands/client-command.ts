// Mirrors clientCommand and catClientInfoString in src/networking.c: CLIENT ID, SETNAME, GETNAME,
// INFO and LIST over the engine's clients, with the 7.0.15 field set. A playground client has no
// socket or buffers, so those fields hold what an idle redis-cli connection shows.
import type { ClientState } from '../client.ts';
import { container, type CommandContext, type CommandSpec } from '../command.ts';
import { parseStrictInt64 } from '../object.ts';
import { NIL, OK, bulk, error, integer, type Reply } from '../reply.ts';
import type { Server } from '../server.ts';

/** Query buffer size and free space of an idle connection (PROTO_IOBUF_LEN less the sds header). */
const QBUF_FREE = 20474;
const IDLE_TOT_MEM = 37632;

/** validateClientName: printable ASCII without spaces ('!' to '~'); "" clears the name. */
export function clientNameError(name: string): Reply | null {
	for (let i = 0; i < name.length; i++) {
		const c = name.charCodeAt(i);
		if (c < 0x21 || c > 0x7e)
			return error('ERR Client names cannot contain spaces, newlines or special characters.');
	}
	return null;
}

/** The bytes of argv as redis-cli sends it (a RESP multibulk): what sits in the query buffer. */
function respLength(argv: readonly string[]): number {
	let n = `*${argv.length}\r\n`.length;
	for (const a of argv) n += `$${a.length}\r\n`.length + a.length + 2;
	return n;
}

/**
 * One CLIENT LIST line. `current` is the command being run when `c` is the caller: Redis shows it
 * as cmd=, and its arguments are still in the query buffer.
 */
function clientInfoLine(server: Server, c: ClientState, current: readonly string[] | null): string {
	const qbuf = current ? respLength(current) : 0;
	const argvMem = current ? current.reduce((n, a) => n + a.length, 0) : 0;
	const flags = (c.multi !== null ? 'x' : '') + (c.dirtyCas ? 'd' : '');
	const fields: [string, string | number][] = [
		['id', c.id],
		['addr', `127.0.0.1:${50000 + c.id}`],
		['laddr', '127.0.0.1:6379'],
		['fd', 7 + c.id],
		['name', c.name],
		['age', Math.floor((server.now() - c.createdAt) / 1000)],
		['idle', 0],
		['flags', flags || 'N'],
		['db', c.db],
		['sub', 0],
		['psub', 0],
		['ssub', 0],
		['multi', c.multi !== null ? c.multi.length : -1],
		['qbuf', qbuf],
		['qbuf-free', QBUF_FREE - qbuf],
		['argv-mem', argvMem],
		['multi-mem', 0],
		['rbs', 16384],
		['rbp', 16384],
		['obl', 0],
		['oll', 0],
		['omem', 0],
		['tot-mem', current ? IDLE_TOT_MEM + argvMem + 8 * current.length : IDLE_TOT_MEM],
		['events', 'r'],
		['cmd', current ? `client|${current[1]!.toLowerCase()}` : c.lastCommand],
		['user', 'default'],
		['redir', -1],
		['resp', c.resp],
	];
	return fields.map(([k, v]) => `${k}=${v}`).join(' ') + '\n';
}

/** CLIENT LIST [TYPE type] [ID id …]: every client, or the normal ones, or those ids. */
function clientList({ server, client, argv }: CommandContext): Reply {
	let clients = [...server.clients.values()];
	if (argv.length === 4 && argv[2]!.toLowerCase() === 'type') {
		const type = argv[3]!.toLowerCase();
		if (!['normal', 'master', 'slave', 'replica', 'pubsub'].includes(type))
			return error(`ERR Unknown client type '${argv[3]!}'`);
		if (type !== 'normal') clients = [];
	} else if (argv.length > 3 && argv[2]!.toLowerCase() === 'id') {
		const ids = new Set<bigint>();
		for (const raw of argv.slice(3)) {
			const id = parseStrictInt64(raw);
			if (id === null) return error('ERR Invalid client ID');
			ids.add(id);
		}
		clients = clients.filter((c) => ids.has(BigInt(c.id)));
	} else if (argv.length !== 2) {
		return error('ERR syntax error');
	}
	return bulk(clients.map((c) => clientInfoLine(server, c, c === client ? argv : null)).join(''));
}

const subFlags = ['noscript', 'loading', 'stale'] as const;

function sub(
	name: string,
	arity: number,
	summary: string,
	since: string,
	run: (ctx: CommandContext) => Reply,
): CommandSpec {
	return {
		name: `CLIENT|${name}`,
		arity,
		flags: name === 'LIST' ? ['admin', ...subFlags] : subFlags,
		group: 'connection',
		summary,
		syntax: name === 'SETNAME' ? 'connection-name' : '',
		since,
		run,
	};
}

export const clientCommand: CommandSpec = container({
	name: 'CLIENT',
	flags: [],
	group: 'connection',
	summary: 'A container for client connection commands.',
	syntax: '<subcommand> [arguments]',
	since: '2.4.0',
	subcommands: [
		sub('ID', 2, "Returns this connection's client id.", '5.0.0', ({ client }) =>
			integer(client.id),
		),
		sub('SETNAME', 3, 'Names this connection ("" clears the name).', '2.6.9', (ctx) => {
			const refused = clientNameError(ctx.argv[2]!);
			if (refused) return refused;
			ctx.client.name = ctx.argv[2]!;
			return OK;
		}),
		sub('GETNAME', 2, "Returns this connection's name, or nil.", '2.6.9', ({ client }) =>
			client.name === '' ? NIL : bulk(client.name),
		),
		sub('INFO', 2, 'Describes this connection in one CLIENT LIST line.', '6.2.0', (ctx) =>
			bulk(clientInfoLine(ctx.server, ctx.client, ctx.argv)),
		),
		{
			...sub('LIST', -2, 'Lists the connections, one line each.', '2.4.0', clientList),
			syntax: '[TYPE NORMAL|MASTER|REPLICA|PUBSUB] [ID client-id [client-id ...]]',
		},
	],
});
