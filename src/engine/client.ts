// Mirrors the per-connection part of `struct client` (server.h): the selected database, the MULTI
// queue and the WATCHed keys. Several app instances share one engine, as they share one Redis.

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
}

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
	};
}
