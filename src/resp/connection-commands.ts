// Mirrors the connection-level commands of src/networking.c (clientCommand) that need the TCP
// connection — CLIENT INFO and LIST print addresses, buffers and ages only this layer knows — and
// answers FUNCTION, DEBUG LOG and COMMAND DOCS as a 7.0 server with no functions does when the
// engine lacks them. HELLO, AUTH, RESET and CLIENT ID/SETNAME/GETNAME are the engine's.
import type { Reply } from '../engine/index.ts';
import { clientInfoLine } from './client-info.ts';
import type { RespSession } from './session.ts';

const OK: Reply = { type: 'status', value: 'OK' };
const err = (value: string): Reply => ({ type: 'error', value });
const bulk = (value: string | null): Reply => ({ type: 'bulk', value });
const wrongArgs = (name: string): Reply =>
	err(`ERR wrong number of arguments for '${name}' command`);
const unknownSub = (sub: string, cmd: string): Reply =>
	err(`ERR unknown subcommand '${sub.slice(0, 128)}'. Try ${cmd} HELP.`);

/** string2ll on a whole argument, as getLongLongFromObject reads it. */
export function parseLongLong(s: string): number | null {
	if (!/^(0|-?[1-9][0-9]{0,18})$/.test(s)) return null;
	const n = BigInt(s);
	return n > 9223372036854775807n || n < -9223372036854775808n ? null : Number(n);
}

/** A server-layer answer, or null to let the engine answer. */
export function connectionCommand(
	s: RespSession,
	name: string,
	argv: readonly string[],
): Reply | null {
	const known = (n: string) => s.hub.knows(n);
	switch (name) {
		case 'client':
			return client(s, argv);
		case 'function':
			return known('function') ? null : functionCommand(argv);
		case 'debug':
			// DEBUG LOG only writes to the server log, which this server does not keep.
			return argv.length === 3 && argv[1]!.toLowerCase() === 'log' ? OK : null;
		case 'command':
			if (known('command|docs') || argv[1]?.toLowerCase() !== 'docs') return null;
			return { type: 'array', value: [], resp3: 'map' };
		default:
			return null;
	}
}

function client(s: RespSession, argv: readonly string[]): Reply | null {
	if (argv.length < 2) return s.hub.knows('client') ? null : wrongArgs('client');
	const sub = argv[1]!.toLowerCase();
	const arity = (n: number) => (argv.length === n ? null : wrongArgs(`client|${sub}`));
	switch (sub) {
		case 'info':
			return arity(2) ?? bulk(clientInfoLine(s) + '\n');
		case 'list':
			return clientList(s, argv);
		default:
			return s.hub.knows('client') ? null : unknownSub(argv[1]!, 'CLIENT');
	}
}

function clientList(s: RespSession, argv: readonly string[]): Reply {
	let sessions = [...s.hub.sessions];
	if (argv.length === 4 && argv[2]!.toLowerCase() === 'type') {
		const type = argv[3]!.toLowerCase();
		if (!['normal', 'master', 'slave', 'replica', 'pubsub'].includes(type))
			return err(`ERR Unknown client type '${argv[3]!}'`);
		if (type !== 'normal') sessions = [];
	} else if (argv.length > 3 && argv[2]!.toLowerCase() === 'id') {
		const ids = new Set<number>();
		for (const a of argv.slice(3)) {
			const id = parseLongLong(a);
			if (id === null || id < 1) return err('ERR Invalid client ID');
			ids.add(id);
		}
		sessions = sessions.filter((x) => ids.has(x.id));
	} else if (argv.length !== 2) {
		return err('ERR syntax error');
	}
	return bulk(sessions.map((x) => clientInfoLine(x) + '\n').join(''));
}

function functionCommand(argv: readonly string[]): Reply {
	if (argv.length < 2) return wrongArgs('function');
	const sub = argv[1]!.toLowerCase();
	if (sub === 'list') return { type: 'array', value: [] };
	if (sub === 'flush') {
		if (argv.length > 3) return wrongArgs('function|flush');
		const mode = argv[2]?.toLowerCase();
		return mode === undefined || mode === 'sync' || mode === 'async'
			? OK
			: err('ERR FUNCTION FLUSH only supports SYNC|ASYNC option');
	}
	return unknownSub(argv[1]!, 'FUNCTION');
}
