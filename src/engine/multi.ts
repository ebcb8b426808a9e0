// Mirrors the client-state half of src/multi.c: WATCH bookkeeping (watchForKey, unwatchAllKeys,
// isWatchedKeyExpired) and discardTransaction. touchWatchedKey is keyspace.ts's signalModifiedKey.
import type { ClientState } from './client.ts';
import { keyIsExpired, watchKey } from './keyspace.ts';
import type { Server } from './server.ts';

/**
 * watchForKey: remembers (db, key) for the client, once. Whether the key was already logically
 * expired is recorded too: such a key expiring, or being deleted, is no change for this client.
 */
export function watchForKey(server: Server, client: ClientState, dbId: number, key: string): void {
	if (client.watched.some((w) => w.db === dbId && w.key === key)) return;
	const id = watchKey(dbId, key);
	let watchers = server.watchedKeys.get(id);
	if (!watchers) server.watchedKeys.set(id, (watchers = new Set()));
	watchers.add(client);
	client.watched.push({ db: dbId, key, expired: keyIsExpired(server, server.dbs[dbId]!, key) });
}

/** unwatchAllKeys: forgets every watched key (clearing CLIENT_DIRTY_CAS is the caller's job). */
export function unwatchAllKeys(server: Server, client: ClientState): void {
	for (const w of client.watched) {
		const id = watchKey(w.db, w.key);
		const watchers = server.watchedKeys.get(id);
		watchers?.delete(client);
		if (watchers?.size === 0) server.watchedKeys.delete(id);
	}
	client.watched = [];
}

/**
 * isWatchedKeyExpired: EXEC fails when a watched key has expired since WATCH, even though
 * nothing has deleted it yet. Keys that were already expired when watched don't count.
 */
export function isWatchedKeyExpired(server: Server, client: ClientState): boolean {
	return client.watched.some((w) => !w.expired && keyIsExpired(server, server.dbs[w.db]!, w.key));
}

/** discardTransaction: leaves MULTI, drops the queue and both dirty flags, unwatches everything. */
export function discardTransaction(server: Server, client: ClientState): void {
	client.multi = null;
	client.dirtyExec = false;
	client.dirtyCas = false;
	unwatchAllKeys(server, client);
}
