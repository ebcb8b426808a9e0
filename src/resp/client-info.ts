// Mirrors catClientInfoString() in src/networking.c: one CLIENT LIST / CLIENT INFO line, with the
// 7.0.15 field set. Fields this server has no notion of (pub/sub, replication) keep their idle values.
import type { RespSession } from './session.ts';

export function clientInfoLine(s: RespSession): string {
	const now = s.hub.wall.clock.now();
	const { qbuf, omem } = s.buffers();
	const inMulti = s.client.inTransaction;
	const fields: [string, string | number][] = [
		['id', s.id],
		['addr', s.peer.addr],
		['laddr', s.peer.laddr],
		['fd', s.peer.fd],
		['name', s.name],
		['age', Math.floor((now - s.createdAt) / 1000)],
		['idle', Math.floor((now - s.lastInteraction) / 1000)],
		['flags', inMulti ? 'x' : 'N'],
		['db', s.client.db],
		['sub', 0],
		['psub', 0],
		['ssub', 0],
		['multi', inMulti ? s.queued : -1],
		['qbuf', qbuf],
		['qbuf-free', 0],
		['argv-mem', 0],
		['multi-mem', 0],
		['rbs', 16384],
		['rbp', 16384],
		['obl', 0],
		['oll', 0],
		['omem', omem],
		['tot-mem', qbuf + omem],
		['events', 'r'],
		['cmd', s.lastCmd],
		['user', 'default'],
		['redir', -1],
		['resp', s.resp],
	];
	return fields.map(([k, v]) => `${k}=${v}`).join(' ');
}
