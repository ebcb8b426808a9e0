// Mirrors CLIENT KILL in src/networking.c (clientCommand): the old `CLIENT KILL ip:port` form, which
// may kill the caller and answers OK or "No such client", and the filter form (ID, TYPE, USER, ADDR,
// LADDR, SKIPME), which answers how many connections it closed.
import type { CommandContext } from '../command.ts';
import { parseStrictInt64 } from '../object.ts';
import { ERR, OK, error, integer, type Reply } from '../reply.ts';
import { clientAddr, type ClientState } from '../client.ts';
import { clientLaddr, clientTypeName } from './client-list.ts';

interface Filter {
	addr?: string;
	laddr?: string;
	type?: string;
	id?: bigint;
	skipme: boolean;
}

/** The options, parsed left to right: the first bad one is the error. */
function parseFilter(argv: readonly string[]): Filter | Reply {
	const f: Filter = { skipme: true };
	for (let i = 2; i < argv.length; i += 2) {
		const option = argv[i]!.toLowerCase();
		const value = argv[i + 1];
		if (value === undefined) return error(ERR.syntax);
		if (option === 'id') {
			const id = parseStrictInt64(value);
			if (id === null || id < 1n) return error('ERR client-id should be greater than 0');
			f.id = id;
		} else if (option === 'type') {
			const type = clientTypeName(value);
			if (type === null) return error(`ERR Unknown client type '${value}'`);
			f.type = type;
		} else if (option === 'addr') f.addr = value;
		else if (option === 'laddr') f.laddr = value;
		else if (option === 'user') {
			// The default user is the only one there is.
			if (value !== 'default') return error(`ERR No such user '${value}'`);
		} else if (option === 'skipme') {
			const v = value.toLowerCase();
			if (v !== 'yes' && v !== 'no') return error(ERR.syntax);
			f.skipme = v === 'yes';
		} else return error(ERR.syntax);
	}
	return f;
}

const matches = (c: ClientState, self: ClientState, f: Filter): boolean =>
	(f.addr === undefined || clientAddr(c) === f.addr) &&
	(f.laddr === undefined || clientLaddr(c) === f.laddr) &&
	(f.type === undefined || f.type === 'normal') &&
	(f.id === undefined || BigInt(c.id) === f.id) &&
	!(c === self && f.skipme);

export function clientKill({ server, client, argv }: CommandContext): Reply {
	const oldForm = argv.length === 3;
	let filter: Filter;
	if (oldForm) filter = { addr: argv[2]!, skipme: false };
	else {
		const parsed = parseFilter(argv);
		if (!('skipme' in parsed)) return parsed;
		filter = parsed;
	}
	let killed = 0;
	for (const c of [...server.clients.values()]) {
		if (!matches(c, client, filter)) continue;
		// The caller's own connection closes once this reply is written (the transport knows).
		c.conn?.kill();
		killed++;
	}
	if (!oldForm) return integer(killed);
	return killed === 0 ? error('ERR No such client') : OK;
}
