// Every sentence the event log and the eviction x-ray show, written from the engine's event data in
// one place: the engine reports facts (a victim's idle time, the pool, the samples), never prose.
import type {
	EngineEvent,
	EvictionCandidate,
	EvictionMeasure,
	MaxmemoryPolicy,
} from '../engine/index.ts';
import { bytesToHuman, evictionMeasure } from '../engine/index.ts';
import { binaryToUtf8 } from '../console/bytes.ts';
import { formatClockTime, formatDuration } from '../lib/duration.ts';
import { plural } from '../lib/plural.ts';
import type { LogEntry as LabLogEntry } from '../lab/lab-events.ts';
import { flowSentence } from './flow-sentences.ts';

export { STRATEGY_LABELS, flowSentence } from './flow-sentences.ts';

export type EvictionEvent = Extract<EngineEvent, { type: 'evicted' }>;

/**
 * What the event log can be filtered by: every area some entry is written under. Commands are not
 * among them: the console already shows each one with its reply, and the flow stage's own Redis
 * calls are told by its `flow` sentences.
 */
export const LOG_AREAS = ['expiry', 'eviction', 'memory', 'config', 'flow'] as const;
export type LogArea = (typeof LOG_AREAS)[number];

export interface LogEntry {
	readonly id: number;
	readonly at: number;
	readonly area: LogArea;
	readonly text: string;
}

const show = (key: string) => binaryToUtf8(key);

/** One sentence for an engine event, or null for events too chatty to log (commands, hits). */
export function describeEvent(e: EngineEvent): { area: LogArea; text: string } | null {
	switch (e.type) {
		case 'command':
		case 'monitor':
		case 'hit':
		case 'miss':
			return null;
		case 'expired':
			return {
				area: 'expiry',
				text:
					e.how === 'lazy'
						? `${show(e.key)} expired — lazily, found by ${(e.by ?? 'a command').toUpperCase()}`
						: `${show(e.key)} expired — actively, removed by the expire cycle`,
			};
		case 'evicted':
			return { area: 'eviction', text: evictionLogSentence(e) };
		case 'oom':
			return {
				area: 'memory',
				text: `${e.argv[0]?.toUpperCase() ?? 'command'} refused: used memory is over maxmemory and nothing can be evicted`,
			};
		case 'config':
			return { area: 'config', text: `CONFIG SET ${e.name} ${e.value}` };
		case 'active-expire-cycle':
			return e.expired > 0
				? {
						area: 'expiry',
						text: `expire cycle sampled ${plural(e.sampled, 'key')} with a TTL and deleted ${e.expired}`,
					}
				: null;
	}
}

/** `12:00:05 user:1 expired — lazily, found by GET`. */
export function formatEntry(entry: LogEntry): string {
	return `${formatClockTime(entry.at)} ${entry.text}`;
}

// ---- Evictions ----

/** Whether the policy picks from the 16-slot pool (the random policies draw one key instead). */
export function usesPool(policy: MaxmemoryPolicy): boolean {
	return policy.endsWith('-lru') || policy.endsWith('-lfu') || policy === 'volatile-ttl';
}

/** What a measure says, short: `idle 11h 54m`, `LFU counter 5`, `expires in 4m 59s`. */
export function measureText(m: EvictionMeasure): string {
	switch (m.kind) {
		case 'idle':
			return `idle ${formatDuration(m.ms, { whole: true })}`;
		case 'lfu':
			return `LFU counter ${m.counter}`;
		case 'ttl':
			return m.ms < 0 ? 'already past its TTL' : `expires in ${formatDuration(m.ms)}`;
		case 'random':
			return 'drawn at random';
	}
}

/** The score cell of a sampled key or pool slot, in the policy's own terms. */
export function candidateValue(policy: MaxmemoryPolicy, c: EvictionCandidate, at: number): string {
	const m = evictionMeasure(policy, c.score, at);
	switch (m.kind) {
		case 'idle':
			return formatDuration(m.ms, { whole: true });
		case 'lfu':
			return String(m.counter);
		case 'ttl':
			return m.ms < 0 ? 'past TTL' : formatDuration(m.ms);
		case 'random':
			return '';
	}
}

/** The heading of the score column: what the policy compares, and which way is evicted first. */
export function scoreHeading(policy: MaxmemoryPolicy): string {
	const m = evictionMeasure(policy, 0, 0).kind;
	if (m === 'idle') return 'idle time (longest goes first)';
	if (m === 'lfu') return 'LFU counter (lowest goes first)';
	if (m === 'ttl') return 'time to live (soonest goes first)';
	return 'one key drawn at random';
}

const skippedText = (n: number) =>
	n === 0 ? '' : `, after passing over ${plural(n, 'stale pool entry', 'stale pool entries')}`;

/** The event log's line for an eviction (the time is prefixed by formatEntry). */
function evictionLogSentence(e: EvictionEvent): string {
	const memory = `(${bytesToHuman(e.memoryBefore)} → ${bytesToHuman(e.memoryAfter)})`;
	return `${show(e.key)} evicted by ${e.policy} — ${measureText(e.measure)}${skippedText(e.skipped)} ${memory}`;
}

/** The x-ray's verdict: why this key went, under this policy, at this memory. */
export function evictionVerdict(e: EvictionEvent): string {
	const over = `used_memory ${bytesToHuman(e.memoryBefore)} was over maxmemory ${bytesToHuman(e.maxmemory)}`;
	const after = `Afterwards used_memory was ${bytesToHuman(e.memoryAfter)}.`;
	const m = e.measure;
	let why: string;
	switch (m.kind) {
		case 'random':
			why = `${e.policy} drew it at random from db ${e.db}`;
			break;
		case 'idle':
			why = `it had been idle ${formatDuration(m.ms, { whole: true })} when it was scored, the longest in the pool`;
			break;
		case 'lfu':
			why = `its LFU counter was ${m.counter} when it was scored, the lowest in the pool`;
			break;
		case 'ttl':
			why =
				m.ms < 0
					? 'it was already past its TTL, the soonest expiry in the pool'
					: `it was ${formatDuration(m.ms)} from expiring, the soonest in the pool`;
			break;
	}
	return `${over}; ${why}${skippedText(e.skipped)}. ${after}`;
}

/** Why the pool may hold keys that are no longer what their score says, or the same key twice. */
export const POOL_NOTE =
	'The pool is kept from one eviction to the next: each round adds the best of the newly sampled ' +
	'keys and never rescores the ones already there. So a slot may be stale (its key was read, ' +
	'written or deleted since it was scored; a deleted key is passed over when its turn comes) and ' +
	'a key sampled twice may sit in two slots.';

/** Why the random policies show no pool. */
export function randomNote(policy: MaxmemoryPolicy): string {
	const keys = policy === 'volatile-random' ? 'keys with a TTL' : 'all keys';
	return `${policy} does not use the eviction pool: each eviction draws one key at random from ${keys}, with no score to compare.`;
}

/**
 * `Eviction 3 of 12`, and whether older ones were dropped: the x-ray keeps only the latest `limit`.
 * `total` is how many evictions happened in all, when known.
 */
export function evictionPosition(
	index: number,
	kept: number,
	total: number | null,
	limit: number,
): string {
	const n = (x: number) => x.toLocaleString('en-US');
	if (total !== null && total > kept)
		return `Eviction ${n(total - kept + index + 1)} of ${n(total)} (only the latest ${n(kept)} are kept)`;
	if (total === null && kept >= limit)
		return `Eviction ${n(index + 1)} of the latest ${n(kept)} (older evictions are not kept)`;
	return `Eviction ${n(index + 1)} of ${n(kept)}`;
}

const described = new WeakMap<LabLogEntry, LogEntry | null>();

/**
 * Every entry of the Lab's log as the event log's sentence (engine events above, the flow stage's
 * from flow-sentences.ts), or null for one too chatty to show. Memoised per entry: the log is
 * re-read on every change and its old entries never change.
 */
export function describeLogEntry(entry: LabLogEntry): LogEntry | null {
	const known = described.get(entry);
	if (known !== undefined) return known;
	const d = entry.source === 'engine' ? describeEvent(entry.event) : flowSentence(entry.event);
	const out = d ? { id: entry.id, at: entry.at, ...d } : null;
	described.set(entry, out);
	return out;
}
