// Part of sentences.ts, the one place the log's words are written: the flow stage's events as
// sentences (`get_user(123): miss — loaded from the database in 152 ms and cached for 300 s`).
import { formatDuration } from '../lib/duration.ts';
import type { WriteStrategy } from '../flows/flow-options.ts';
import type { Op } from '../flows/trace.ts';
import type { FlowEvent } from '../lab/lab-events.ts';

export const STRATEGY_LABELS: Readonly<Record<WriteStrategy, string>> = {
	'db-only': 'update DB only',
	'update-then-del': 'update, then DEL',
	'del-then-update': 'DEL, then update',
	'update-then-set': 'update, then SET',
};

/** One flow event as the event log's sentence. */
export function flowSentence(e: FlowEvent): { area: 'flow'; text: string } {
	return { area: 'flow', text: flowText(e) };
}

function flowText(e: FlowEvent): string {
	switch (e.type) {
		case 'read':
			return readSentence(e);
		case 'update':
			return updateSentence(e);
		case 'sql':
			return sqlSentence(e.op, e.latencyMs);
		case 'redis-error':
			return redisErrorSentence(e.op);
		case 'link':
			return e.isDown ? 'Redis is down: connections are refused' : 'Redis is back up';
		case 'restart':
			return e.keys === 0
				? 'Redis restarted with an empty dataset: every cached row is gone, the database still has them'
				: `Redis restarted and loaded ${plural(e.keys, 'key')} from its last snapshot; writes since then are lost`;
		case 'scenario':
			return `Scenario: ${e.title}`;
		case 'failed':
			return `get_user(${e.userId}) failed: ${e.description}`;
	}
}

function plural(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function readSentence(e: Extract<FlowEvent, { type: 'read' }>): string {
	const who = `get_user(${e.userId})`;
	const took = `${e.elapsedMs} ms`;
	const { read } = e;
	if (e.source === 'cache') {
		const base = `${who}: hit — served from Redis in ${took}`;
		if (!read.isStale) return base;
		return `${base}. Stale read: version ${read.version}, but the database has version ${read.dbVersionAtStart}; the cache has been stale for ${formatDuration(read.staleForMs)}`;
	}
	if (e.redisDown)
		return `${who}: Redis unreachable — served from the database in ${took}, not cached`;
	if (!e.found) return `${who}: no such user (${took})`;
	const ttl = e.ttlSeconds === null ? 'with no TTL' : `for ${e.ttlSeconds} s`;
	const cached = e.cached ? `and cached ${ttl}` : 'but not cached';
	return `${who}: miss — loaded from the database in ${took} ${cached}`;
}

function updateSentence(e: Extract<FlowEvent, { type: 'update' }>): string {
	const who = `update_user(${e.userId})`;
	if (e.dbError) return `${who} failed: ${e.dbError}`;
	const how = STRATEGY_LABELS[e.strategy];
	const note =
		e.strategy === 'db-only'
			? ': the cached copy, if any, is now stale until its TTL runs out'
			: e.redisErrorCode
				? `, but Redis failed (${e.redisErrorCode}): the cached copy may be stale`
				: '';
	return `${who} done (${how}) in ${e.elapsedMs} ms${note}`;
}

export function sqlSentence(op: Extract<Op, { kind: 'sql' }>, latencyMs: number): string {
	return `DB: ${op.sql} — ${op.result}, ${latencyMs} ms`;
}

/** `Redis error on GET user:1: connect ECONNREFUSED 127.0.0.1:6379`. */
export function redisErrorSentence(op: Extract<Op, { kind: 'redis' }>): string {
	const message = op.result.replace(/^\(error\) \w+: /, '');
	return `Redis error on ${op.argv.join(' ')}: ${message}`;
}
