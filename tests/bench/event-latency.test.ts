import { describe, expect, it } from 'vitest';
import { parseKeyLatencies } from './event-latency.ts';

/** An async slice event as Chromium writes it: begin/end pairs sharing a local id. */
const at = (name: string, ph: 'b' | 'e', ts: number, local: string, type?: string) => ({
	name,
	ph,
	ts,
	pid: 7,
	cat: 'cc,benchmark,input,input.scrolling',
	id2: { local },
	...(type ? { args: { event_latency: { event_type: type } } } : {}),
});

/** A key press's slice from `start`, its commit ending at +commit, presented at +end (µs). */
function slice(
	local: string,
	start: number,
	commit: number | null,
	end: number,
	type = 'KEY_PRESSED',
) {
	const events = [at('EventLatency', 'b', start, local, type)];
	events.push(at('RendererMainProcessing', 'b', start + 100, local));
	events.push(at('RendererMainProcessing', 'e', start + 900, local));
	if (commit !== null) {
		events.push(at('Commit', 'b', start + commit - 200, local));
		events.push(at('Commit', 'e', start + commit, local));
	}
	events.push(at('EventLatency', 'e', start + end, local));
	return events;
}

describe('parseKeyLatencies', () => {
	it('times each key press to its commit and its presentation, in the order pressed', () => {
		const trace = {
			traceEvents: [
				// Written out of order, and the second reuses the first's id once it has ended.
				...slice('0x1', 50_000, 4_000, 9_000),
				...slice('0x1', 10_000, 5_500, 8_250),
				{ name: 'thread_name', ph: 'M', ts: 0, pid: 7, args: { name: 'CrRendererMain' } },
			],
		};
		expect(parseKeyLatencies(JSON.stringify(trace))).toEqual([
			{ rendered: 5.5, presented: 8.25 },
			{ rendered: 4, presented: 9 },
		]);
	});

	it('leaves out key releases, presses that changed nothing, and slices still open', () => {
		const events = [
			...slice('0x2', 0, 3_000, 6_000, 'KEY_RELEASED'),
			...slice('0x3', 20_000, null, 21_000),
			...slice('0x4', 40_000, 4_000, 7_000),
			...slice('0x5', 60_000, 4_000, 7_000).slice(0, -1),
		];
		expect(parseKeyLatencies(JSON.stringify(events))).toEqual([{ rendered: 4, presented: 7 }]);
	});

	it('keeps overlapping slices apart by their ids', () => {
		const events = [...slice('0xa', 0, 6_000, 12_000), ...slice('0xb', 3_000, 7_000, 10_000)];
		expect(parseKeyLatencies(JSON.stringify(events))).toEqual([
			{ rendered: 6, presented: 12 },
			{ rendered: 7, presented: 10 },
		]);
	});
});
