// Every Lab log entry as the event log's sentence: engine events through describeEvent, the flow
// stage's events through the flow sentences. The Lab keeps data; words are written here.
import type { LogEntry as LabLogEntry } from '../lab/lab-events.ts';
import { describeEvent, type LogEntry } from './event-log.ts';
import { flowSentence } from './flow-sentences.ts';

const memo = new WeakMap<LabLogEntry, LogEntry | null>();

export function describeLogEntry(entry: LabLogEntry): LogEntry | null {
	const known = memo.get(entry);
	if (known !== undefined) return known;
	const d = entry.source === 'engine' ? describeEvent(entry.event) : flowSentence(entry.event);
	const out = d ? { id: entry.id, at: entry.at, ...d } : null;
	memo.set(entry, out);
	return out;
}
