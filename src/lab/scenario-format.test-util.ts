// Test helper: a timeline as short lines, with cached JSON rows shown as <v1>, <v2>…
import type { TimelineEntry } from '../flows/timeline-entry.ts';
import type { Op } from '../flows/trace.ts';

const VERSION = /\\?"version\\?":(\d+)/;

const TOKEN = /^"?[0-9a-f]{8}"?$/;

function short(value: string): string {
	if (TOKEN.test(value)) return '<token>';
	const m = VERSION.exec(value);
	return m && value.includes('{') ? `<v${m[1]}>` : value;
}

function op(o: Op): string {
	if (o.kind === 'sql') return `${o.sql} → ${o.result}`;
	const result = o.result.startsWith('(error) ERR unknown') ? o.result : short(o.result);
	return `${o.argv.map(short).join(' ')} → ${result}`;
}

export function lines(timeline: readonly TimelineEntry[]): string[] {
	return timeline.map((e) => {
		const head = `${e.lane ?? '-'} ${e.state ?? e.kind}`;
		const ops = e.ops.map(op).join('; ');
		return ops ? `${head}: ${ops}` : head;
	});
}
