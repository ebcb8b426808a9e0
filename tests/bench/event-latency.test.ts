import { describe, expect, it } from 'vitest';
import { parseKeyLatencies } from './event-latency.ts';

/** The page's performance.now() was 500 ms when the trace's clock read 1,000,000 µs. */
const clockMark = {
	name: 'bench-clock',
	ph: 'I',
	ts: 1_000_000,
	pid: 7,
	cat: 'blink.user_timing',
	args: { data: { startTime: 500 } },
};

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

/** A key press's slice from `start` (µs), its commit ending at +commit, presented at +end. */
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
	it('times each key press to its commit and its presentation, on the page clock, in order', () => {
		const trace = {
			traceEvents: [
				// Written out of order, and the second reuses the first's id once it has ended.
				...slice('0x1', 1_050_000, 4_000, 9_000),
				...slice('0x1', 1_010_000, 5_500, 8_250),
				clockMark,
				{ name: 'thread_name', ph: 'M', ts: 0, pid: 7, args: { name: 'CrRendererMain' } },
			],
		};
		expect(parseKeyLatencies(JSON.stringify(trace))).toEqual([
			{ at: 510, rendered: 5.5, presented: 8.25 },
			{ at: 550, rendered: 4, presented: 9 },
		]);
	});

	it('leaves out key releases, presses that changed nothing, and slices still open', () => {
		const events = [
			clockMark,
			...slice('0x2', 1_000_000, 3_000, 6_000, 'KEY_RELEASED'),
			...slice('0x3', 1_020_000, null, 1_021_000),
			...slice('0x4', 1_040_000, 4_000, 7_000),
			...slice('0x5', 1_060_000, 4_000, 7_000).slice(0, -1),
		];
		expect(parseKeyLatencies(JSON.stringify(events))).toEqual([
			{ at: 540, rendered: 4, presented: 7 },
		]);
	});

	it('keeps overlapping slices apart by their ids', () => {
		const events = [
			clockMark,
			...slice('0xa', 1_000_000, 6_000, 12_000),
			...slice('0xb', 1_003_000, 7_000, 10_000),
		];
		expect(parseKeyLatencies(JSON.stringify(events))).toEqual([
			{ at: 500, rendered: 6, presented: 12 },
			{ at: 503, rendered: 7, presented: 10 },
		]);
	});

	it('refuses a trace it cannot place on the page clock', () => {
		expect(() => parseKeyLatencies(JSON.stringify(slice('0x1', 0, 1_000, 2_000)))).toThrow(
			/bench-clock/,
		);
	});
});
