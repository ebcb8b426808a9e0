// Mirrors the per-command counters of struct redisCommand (calls, microseconds, rejected_calls,
// failed_calls, latency_histogram), as call() and rejectCommand() in src/server.c keep them, and
// INFO commandstats and latencystats. Time is the virtual clock's: a command takes 0 µs unless it
// moves the clock (DEBUG SLEEP), and Redis counts a latency under 1 ns as 1 ns.
import { storedConfig } from './config.ts';
import { LatencyHistogram } from './latency-histogram.ts';
import type { Server } from './server.ts';

export interface CommandStat {
	calls: number;
	usec: number;
	rejected_calls: number;
	failed_calls: number;
	/** Created by the first call timed while latency-tracking is on; CONFIG RESETSTAT drops it. */
	latency: LatencyHistogram | null;
}

/** Counters by full command name (`get`, `config|get`). */
export function commandStats(server: Server): Record<string, CommandStat> {
	return server.commandStats;
}

function statOf(server: Server, name: string): CommandStat {
	const table = commandStats(server);
	return (table[name] ??= {
		calls: 0,
		usec: 0,
		rejected_calls: 0,
		failed_calls: 0,
		latency: null,
	});
}

/** rejectCommand: arity, OOM, a command refused inside MULTI. The command never ran. */
export function noteRejectedCall(server: Server, name: string): void {
	statOf(server, name).rejected_calls++;
}

/**
 * Where call() keeps a command's counters from one call to the next, with the table they belong
 * to: finding them by name in the table (a lookup by a key that changes from command to command)
 * was about a ninth of a GET's instructions. CONFIG RESETSTAT and a fork give the server a new
 * table, which the comparison notices; a command run on another server looks its counters up.
 */
export interface StatCache {
	statTable: Record<string, CommandStat> | null;
	stat: CommandStat | null;
}

/** call(): the command ran for `usec`; it failed when it answered with an error. */
export function noteCall(
	server: Server,
	name: string,
	usec: number,
	failed: boolean,
	cache?: StatCache,
): void {
	let stat: CommandStat;
	if (cache !== undefined && cache.statTable === server.commandStats) stat = cache.stat!;
	else {
		stat = statOf(server, name);
		if (cache !== undefined) {
			cache.statTable = server.commandStats;
			cache.stat = stat;
		}
	}
	stat.calls++;
	if (failed) stat.failed_calls++;
	// A call that did not move the virtual clock, by far the most common: nothing to add or round.
	if (usec === 0) {
		if (server.hot.latencyTracking) (stat.latency ??= new LatencyHistogram()).recordInstant();
		return;
	}
	stat.usec += usec;
	// Redis times a call in whole microseconds; the virtual clock may leave a fraction.
	if (server.hot.latencyTracking)
		(stat.latency ??= new LatencyHistogram()).record(Math.round(usec) * 1000);
}

/**
 * The Commandstats lines, for every command that was called, failed or refused. Redis lists them
 * in its command table's hash order; we list them by name.
 */
export function commandstatsSection(server: Server): [string, string][] {
	const table = commandStats(server);
	return Object.keys(table)
		.sort()
		.map((name) => {
			const s = table[name]!;
			const perCall = s.calls === 0 ? 0 : s.usec / s.calls;
			return [
				`cmdstat_${name}`,
				`calls=${s.calls},usec=${s.usec},usec_per_call=${perCall.toFixed(2)},` +
					`rejected_calls=${s.rejected_calls},failed_calls=${s.failed_calls}`,
			];
		});
}

/**
 * The Latencystats lines (fillPercentileDistributionLatencies): for each command with a histogram,
 * its latency at each of latency-tracking-info-percentiles, in µs. Nothing while tracking is off.
 */
export function latencystatsSection(server: Server): [string, string][] {
	if (!server.hot.latencyTracking) return [];
	const percentiles = storedConfig(server.config, 'latency-tracking-info-percentiles')
		.split(' ')
		.filter((p) => p !== '')
		.map(Number);
	const table = commandStats(server);
	return Object.keys(table)
		.sort()
		.flatMap((name): [string, string][] => {
			const h = table[name]!.latency;
			if (!h) return [];
			const values = percentiles.map(
				(p) => `p${percentileLabel(p)}=${(h.valueAtPercentile(p) / 1000).toFixed(3)}`,
			);
			return [[`latency_percentiles_usec_${name}`, values.join(',')]];
		});
}

/** A percentile as Redis labels it: printf's %f with its trailing zeros and point trimmed. */
function percentileLabel(p: number): string {
	const text = p.toFixed(6);
	return text.replace(/0+$/, '').replace(/\.$/, '');
}
