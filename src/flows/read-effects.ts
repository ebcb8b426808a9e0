// The effects of `get_user`, one function per teaching step. Each runs synchronously against the
// engine or the database and returns the one event the read-path machine receives; the bench
// calls the same functions directly.
import type { User } from '../db/users.ts';
import type { CacheError } from './cache-client.ts';
import { LEASE_TTL_MS, cacheKey, leaseKey, versionKey, type ReadOptions } from './flow-options.ts';
import type { FlowDeps } from './flow-deps.ts';
import { Tracer, type StepTrace } from './trace.ts';

/** What a fill did: stored it, was refused by its guard, skipped it (no lease), or failed. */
export type FillOutcome = 'stored' | 'rejected' | 'skipped' | 'failed';

export type ReadEffectEvent =
	| {
			readonly type: 'redis.replied';
			readonly cached: string | null;
			readonly leaseToken: string | null;
			readonly trace: StepTrace;
	  }
	| { readonly type: 'redis.failed'; readonly error: CacheError; readonly trace: StepTrace }
	| { readonly type: 'db.replied'; readonly user: User | null; readonly trace: StepTrace }
	| { readonly type: 'db.failed'; readonly error: string; readonly trace: StepTrace }
	| { readonly type: 'cache.filled'; readonly outcome: FillOutcome; readonly trace: StepTrace };

/** checkingCache: GET the key (WATCHing the version key first, or taking a lease on a miss). */
export function checkCache(deps: FlowDeps, options: ReadOptions): ReadEffectEvent {
	const t = new Tracer(deps.cache, deps.isTracing);
	const key = cacheKey(options.userId);
	if (options.guard === 'version') t.call(['WATCH', versionKey(options.userId)]);
	const got = t.call(['GET', key]);
	let cached: string | null = null;
	let leaseToken: string | null = null;
	if (got?.type === 'bulk') cached = got.value;
	if (cached !== null && options.guard === 'version') t.call(['UNWATCH']);
	if (cached === null && options.guard === 'lease' && got) {
		const token = deps.token();
		const r = t.call(['SET', leaseKey(options.userId), token, 'NX', 'PX', String(LEASE_TTL_MS)]);
		if (r?.type === 'status') leaseToken = token;
	}
	if (t.error) return { type: 'redis.failed', error: t.error, trace: t.trace() };
	return { type: 'redis.replied', cached, leaseToken, trace: t.trace() };
}

/** readingDb: `SELECT * FROM users WHERE id = …`, the slow part. */
export function readDb(deps: FlowDeps, options: ReadOptions): ReadEffectEvent {
	const t = new Tracer(deps.cache, deps.isTracing);
	const q = t.query(deps.db.select(options.userId));
	if (q.error) return { type: 'db.failed', error: q.error, trace: t.trace() };
	return { type: 'db.replied', user: q.rows[0] ?? null, trace: t.trace() };
}

/** fillingCache: SETEX the row as JSON, or the guarded forms (MULTI … EXEC; lease check). */
export function fillCache(
	deps: FlowDeps,
	options: ReadOptions,
	user: User,
	leaseToken: string | null,
): ReadEffectEvent {
	const t = new Tracer(deps.cache, deps.isTracing);
	const key = cacheKey(options.userId);
	const json = JSON.stringify(user);
	const set =
		options.ttlSeconds === null
			? ['SET', key, json]
			: ['SETEX', key, String(options.ttlSeconds), json];
	let outcome: FillOutcome = 'stored';
	if (options.guard === 'none') {
		// A reply error (OOM under noeviction) is a failed fill, as a client library would throw.
		if (t.call(set)?.type === 'error') outcome = 'failed';
	} else if (options.guard === 'version') {
		// EXEC answers nil when the WATCHed version key moved since checkingCache.
		t.call(['MULTI']);
		t.call(set);
		const exec = t.call(['EXEC']);
		if (exec?.type === 'array' && exec.value === null) outcome = 'rejected';
	} else if (leaseToken === null) {
		outcome = 'skipped';
	} else {
		// A delete since our miss voided the lease: the token no longer matches, so we must not set.
		const lease = leaseKey(options.userId);
		t.call(['WATCH', lease]);
		const held = t.call(['GET', lease]);
		if (held?.type === 'bulk' && held.value === leaseToken) {
			t.call(['MULTI']);
			t.call(set);
			t.call(['DEL', lease]);
			const exec = t.call(['EXEC']);
			if (exec?.type === 'array' && exec.value === null) outcome = 'rejected';
		} else {
			t.call(['UNWATCH']);
			outcome = 'rejected';
		}
	}
	if (t.error) outcome = 'failed';
	return { type: 'cache.filled', outcome, trace: t.trace() };
}
