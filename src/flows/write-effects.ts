// The effects of `update_user`, one function per teaching step, each returning the one event the
// write-path machine receives. Like the read effects, they are synchronous and return latency as
// data.
import type { User } from '../db/users.ts';
import type { CacheError } from './cache-client.ts';
import { RETRY_BACKOFF_MS, cacheKey, leaseKey, versionKey } from './flow-options.ts';
import type { WriteOptions } from './flow-options.ts';
import type { FlowDeps } from './flow-deps.ts';
import { Tracer, type StepTrace } from './trace.ts';

export type WriteEffectEvent =
	| { readonly type: 'db.replied'; readonly user: User | null; readonly trace: StepTrace }
	| { readonly type: 'db.failed'; readonly error: string; readonly trace: StepTrace }
	| { readonly type: 'redis.replied'; readonly trace: StepTrace }
	| { readonly type: 'redis.failed'; readonly error: CacheError; readonly trace: StepTrace };

/** updatingDb: `UPDATE users SET … WHERE id = …`; returns the new row. */
export function updateDb(deps: FlowDeps, options: WriteOptions): WriteEffectEvent {
	const t = new Tracer(deps.cache, deps.isTracing);
	const q = t.query(deps.db.update(options.userId, options.changes));
	if (q.error) return { type: 'db.failed', error: q.error, trace: t.trace() };
	return { type: 'db.replied', user: q.rows[0] ?? null, trace: t.trace() };
}

/**
 * deletingCache: invalidate. Plain `DEL`; with leases the lease goes too (which voids it); with
 * versions the new version is published in the same transaction, so a reader WATCHing it fails.
 * `waitMs` is time spent before sending (a retry's backoff, a double delete's pause).
 */
export function invalidate(
	deps: FlowDeps,
	options: WriteOptions,
	user: User | null,
	waitMs = 0,
): WriteEffectEvent {
	const t = new Tracer(deps.cache, deps.isTracing);
	t.wait(waitMs);
	const key = cacheKey(options.userId);
	if (options.guard === 'lease') {
		t.call(['DEL', key, leaseKey(options.userId)]);
	} else if (options.guard === 'version' && user) {
		const ver = ['SET', versionKey(options.userId), String(user.version)];
		if (options.ttlSeconds !== null) ver.push('EX', String(options.ttlSeconds));
		t.call(['MULTI']);
		t.call(['DEL', key]);
		t.call(ver);
		t.call(['EXEC']);
	} else {
		t.call(['DEL', key]);
	}
	return done(t);
}

/** settingCache: the dual write, `SET key json [EX ttl]` with the row the UPDATE returned. */
export function setCache(deps: FlowDeps, options: WriteOptions, user: User): WriteEffectEvent {
	const t = new Tracer(deps.cache, deps.isTracing);
	const argv = ['SET', cacheKey(options.userId), JSON.stringify(user)];
	if (options.ttlSeconds !== null) argv.push('EX', String(options.ttlSeconds));
	t.call(argv);
	return done(t);
}

export const retryWaitMs = (attempt: number): number => RETRY_BACKOFF_MS * 2 ** (attempt - 1);

function done(t: Tracer): WriteEffectEvent {
	if (t.error) return { type: 'redis.failed', error: t.error, trace: t.trace() };
	return { type: 'redis.replied', trace: t.trace() };
}
