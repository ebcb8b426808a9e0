// No Redis counterpart: engine.fork() copies a Server field by field, so the copy continues exactly
// as the original would (same keys, stats, pool, cron tick, pending eviction, bgsave child, PRNG).
// Every per-server field is listed here; a new one must be copied here too (fork.test.ts checks).
import type { ClientState } from './client.ts';
import { copyDb } from './db-copy.ts';
import { copyPersistence } from './persistence.ts';
import { Server } from './server.ts';
import { isBlocked } from './blocking.ts';
import { watchKey } from './keyspace.ts';
import { copyLatencyEvents } from './latency-monitor.ts';
import { copySlowlog } from './slowlog.ts';

/** The copy, on a detached clock at the same moment; its timers are re-armed by the engine. */
export function forkServer(src: Server): Server {
	const server = new Server(src.clock.detachedCopy(), { ...src.config }, src.rng.clone());
	server.startedAt = src.startedAt;
	server.stats = { ...src.stats };
	server.activeExpireEnabled = src.activeExpireEnabled;
	server.packedThreshold = src.packedThreshold;
	server.lruResolutionMs = src.lruResolutionMs;
	server.clientBufferBytes = src.clientBufferBytes;
	server.peakMemory = src.peakMemory;
	server.errorStats = { ...src.errorStats };
	server.commandStats = Object.fromEntries(
		Object.entries(src.commandStats).map(([name, s]) => [
			name,
			{ ...s, latency: s.latency && s.latency.clone() },
		]),
	);
	copyLatencyEvents(src, server);
	server.slowlog = copySlowlog(src.slowlog);
	server.activeExpire = { ...src.activeExpire };
	server.eviction = {
		nextDb: src.eviction.nextDb,
		pool: src.eviction.pool.map((e) => ({ ...e })),
		proc: src.eviction.proc && { ...src.eviction.proc },
	};
	// The timer ids stay the source's until the engine re-arms them: they order equal due times.
	server.cron = { ...src.cron };
	server.persistence = copyPersistence(src.persistence);
	server.configFile = src.configFile;
	// applyHostConfig stays null: a fork is detached from the host, so its CONFIG SET port moves no
	// listener.
	src.dbs.forEach((from, i) => copyDb(from, server.dbs[i]!));
	copyClients(src, server);
	return server;
}

/** Connected clients come along (db, MULTI queue, WATCHes), except one blocked on keys. */
function copyClients(src: Server, server: Server): void {
	server.nextClientId = src.nextClientId;
	for (const c of src.clients.values()) {
		if (isBlocked(src, c)) continue;
		const copy: ClientState = {
			...c,
			multi: c.multi && c.multi.map((argv) => [...argv]),
			watched: c.watched.map((w) => ({ ...w })),
			conn: null,
			monitor: false,
		};
		server.clients.set(copy.id, copy);
		for (const w of copy.watched) {
			const id = watchKey(w.db, w.key);
			let watchers = server.watchedKeys.get(id);
			if (!watchers) server.watchedKeys.set(id, (watchers = new Set()));
			watchers.add(copy);
		}
	}
}
