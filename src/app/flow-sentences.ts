// The flow stage's events as event log sentences (`get_user(123): miss — loaded from the database
// in 152 ms and cached for 300 s`), and the small facts they need.
import { formatDuration } from '../lib/duration.ts';
import type { ReadOptions, WriteOptions, WriteStrategy } from '../flows/flow-options.ts';
import type { ReadContext } from '../flows/read-path.ts';
import type { Op } from '../flows/trace.ts';
import type { WriteContext } from '../flows/write-path.ts';
import type { StaleRead } from './flow-view.ts';

/** Names an update writes, in turn: visible in the cached JSON, so a stale row is easy to spot. */
export const NEW_NAMES = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Edsger Dijkstra'];

export const STRATEGY_LABELS: Readonly<Record<WriteStrategy, string>> = {
	'db-only': 'update DB only',
	'update-then-del': 'update, then DEL',
	'del-then-update': 'DEL, then update',
	'update-then-set': 'update, then SET',
};

/**
 * How long the cache has held an older row than the database: since the database reached the
 * version after the one served. 0 when that moment is unknown (written before the stage saw it).
 */
export function staleFor(
	versionAt: Readonly<Record<string, number>>,
	userId: number,
	version: number,
	at: number,
): number {
	const since = versionAt[`${userId}:${version + 1}`];
	return since === undefined ? 0 : at - since;
}

export function readSentence(
	options: ReadOptions,
	c: ReadContext,
	stale: StaleRead | null,
): string {
	const who = `get_user(${options.userId})`;
	const took = `${c.elapsedMs} ms`;
	if (c.source === 'cache') {
		const base = `${who}: hit — served from Redis in ${took}`;
		if (!stale) return base;
		return `${base}. Stale read: version ${stale.version}, but the database has version ${stale.dbVersion}; the cache has been stale for ${formatDuration(stale.staleForMs)}`;
	}
	if (c.redisError)
		return `${who}: Redis unreachable — served from the database in ${took}, not cached`;
	if (!c.user) return `${who}: no such user (${took})`;
	const ttl = options.ttlSeconds === null ? 'with no TTL' : `for ${options.ttlSeconds} s`;
	const cached = c.fill === 'stored' ? `and cached ${ttl}` : 'but not cached';
	return `${who}: miss — loaded from the database in ${took} ${cached}`;
}

export function updateSentence(options: WriteOptions, c: WriteContext): string {
	const who = `update_user(${options.userId})`;
	if (c.dbError) return `${who} failed: ${c.dbError}`;
	const how = STRATEGY_LABELS[options.strategy];
	const note =
		options.strategy === 'db-only'
			? ': the cached copy, if any, is now stale until its TTL runs out'
			: c.redisError
				? `, but Redis failed (${c.redisError.code}): the cached copy may be stale`
				: '';
	return `${who} done (${how}) in ${c.elapsedMs} ms${note}`;
}

export function sqlSentence(op: Extract<Op, { kind: 'sql' }>, latencyMs: number): string {
	return `DB: ${op.sql} — ${op.result}, ${latencyMs} ms`;
}

/** `Redis error on GET user:1: connect ECONNREFUSED 127.0.0.1:6379`. */
export function redisErrorSentence(op: Extract<Op, { kind: 'redis' }>): string {
	const message = op.result.replace(/^\(error\) \w+: /, '');
	return `Redis error on ${op.argv.join(' ')}: ${message}`;
}
