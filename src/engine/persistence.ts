// Mirrors src/rdb.c's save paths (rdbSave, rdbSaveBackground, backgroundSaveDoneHandlerDisk) and
// the part of serverCron (src/server.c) that reaps the bgsave child, fires save points and starts a
// scheduled BGSAVE. The "disk" is the last snapshot: a deep copy of the dataset that restart loads.
import { lookupConfig, configText, perConfig, type Config } from './config.ts';
import { saveDb, type SavedDb } from './db-copy.ts';
import type { Server } from './server.ts';
import { usedMemory } from './stats.ts';
import { isLfuPolicy } from './lru.ts';

/** CONFIG_BGSAVE_RETRY_DELAY: after a failed bgsave, save points wait this long (seconds). */
export const CONFIG_BGSAVE_RETRY_DELAY = 5;
/**
 * How fast the modelled child writes the RDB file (bytes per ms of virtual time): 100 MB/s, a
 * plain disk. A playground's few megabytes are written within the cron tick that follows BGSAVE.
 */
export const RDB_BYTES_PER_MS = 100_000;

/** What dump.rdb holds: every database as it was when the save began. Never mutated. */
export interface Snapshot {
	readonly dbs: readonly SavedDb[];
	/** When the save began (virtual ms): keys' TTLs are absolute, so this only dates it. */
	readonly at: number;
	/** The policy then: rdbSaveKeyValuePair writes each key's idle time (LRU) or counter (LFU). */
	readonly policy: Config['maxmemory-policy'];
	/** LRU_CLOCK() then, to read each saved key's idle time back. */
	readonly lruClock: number;
}

/** The forked child of rdbSaveBackground: it saves the dataset as it was at the fork. */
export interface BgsaveChild {
	readonly startedAt: number;
	/** When it exits; the parent notices at the first cron tick from then on. */
	readonly doneAt: number;
	/** dirty_before_bgsave: writes the snapshot holds, subtracted from dirty on success. */
	readonly dirtyBefore: number;
	readonly snapshot: Snapshot;
	readonly keys: number;
}

export interface PersistenceState {
	/** server.dirty: changes since the last successful save (rdb_changes_since_last_save). */
	dirty: number;
	/** lastsave: Unix seconds of the last successful save; the start time until one. */
	lastsave: number;
	/** lastbgsave_try (Unix seconds), for the retry delay after a failure. */
	lastbgsaveTry: number;
	lastbgsaveStatus: 'ok' | 'err';
	/** stat_rdb_saves: SAVE and every bgsave started (a FLUSHALL's own save is not counted). */
	saves: number;
	child: BgsaveChild | null;
	/** rdb_bgsave_scheduled: BGSAVE inside MULTI/EXEC starts from the next cron tick. */
	bgsaveScheduled: boolean;
	/** rdb_save_time_last: seconds the last bgsave took, -1 before the first. */
	lastBgsaveTimeSec: number;
	/** The last snapshot written successfully, or null: what a restart loads. */
	snapshot: Snapshot | null;
	loadKeysLoaded: number;
	loadKeysExpired: number;
	/** Makes saves fail as a full disk would (tests and what-ifs; Redis has no such switch). */
	failSaves: boolean;
}

export const unixSeconds = (ms: number): number => Math.floor(ms / 1000);

export function emptyPersistence(startMs: number): PersistenceState {
	return {
		dirty: 0,
		lastsave: unixSeconds(startMs),
		lastbgsaveTry: 0,
		lastbgsaveStatus: 'ok',
		saves: 0,
		child: null,
		bgsaveScheduled: false,
		lastBgsaveTimeSec: -1,
		snapshot: null,
		loadKeysLoaded: 0,
		loadKeysExpired: 0,
		failSaves: false,
	};
}

/** A copy for a fork: snapshots are never mutated, so they are shared. */
export function copyPersistence(p: PersistenceState): PersistenceState {
	return { ...p };
}

const SAVE_SPEC = lookupConfig('save')!.spec;
/**
 * server.saveparams from the `save` parameter's text ("3600 1 300 100 …"). Every write asks
 * (addDirty compares dirty with each save point), so it is read once per config.
 */
export const saveParams = perConfig((config): readonly { seconds: number; changes: number }[] => {
	const w = configText(config, SAVE_SPEC).split(' ').filter(Boolean).map(Number);
	const out: { seconds: number; changes: number }[] = [];
	for (let i = 0; i + 1 < w.length; i += 2) out.push({ seconds: w[i]!, changes: w[i + 1]! });
	return out;
});

export function takeSnapshot(server: Server): Snapshot {
	const dbs = server.dbs.map(saveDb);
	const policy = server.config['maxmemory-policy'];
	return { dbs, at: server.now(), policy, lruClock: server.lruClock() };
}

/** rdbSave: the foreground save (SAVE, SHUTDOWN, FLUSHALL with save points). */
export function rdbSave(server: Server): boolean {
	const p = server.persistence;
	if (p.failSaves) {
		p.lastbgsaveStatus = 'err';
		return false;
	}
	p.snapshot = takeSnapshot(server);
	p.dirty = 0;
	p.lastsave = unixSeconds(server.now());
	p.lastbgsaveStatus = 'ok';
	return true;
}

/** rdbSaveBackground: the child snapshots the dataset now and exits once it has written it. */
export function rdbSaveBackground(server: Server): boolean {
	const p = server.persistence;
	if (p.child !== null) return false;
	p.saves++;
	p.lastbgsaveTry = unixSeconds(server.now());
	const used = usedMemory(server);
	let keys = 0;
	for (const db of server.dbs) keys += db.size;
	p.child = {
		startedAt: server.now(),
		doneAt: server.now() + Math.max(1, Math.ceil(used / RDB_BYTES_PER_MS)),
		dirtyBefore: p.dirty,
		snapshot: takeSnapshot(server),
		keys,
	};
	server.wakeCron(Infinity);
	return true;
}

/** backgroundSaveDoneHandlerDisk: the parent reaps the child (from serverCron). */
function reapChild(server: Server): void {
	const p = server.persistence;
	const child = p.child!;
	const now = unixSeconds(server.now());
	if (p.failSaves) {
		p.lastbgsaveStatus = 'err';
	} else {
		p.snapshot = child.snapshot;
		p.dirty -= child.dirtyBefore;
		p.lastsave = now;
		p.lastbgsaveStatus = 'ok';
	}
	p.lastBgsaveTimeSec = now - unixSeconds(child.startedAt);
	p.child = null;
}

const mayRetry = (p: PersistenceState, now: number): boolean =>
	now - p.lastbgsaveTry > CONFIG_BGSAVE_RETRY_DELAY || p.lastbgsaveStatus === 'ok';

/** serverCron's persistence steps, in its order: reap the child, else save points; then SCHEDULE. */
export function persistenceCron(server: Server): void {
	const p = server.persistence;
	const now = unixSeconds(server.now());
	if (p.child !== null) {
		if (server.now() >= p.child.doneAt) reapChild(server);
	} else {
		for (const sp of saveParams(server.config)) {
			if (p.dirty >= sp.changes && now - p.lastsave > sp.seconds && mayRetry(p, now)) {
				rdbSaveBackground(server);
				break;
			}
		}
	}
	if (p.child === null && p.bgsaveScheduled && mayRetry(p, now)) {
		if (rdbSaveBackground(server)) p.bgsaveScheduled = false;
	}
}

/**
 * The earliest virtual ms at which persistenceCron could act, or Infinity: the cron skips the
 * ticks before it. Dirty only grows through commands, which ask again (wakeCron).
 */
export function persistenceDueAt(server: Server): number {
	const p = server.persistence;
	if (p.child !== null) return p.child.doneAt;
	const retryAt =
		p.lastbgsaveStatus === 'ok' ? 0 : (p.lastbgsaveTry + CONFIG_BGSAVE_RETRY_DELAY + 1) * 1000;
	let due = p.bgsaveScheduled ? Math.max(server.now(), retryAt) : Infinity;
	for (const sp of saveParams(server.config))
		if (p.dirty >= sp.changes)
			due = Math.min(due, Math.max((p.lastsave + sp.seconds + 1) * 1000, retryAt));
	return due;
}

/** The policy-dependent part of a key's `lru` when loaded (objectSetLRUOrLFU). */
export function savedIdleOrFreq(snapshot: Snapshot): 'lru' | 'lfu' | null {
	if (isLfuPolicy(snapshot.policy)) return 'lfu';
	return snapshot.policy.endsWith('-lru') ? 'lru' : null;
}
