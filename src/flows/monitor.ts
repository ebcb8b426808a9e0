// The invariant monitor: every read served is compared with the database at that moment. A read
// is stale when it returns an older version than the database held when the request started
// (a read racing a write is allowed either answer). Alongside: for how long the cache has held an
// older row than the database, DB queries per window, and the hit rate.
import type { Database } from '../db/database.ts';
import type { Engine } from '../engine/index.ts';
import { cacheKey } from './flow-options.ts';

export interface ServedRead {
	readonly at: number;
	readonly lane: string;
	readonly userId: number;
	readonly source: 'cache' | 'db';
	/** The version served, or null when there was no row (or the database failed). */
	readonly version: number | null;
	readonly dbVersionAtStart: number | null;
	readonly dbVersionNow: number | null;
	/** The cache could not be reached, so the read went to the database. */
	readonly redisDown: boolean;
	readonly isStale: boolean;
	/** How long the cache had been stale when this read was served from it (0 otherwise). */
	readonly staleForMs: number;
}

export interface CacheStaleness {
	readonly key: string;
	readonly cachedVersion: number | null;
	readonly dbVersion: number | null;
	/** Since when the cache has held an older version than the database, or null when fresh. */
	readonly staleSince: number | null;
}

export interface MonitorState {
	readonly reads: readonly ServedRead[];
	readonly staleness: readonly CacheStaleness[];
	readonly redisErrors: number;
	/** `userId:version` → when the database reached that version. */
	readonly versionAt: Readonly<Record<string, number>>;
}

export interface MonitorReport extends MonitorState {
	readonly staleReads: number;
	readonly hits: number;
	readonly misses: number;
	/** hits / (hits + misses), or null before the first read. */
	readonly hitRate: number | null;
	readonly dbQueriesInWindow: number;
	readonly windowMs: number;
}

const VERSION = /"version":(\d+)/;

export class InvariantMonitor {
	#reads: ServedRead[];
	#staleness = new Map<number, CacheStaleness>();
	#redisErrors: number;
	#versionAt: Record<string, number>;

	constructor(
		private readonly engine: () => Engine,
		private readonly db: () => Database,
		from?: MonitorState,
	) {
		this.#reads = from ? [...from.reads] : [];
		this.#redisErrors = from?.redisErrors ?? 0;
		this.#versionAt = { ...from?.versionAt };
		for (const s of from?.staleness ?? []) this.#staleness.set(userIdOf(s.key), s);
	}

	/** The database's version of the row now (the truth, read without a query). */
	dbVersion(userId: number): number | null {
		return this.db().peek(userId)?.version ?? null;
	}

	/** After every step: which tracked keys now hold an older row than the database. */
	observe(at: number, userIds: Iterable<number>): void {
		const keys = new Map(
			this.engine()
				.inspect()
				.keys.map((k) => [k.name, k]),
		);
		for (const userId of userIds) {
			const key = cacheKey(userId);
			const view = keys.get(key);
			const match = view && !view.isExpired ? VERSION.exec(view.preview) : null;
			const cachedVersion = match ? Number(match[1]) : null;
			const dbVersion = this.dbVersion(userId);
			const isStale = cachedVersion !== null && dbVersion !== null && cachedVersion < dbVersion;
			const before = this.#staleness.get(userId);
			const staleSince = isStale ? (before?.staleSince ?? at) : null;
			this.#staleness.set(userId, { key, cachedVersion, dbVersion, staleSince });
		}
	}

	/** A write reached the database: rows of older versions are stale from now on. */
	dbWrote(userId: number, version: number, at: number): void {
		this.#versionAt[`${userId}:${version}`] = at;
	}

	/**
	 * The one judgement of a served read: stale when it returns an older version than the database
	 * held when the request started; stale for as long as the database has held a newer version.
	 */
	served(read: Omit<ServedRead, 'isStale' | 'staleForMs' | 'dbVersionNow'>): ServedRead {
		const isStale =
			read.version !== null &&
			read.dbVersionAtStart !== null &&
			read.version < read.dbVersionAtStart;
		const since = isStale ? this.#versionAt[`${read.userId}:${read.version! + 1}`] : undefined;
		const staleForMs = since !== undefined ? read.at - since : 0;
		const full = { ...read, dbVersionNow: this.dbVersion(read.userId), isStale, staleForMs };
		this.#reads.push(full);
		return full;
	}

	redisError(): void {
		this.#redisErrors++;
	}

	state(): MonitorState {
		return {
			reads: [...this.#reads],
			staleness: [...this.#staleness.values()],
			redisErrors: this.#redisErrors,
			versionAt: { ...this.#versionAt },
		};
	}

	report(windowMs = 1000): MonitorReport {
		const hits = this.#reads.filter((r) => r.source === 'cache').length;
		// A read that could not reach Redis is no miss: the cache was never asked.
		const misses = this.#reads.filter((r) => r.source === 'db' && !r.redisDown).length;
		return {
			...this.state(),
			staleReads: this.#reads.filter((r) => r.isStale).length,
			hits,
			misses,
			hitRate: hits + misses === 0 ? null : hits / (hits + misses),
			dbQueriesInWindow: this.db().queriesInWindow(windowMs),
			windowMs,
		};
	}
}

function userIdOf(key: string): number {
	return Number(key.split(':')[1]);
}
