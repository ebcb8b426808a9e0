// The knobs of the cache-aside paths, shared by the machines, the listings and the scenarios.
import type { UserChanges } from '../db/users.ts';

/** How a fill is protected against a stale set: not at all, a WATCHed version key, or a lease. */
export type CacheGuard = 'none' | 'version' | 'lease';

/** The four ways an update can treat the cache. */
export type WriteStrategy = 'db-only' | 'update-then-del' | 'del-then-update' | 'update-then-set';

export interface ReadOptions {
	readonly userId: number;
	/** SETEX with this many seconds, or a plain SET (no safety net) when null. */
	readonly ttlSeconds: number | null;
	readonly guard: CacheGuard;
}

export interface WriteOptions {
	readonly userId: number;
	readonly changes: UserChanges;
	readonly strategy: WriteStrategy;
	/** TTL of the dual write's SET and of the version key; null = none. */
	readonly ttlSeconds: number | null;
	readonly guard: CacheGuard;
	/** Retry a failed DEL once the link is back (after a backoff). */
	readonly retryDelete: boolean;
	/** del-then-update only: DEL again this long after the write ("delayed double delete"). */
	readonly doubleDeleteMs: number | null;
}

const KEYS: string[] = [];

/** `user:<id>`, memoised: the hot path asks for the same few thousand keys millions of times. */
export const cacheKey = (userId: number): string => (KEYS[userId] ??= `user:${userId}`);
export const versionKey = (userId: number): string => `user:${userId}:ver`;
export const leaseKey = (userId: number): string => `user:${userId}:lease`;

/** How long a lease lives if its holder never comes back (Facebook's leases: 10 s). */
/** The user a request reads or writes when none is named. */
export const DEFAULT_USER_ID = 1;

export const LEASE_TTL_MS = 10_000;
/** Backoff before retrying a failed DEL. */
export const RETRY_BACKOFF_MS = 100;
