// Mirrors the latency monitor of src/latency.c: a time series per event class ("command",
// "fast-command", …) of the spikes at or over latency-monitor-threshold, one sample per second.
// On the virtual clock a command takes no time unless it moves the clock, so DEBUG SLEEP is what
// makes a spike here. LATENCY's reports on these series are in latency-report.ts.
import type { Server } from './server.ts';
import { storedConfig } from './config.ts';

/** LATENCY_TS_LEN: samples kept per event, oldest overwritten first. */
export const LATENCY_TS_LEN = 160;

export interface LatencySample {
	/** Unix seconds (0: an unused slot). */
	time: number;
	/** Milliseconds. */
	latency: number;
}

export interface LatencySeries {
	/** Where the next sample goes. */
	idx: number;
	/** The highest latency ever added, reset only with the series. */
	max: number;
	samples: LatencySample[];
}

/** latency-monitor-threshold, in milliseconds (0: off). */
export function latencyThreshold(server: Server): number {
	return Number(storedConfig(server.config, 'latency-monitor-threshold'));
}

/** latencyAddSampleIfNeeded. */
export function latencyAddSampleIfNeeded(server: Server, event: string, ms: number): void {
	const threshold = latencyThreshold(server);
	if (threshold > 0 && ms >= threshold) latencyAddSample(server, event, ms);
}

/** latencyAddSample: a second already sampled keeps the higher of its two latencies. */
export function latencyAddSample(server: Server, event: string, ms: number): void {
	let ts = server.latencyEvents.get(event);
	if (!ts) {
		ts = {
			idx: 0,
			max: 0,
			samples: Array.from({ length: LATENCY_TS_LEN }, () => ({ time: 0, latency: 0 })),
		};
		server.latencyEvents.set(event, ts);
	}
	if (ms > ts.max) ts.max = ms;
	const now = Math.floor(server.now() / 1000);
	const prev = ts.samples[(ts.idx + LATENCY_TS_LEN - 1) % LATENCY_TS_LEN]!;
	if (prev.time === now) {
		if (ms > prev.latency) prev.latency = ms;
		return;
	}
	ts.samples[ts.idx] = { time: now, latency: ms };
	ts.idx = (ts.idx + 1) % LATENCY_TS_LEN;
}

/** latencyResetEvent: one event class (any case), or all with null; how many were dropped. */
export function latencyResetEvent(server: Server, event: string | null): number {
	let resets = 0;
	for (const name of [...server.latencyEvents.keys()]) {
		if (event === null || name.toLowerCase() === event.toLowerCase()) {
			server.latencyEvents.delete(name);
			resets++;
		}
	}
	return resets;
}

/** The used samples of a series, oldest first. */
export function latencySamples(ts: LatencySeries): LatencySample[] {
	const out: LatencySample[] = [];
	for (let j = 0; j < LATENCY_TS_LEN; j++) {
		const s = ts.samples[(ts.idx + j) % LATENCY_TS_LEN]!;
		if (s.time !== 0) out.push(s);
	}
	return out;
}

/** The latest sample of a series (LATENCY LATEST). */
export function latestSample(ts: LatencySeries): LatencySample {
	return ts.samples[(ts.idx + LATENCY_TS_LEN - 1) % LATENCY_TS_LEN]!;
}

export function copyLatencyEvents(from: Server, to: Server): void {
	for (const [name, ts] of from.latencyEvents)
		to.latencyEvents.set(name, {
			idx: ts.idx,
			max: ts.max,
			samples: ts.samples.map((s) => ({ ...s })),
		});
}
