// Mirrors a process's life around src/server.c's main(): SHUTDOWN's exit (finishShutdown), a
// `kill -9`, and a start that loads dump.rdb (loadDataFromDisk). The "disk" (the last snapshot and
// a rewritten config file) is all that outlives the process.
import type { Config } from './config.ts';
import { loadSnapshot } from './db-copy.ts';
import type { Reply } from './reply.ts';
import { Server } from './server.ts';

/**
 * What a client's exec answers while the server is down: redis-cli's line when it cannot connect.
 * Compare by identity: it is the only reply object that means "no server there".
 */
export const CONNECTION_REFUSED: Reply = Object.freeze({
	type: 'error',
	value: 'Could not connect to Redis at 127.0.0.1:6379: Connection refused',
});

/**
 * What SHUTDOWN's exec answers when it stopped the server: Redis sends no reply, it closes the
 * connection (redis-cli then prints nothing and shows `not connected>`). Compare by identity.
 */
export const CONNECTION_CLOSED: Reply = Object.freeze({
	type: 'error',
	value: 'Server closed the connection',
});

/** The process dies: its timers stop, blocked clients' timeouts with them, a bgsave child too. */
export function killServer(server: Server, cron: { stop(): void }): void {
	cron.stop();
	const clock = server.clock;
	if (server.eviction.proc) clock.clearTimeout(server.eviction.proc.timer);
	server.eviction.proc = null;
	for (const b of server.blocking?.byClient.values() ?? []) clock.clearTimeout(b.timer);
	server.persistence.child = null;
	server.down = true;
}

/**
 * A new process on the same clock: `config` (the start-up config, or the rewritten file), the
 * snapshot loaded, fresh stats and clients. The event bus and the PRNG carry over, so listeners
 * stay subscribed and a replay draws the same numbers.
 */
export function bootServer(old: Server, config: Config): Server {
	const server = new Server(old.clock, { ...config }, old.rng);
	server.events = old.events;
	server.lruResolutionMs = old.lruResolutionMs;
	server.configFile = old.configFile;
	server.applyHostConfig = old.applyHostConfig;
	const snapshot = old.persistence.snapshot;
	server.persistence.snapshot = snapshot;
	if (snapshot) loadSnapshot(server, snapshot);
	return server;
}
