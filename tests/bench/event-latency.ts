// Chromium's own account of each key press, read from a trace: its EventLatency slice runs from the
// moment the key event was made to the moment the frame it changed was presented, split into
// stages (to the renderer, the handler, to the commit, raster, draw, presentation).
//
// A page cannot time its own frame from inside: a task posted from the frame that shows a reply
// (a message, `scheduler.postTask`, a timer) should run right after that frame's commit, but after
// a key press Chromium holds such tasks back until the frame has been presented and the next one
// has begun (its DeferRendererTasksAfterInput policy; with it turned off, the message ran 0.3 ms
// after the commit). Timed that way, every reply looked one frame later than it was rendered.
import type { Browser, Page } from '@playwright/test';

/** One key press that changed the page, in ms from the moment the key event was made. */
export interface KeyLatency {
	/** Until the main thread had committed the frame that shows the change (style, layout, paint). */
	rendered: number;
	/** Until that frame was presented (raster, draw and swap done). */
	presented: number;
}

/** The only category the slices need: others would add tracing's own cost to what is measured. */
const CATEGORIES = ['input.scrolling'];

const SETTLE_MS = 250;

interface TraceEvent {
	name: string;
	ph: string;
	ts: number;
	pid: number;
	id2?: { local?: string; global?: string };
	args?: { event_latency?: { event_type?: string } };
}

/**
 * Runs `act` with tracing on, and returns the latencies of the key presses in it that led to a
 * commit (a key-down whose handler changed the page), in the order they were pressed.
 */
export async function keyLatencies<T>(
	browser: Browser,
	page: Page,
	act: () => Promise<T>,
): Promise<{ result: T; keys: KeyLatency[] }> {
	await browser.startTracing(page, { categories: CATEGORIES, screenshots: false });
	let result: T;
	let trace: Buffer;
	try {
		result = await act();
		// A slice is written once its frame's presentation is reported back, which can come after
		// the page has moved on: give the last key's the time.
		await page.waitForTimeout(SETTLE_MS);
	} finally {
		trace = await browser.stopTracing();
	}
	return { result, keys: parseKeyLatencies(trace.toString('utf8')) };
}

/** The KEY_PRESSED EventLatency slices of a trace that include a commit, by start time. */
export function parseKeyLatencies(json: string): KeyLatency[] {
	const parsed = JSON.parse(json) as { traceEvents?: TraceEvent[] } | TraceEvent[];
	const events = (Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []))
		.filter((e) => e.ph === 'b' || e.ph === 'e')
		.sort((a, b) => a.ts - b.ts);
	// A slice's stages are nested async events with its id, which is reused by later slices: an
	// open slice owns the stages that begin and end while it is open.
	const open = new Map<
		string,
		{ start: number; type: string; commitEnd: number | null; stages: Map<string, number> }
	>();
	const found: { start: number; latency: KeyLatency }[] = [];
	for (const e of events) {
		const id = `${e.pid}:${e.id2?.local ?? e.id2?.global ?? ''}`;
		if (e.name === 'EventLatency' && e.ph === 'b') {
			const type = e.args?.event_latency?.event_type ?? '';
			open.set(id, { start: e.ts, type, commitEnd: null, stages: new Map() });
			continue;
		}
		const slice = open.get(id);
		if (!slice) continue;
		if (e.name === 'EventLatency') {
			open.delete(id);
			if (slice.type === 'KEY_PRESSED' && slice.commitEnd !== null)
				found.push({
					start: slice.start,
					latency: {
						rendered: (slice.commitEnd - slice.start) / 1000,
						presented: (e.ts - slice.start) / 1000,
					},
				});
		} else if (e.ph === 'b') slice.stages.set(e.name, e.ts);
		else if (e.name === 'Commit' && slice.stages.has('Commit')) slice.commitEnd = e.ts;
	}
	return found.sort((a, b) => a.start - b.start).map((f) => f.latency);
}
