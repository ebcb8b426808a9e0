// Commands a 7.0 server answers that the engine does not model, answered here as a server with no
// functions does: FUNCTION LIST / FLUSH (redis-benchmark and client libraries call them), and
// COMMAND DOCS while the engine lacks it. CLIENT, HELLO, AUTH, RESET, QUIT and MONITOR are the
// engine's (the connection's own parts reach it through the Connection the session attaches).
import type { Reply } from '../engine/index.ts';
import type { RespSession } from './session.ts';

const OK: Reply = { type: 'status', value: 'OK' };
const err = (value: string): Reply => ({ type: 'error', value });
const wrongArgs = (name: string): Reply =>
	err(`ERR wrong number of arguments for '${name}' command`);
const unknownSub = (sub: string, cmd: string): Reply =>
	err(`ERR unknown subcommand '${sub.slice(0, 128)}'. Try ${cmd} HELP.`);

/** A server-layer answer, or null to let the engine answer. */
export function connectionCommand(
	s: RespSession,
	name: string,
	argv: readonly string[],
): Reply | null {
	const known = (n: string) => s.hub.knows(n);
	switch (name) {
		case 'function':
			return known('function') ? null : functionCommand(argv);
		case 'command':
			if (known('command|docs') || argv[1]?.toLowerCase() !== 'docs') return null;
			return { type: 'array', value: [], resp3: 'map' };
		default:
			return null;
	}
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
