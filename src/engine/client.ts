// Mirrors the per-connection part of `struct client` (server.h): the selected database, the MULTI
// queue and the WATCHed keys. Several app instances share one engine, as they share one Redis.

/** The bytes of argv as redis-cli sends it (a RESP multibulk): what it puts in a query buffer. */
export function requestBytes(argv: readonly string[]): number {
	let n = `*${argv.length}\r\n`.length;
	for (const a of argv) n += `$${a.length}\r\n`.length + a.length + 2;
	return n;
}

/**
 * What a transport knows about one connection (the networking.c half of struct client): the RESP
 * server attaches one; playground clients have none and show an idle redis-cli's figures.
 */
export interface Connection {
	readonly addr: string;
	readonly laddr: string;
	readonly fd: number;
	/** sdslen(querybuf) and sdsavail(querybuf) as they stand while a command runs. */
	queryBuffer(): { qbuf: number; qbufFree: number; bytes: number };
	/** The reply buffer's size and peak, bytes pending in it, the reply list and its memory. */
	output(): { rbs: number; rbp: number; obl: number; oll: number; omem: number };
	/** CLIENT KILL: the connection goes (its own, once the reply is written). */
	kill(): void;
	/** MONITOR: the connection starts receiving every command the server runs. */
	monitor(): void;
	/** RESET of a monitoring connection: it stops receiving them. */
	unmonitor(): void;
}

export interface ClientState {
	readonly id: number;
	name: string;
	db: number;
	/** Commands queued since MULTI, or null when not in a transaction. */
	multi: string[][] | null;
	/** CLIENT_DIRTY_EXEC: a queued command was refused, so EXEC must abort. */
	dirtyExec: boolean;
	/** CLIENT_DIRTY_CAS: a WATCHed key was touched, so EXEC must fail with a nil reply. */
	dirtyCas: boolean;
	/** Watched keys as (db, key), with whether each was already logically expired when watched. */
	watched: { db: number; key: string; expired: boolean }[];
	/** RESP protocol version (HELLO); the engine itself always answers RESP2-shaped replies. */
	resp: 2 | 3;
	/** Created at (virtual ms), for CLIENT LIST's age. */
	readonly createdAt: number;
	lastCommand: string;
	/** Last command (virtual ms), for CLIENT LIST's idle. */
	lastInteraction: number;
	conn: Connection | null;
	/** CLIENT REPLY: the transport drops replies while off, and the next one after skip. */
	replyMode: 'on' | 'off' | 'skip';
	/** CLIENT_MONITOR (MONITOR ran): flag O in CLIENT LIST. */
	monitor: boolean;
	/** CLIENT NO-EVICT ON: flag e in CLIENT LIST. */
	noEvict: boolean;
}

/** getClientPeerId: the RESP connection's ip:port; a playground client gets a stable stand-in. */
export const clientAddr = (c: ClientState): string => c.conn?.addr ?? `127.0.0.1:${50000 + c.id}`;

export function createClientState(id: number, now: number): ClientState {
	return {
		id,
		name: '',
		db: 0,
		multi: null,
		dirtyExec: false,
		dirtyCas: false,
		watched: [],
		resp: 2,
		createdAt: now,
		lastCommand: 'NULL',
		lastInteraction: now,
		conn: null,
		replyMode: 'on',
		monitor: false,
		noEvict: false,
	};
}
