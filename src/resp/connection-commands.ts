// Mirrors the connection-level commands of src/networking.c (clientCommand, helloCommand),
// src/acl.c (authCommand), src/functions.c and src/debug.c as a password-less 7.0 server with no
// functions answers them. HELLO and CLIENT ID/SETNAME/GETNAME/LIST/INFO always run here (they need
// the connection); AUTH, FUNCTION, RESET and COMMAND DOCS only when the engine lacks them.
import type { Reply } from '../engine/index.ts';
import { clientInfoLine } from './client-info.ts';
import type { RespSession } from './session.ts';

const OK: Reply = { type: 'status', value: 'OK' };
const err = (value: string): Reply => ({ type: 'error', value });
const bulk = (value: string | null): Reply => ({ type: 'bulk', value });
const int = (value: number): Reply => ({ type: 'integer', value });
const wrongArgs = (name: string): Reply =>
	err(`ERR wrong number of arguments for '${name}' command`);
const unknownSub = (sub: string, cmd: string): Reply =>
	err(`ERR unknown subcommand '${sub.slice(0, 128)}'. Try ${cmd} HELP.`);
const WRONGPASS = 'WRONGPASS invalid username-password pair or user is disabled.';

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
		case 'hello':
			return hello(s, argv);
		case 'client':
			return client(s, argv);
		case 'auth':
			return known('auth') ? null : auth(argv);
		case 'function':
			return known('function') ? null : functionCommand(argv);
		case 'debug':
			// DEBUG LOG only writes to the server log, which this server does not keep.
			return argv.length === 3 && argv[1]!.toLowerCase() === 'log' ? OK : null;
		case 'command':
			if (known('command|docs') || argv[1]?.toLowerCase() !== 'docs') return null;
			return { type: 'array', value: [], resp3: 'map' };
		case 'reset':
			if (known('reset')) return null;
			// Without the engine's RESET, a fresh engine client is the reset state (a new id, though).
			s.client.close();
			s.client = s.hub.engine.connect();
			return { type: 'status', value: 'RESET' };
		default:
			return null;
	}
}

function hello(s: RespSession, argv: readonly string[]): Reply {
	let ver = 0;
	let j = 1;
	if (argv.length >= 2) {
		const v = parseLongLong(argv[1]!);
		if (v === null) return err('ERR Protocol version is not an integer or out of range');
		if (v < 2 || v > 3) return err('NOPROTO unsupported protocol version');
		ver = v;
		j = 2;
	}
	let user: string | undefined;
	let clientName: string | undefined;
	for (; j < argv.length; j++) {
		const more = argv.length - 1 - j;
		const opt = argv[j]!;
		if (opt.toLowerCase() === 'auth' && more >= 2) {
			user = argv[j + 1]!;
			j += 2;
		} else if (opt.toLowerCase() === 'setname' && more >= 1) {
			clientName = argv[++j]!;
		} else {
			return err(`ERR Syntax error in HELLO option '${opt}'`);
		}
	}
	// The default user is `nopass`: any password opens it, and no other user exists.
	if (user !== undefined && user !== 'default') return err(WRONGPASS);
	if (clientName !== undefined) {
		const refused = setName(s, clientName);
		if (refused) return refused;
	}
	if (ver === 2 || ver === 3) s.resp = ver;
	const fields: Reply[] = [
		bulk('server'),
		bulk('redis'),
		bulk('version'),
		bulk('7.0.15'),
		bulk('proto'),
		int(s.resp),
		bulk('id'),
		int(s.id),
		bulk('mode'),
		bulk('standalone'),
		bulk('role'),
		bulk('master'),
		bulk('modules'),
		{ type: 'array', value: [] },
	];
	return { type: 'array', value: fields, resp3: 'map' };
}

function setName(s: RespSession, name: string): Reply | null {
	for (let i = 0; i < name.length; i++) {
		const c = name.charCodeAt(i);
		if (c < 0x21 || c > 0x7e)
			return err('ERR Client names cannot contain spaces, newlines or special characters.');
	}
	s.name = name;
	return null;
}

function client(s: RespSession, argv: readonly string[]): Reply | null {
	if (argv.length < 2) return s.hub.knows('client') ? null : wrongArgs('client');
	const sub = argv[1]!.toLowerCase();
	const arity = (n: number) => (argv.length === n ? null : wrongArgs(`client|${sub}`));
	switch (sub) {
		case 'id':
			return arity(2) ?? int(s.id);
		case 'getname':
			return arity(2) ?? bulk(s.name === '' ? null : s.name);
		case 'setname':
			return arity(3) ?? setName(s, argv[2]!) ?? OK;
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

function auth(argv: readonly string[]): Reply {
	if (argv.length < 2) return wrongArgs('auth');
	if (argv.length > 3) return err('ERR syntax error');
	if (argv.length === 2) {
		return err(
			'ERR AUTH <password> called without any password configured for the default user. ' +
				'Are you sure your configuration is correct?',
		);
	}
	return argv[1] === 'default' ? OK : err(WRONGPASS);
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
