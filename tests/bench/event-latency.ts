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
	/** When the key event was made, on the page's clock (its `event.timeStamp`). */
	at: number;
	/** Until the main thread had committed the frame that shows the change (style, layout, paint). */
	rendered: number;
	/** Until that frame was presented (raster, draw and swap done). */
	presented: number;
}

/**
 * The slices need `input.scrolling` only; `blink.user_timing` carries the mark that ties the
 * trace's clock to the page's. Others would add tracing's own cost to what is measured.
 */
const CATEGORIES = ['input.scrolling', 'blink.user_timing'];
const CLOCK_MARK = 'bench-clock';
/** A slice is written once its frame's presentation is reported back, which can be late. */
const SETTLE_MS = 250;

interface TraceEvent {
	name: string;
	ph: string;
	ts: number;
	pid: number;
	id2?: { local?: string; global?: string };
	args?: { event_latency?: { event_type?: string }; data?: { startTime?: number } };
}

/**
 * Runs `act` with tracing on, and returns the latencies of the key presses in it that led to a
 * commit (a key-down whose handler changed the page), by when they were pressed.
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
		await page.evaluate((name) => performance.mark(name), CLOCK_MARK);
		result = await act();
		await page.waitForTimeout(SETTLE_MS);
	} finally {
		trace = await browser.stopTracing();
	}
	return { result, keys: parseKeyLatencies(trace.toString('utf8')) };
}

/**
 * The KEY_PRESSED EventLatency slices of a trace that include a commit, in the order pressed,
 * each placed on the page's clock by the trace's clock mark.
 */
export function parseKeyLatencies(json: string): KeyLatency[] {
	const parsed = JSON.parse(json) as { traceEvents?: TraceEvent[] } | TraceEvent[];
	const all = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
	const mark = all.find((e) => e.name === CLOCK_MARK && e.args?.data?.startTime !== undefined);
	if (!mark) throw new Error(`the trace has no ${CLOCK_MARK} mark to place its slices by`);
	// The trace counts µs on the same monotonic clock as the page's ms, from another origin.
	const toPage = (ts: number) => ts / 1000 - (mark.ts / 1000 - mark.args!.data!.startTime!);
	const events = all.filter((e) => e.ph === 'b' || e.ph === 'e').sort((a, b) => a.ts - b.ts);
	// A slice's stages are nested async events with its id, which is reused by later slices: an
	// open slice owns the stages that begin and end while it is open.
	const open = new Map<string, { start: number; type: string; commitEnd: number | null }>();
	const found: KeyLatency[] = [];
	for (const e of events) {
		const id = `${e.pid}:${e.id2?.local ?? e.id2?.global ?? ''}`;
		if (e.name === 'EventLatency' && e.ph === 'b') {
			const type = e.args?.event_latency?.event_type ?? '';
			open.set(id, { start: e.ts, type, commitEnd: null });
			continue;
		}
		const slice = open.get(id);
		if (!slice) continue;
		if (e.name === 'EventLatency') {
			open.delete(id);
			if (slice.type === 'KEY_PRESSED' && slice.commitEnd !== null)
				found.push({
					at: toPage(slice.start),
					rendered: (slice.commitEnd - slice.start) / 1000,
					presented: (e.ts - slice.start) / 1000,
				});
		} else if (e.name === 'Commit' && e.ph === 'e') slice.commitEnd = e.ts;
	}
	return found.sort((a, b) => a.at - b.at);
}
