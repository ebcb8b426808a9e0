// The engine's only public door: everything outside src/engine imports from here.
export { createEngine } from './engine.ts';
export type { Client, ConnectOptions, Engine, EngineOptions } from './engine.ts';
export { BLOCKED } from './blocking.ts';
/**
 * Lifecycle markers, compared by identity. CONNECTION_CLOSED is what the SHUTDOWN that stopped the
 * server answers (Redis sends nothing and closes the connection: redis-cli prints nothing and shows
 * `not connected>`); CONNECTION_REFUSED is what every exec answers while it is down (redis-cli's
 * `Could not connect to Redis at 127.0.0.1:6379: Connection refused`). engine.start() or
 * engine.restart() brings it back from its last snapshot.
 */
export { CONNECTION_CLOSED, CONNECTION_REFUSED } from './restart.ts';
export type { Connection } from './client.ts';
export { VirtualClock, DEFAULT_START_MS } from './clock.ts';
export type { TimerId } from './clock.ts';
export { Random } from './random.ts';
export type { Reply } from './reply.ts';
export type { EngineEvent, EngineListener, EvictionCandidate, EvictionMeasure } from './events.ts';
export { evictionMeasure } from './evict.ts';
export type { KeyView, KeyspaceView } from './inspect.ts';
export { freqAt, idleSecondsAt } from './inspect.ts';
export { isLfuPolicy } from './lru.ts';
export type { CommandSpec, CommandFlag, CommandGroup } from './command.ts';
export type { Config, MaxmemoryPolicy } from './config.ts';
export { MAXMEMORY_POLICIES } from './config.ts';
export { bytesToHuman, je as jemallocSize, sdsHeader } from './memory.ts';
export { requestBytes } from './client.ts';
export { loggedArgv } from './redact.ts';
// The Labs' experiments have their own door, ./experiments/index.ts: re-exported here they would
// ride in the first screen's chunk, which every page load fetches.
// The data-type families (bitmaps, SORT, lists, sets, sorted sets) load on demand: call
// loadAllCommands() once before a command of theirs runs (Node entry points do it at start-up).
export { allCommandsLoaded, commandNeedsLoading, loadAllCommands } from './commands/index.ts';
