// The event log: every engine event told as one sentence. It is the accessible primary view (an ARIA
// live region reads it); the animations elsewhere are pictures of the same story.
import type { EngineEvent } from '../engine/index.ts';
import { binaryToUtf8 } from '../console/bytes.ts';
import { formatClockTime } from '../lib/duration.ts';
import { bytesToHuman } from '../engine/index.ts';

export type LogArea = 'command' | 'expiry' | 'eviction' | 'memory' | 'config' | 'flow' | 'clock';

export interface LogEntry {
	readonly id: number;
	readonly at: number;
	readonly area: LogArea;
	readonly text: string;
}

const show = (key: string) => binaryToUtf8(key);

/** One sentence for an engine event, or null for events too chatty to log (hits, misses). */
export function describeEvent(e: EngineEvent): { area: LogArea; text: string } | null {
	switch (e.type) {
		case 'command':
			return null;
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
			return {
				area: 'eviction',
				text: `${show(e.key)} evicted by ${e.policy} — ${e.reason} (${bytesToHuman(e.memoryBefore)} → ${bytesToHuman(e.memoryAfter)})`,
			};
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
						text: `expire cycle sampled ${e.sampled} keys with a TTL and deleted ${e.expired}`,
					}
				: null;
	}
}

/** `12:00:05 user:1 expired — lazily, found by GET`. */
export function formatEntry(entry: LogEntry): string {
	return `${formatClockTime(entry.at)} ${entry.text}`;
}
