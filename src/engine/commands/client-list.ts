// Mirrors catClientInfoString and CLIENT LIST / CLIENT INFO in src/networking.c, with the 7.0.15
// field set. A client the RESP server attached reports its real socket and buffers; a playground
// client has neither and shows what an idle redis-cli connection shows.
import { clientAddr, requestBytes, type ClientState } from '../client.ts';
import type { CommandContext } from '../command.ts';
import { parseStrictInt64 } from '../object.ts';
import { bulk, error, type Reply } from '../reply.ts';
import type { Server } from '../server.ts';
import { isBlocked } from '../blocking.ts';

/** The query buffer's usable size after the first 16 KB read (PROTO_IOBUF_LEN in a jemalloc
 * 20 KB class, less the sds header): qbuf + qbuf-free while the buffer holds less. */
const QBUF_USABLE = 20474;
/** That buffer's allocation (sdsZmallocSize), which tot-mem counts. */
const QBUF_BYTES = 20480;
/** tot-mem of a client less its reply and query buffers and its current command. */
const TOT_MEM_BASE = 21248 - QBUF_BYTES;
/** A fresh client's reply buffer (PROTO_REPLY_CHUNK_BYTES), its peak starting there too. */
const IDLE_OUTPUT = { rbs: 16384, rbp: 16384, obl: 0, oll: 0, omem: 0 };

/** getClientType's name for CLIENT LIST TYPE / CLIENT KILL TYPE, or null when unknown. */
export function clientTypeName(raw: string): string | null {
	const type = raw.toLowerCase();
	if (type === 'replica') return 'slave';
	return ['normal', 'master', 'slave', 'pubsub'].includes(type) ? type : null;
}

/** What CLIENT LIST prints as addr and laddr (playground clients get made-up ports). */
export const clientLaddr = (c: ClientState): string => c.conn?.laddr ?? '127.0.0.1:6379';

/**
 * One CLIENT LIST line. `current` is the command being run when `c` is the caller: Redis shows it
 * as cmd=, its arguments count in argv-mem, and its bytes are still in the query buffer.
 */
export function clientInfoLine(
	server: Server,
	c: ClientState,
	current: readonly string[] | null,
): string {
	const now = server.now();
	const argvMem = current ? current.reduce((n, a) => n + a.length, 0) : 0;
	let qbuf: number;
	let qbufFree: number;
	let queryBytes: number;
	if (c.conn) ({ qbuf, qbufFree, bytes: queryBytes } = c.conn.queryBuffer());
	else {
		qbuf = current ? requestBytes(current) : 0;
		qbufFree = Math.max(QBUF_USABLE, qbuf) - qbuf;
		queryBytes = QBUF_BYTES + (qbuf + qbufFree - QBUF_USABLE);
	}
	const { rbs, rbp, obl, oll, omem } = c.conn?.output() ?? IDLE_OUTPUT;
	const argvAlloc = current ? 8 * current.length : 0;
	const totMem = TOT_MEM_BASE + rbs + queryBytes + argvMem + argvAlloc + omem;
	const flags =
		(c.monitor ? 'O' : '') +
		(c.multi !== null ? 'x' : '') +
		(isBlocked(server, c) ? 'b' : '') +
		(c.dirtyCas ? 'd' : '') +
		(c.noEvict ? 'e' : '');
	const fields: [string, string | number][] = [
		['id', c.id],
		['addr', clientAddr(c)],
		['laddr', clientLaddr(c)],
		['fd', c.conn?.fd ?? 7 + c.id],
		['name', c.name],
		['age', Math.floor((now - c.createdAt) / 1000)],
		['idle', Math.floor((now - c.lastInteraction) / 1000)],
		['flags', flags || 'N'],
		['db', c.db],
		['sub', 0],
		['psub', 0],
		['ssub', 0],
		['multi', c.multi !== null ? c.multi.length : -1],
		['qbuf', qbuf],
		['qbuf-free', qbufFree],
		['argv-mem', argvMem],
		['multi-mem', 0],
		['rbs', rbs],
		['rbp', rbp],
		['obl', obl],
		['oll', oll],
		['omem', omem],
		['tot-mem', totMem],
		['events', 'r'],
		['cmd', current ? `client|${current[1]!.toLowerCase()}` : c.lastCommand],
		['user', 'default'],
		['redir', -1],
		['resp', c.resp],
	];
	return fields.map(([k, v]) => `${k}=${v}`).join(' ') + '\n';
}

/** CLIENT LIST [TYPE type] [ID id …]: every client, or the normal ones, or those ids. */
export function clientList({ server, client, argv }: CommandContext): Reply {
	let clients = [...server.clients.values()];
	if (argv.length === 4 && argv[2]!.toLowerCase() === 'type') {
		const type = clientTypeName(argv[3]!);
		if (type === null) return error(`ERR Unknown client type '${argv[3]!}'`);
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
