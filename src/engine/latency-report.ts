// Mirrors the reports of src/latency.c on the latency monitor's series: createLatencyReport
// (LATENCY DOCTOR) and latencyCommandGenSparkeline (LATENCY GRAPH, drawn as src/sparkline.c does).
// Only LATENCY loads this file.
import { storedConfig } from './config.ts';
import { latencySamples, latencyThreshold, type LatencySeries } from './latency-monitor.ts';
import type { Server } from './server.ts';

/** analyzeLatencyForEvent: the figures DOCTOR prints for one event class. */
function analyze(server: Server, ts: LatencySeries) {
	const used = latencySamples(ts);
	if (used.length === 0) return { samples: 0, avg: 0, mad: 0, period: 0 };
	const sum = used.reduce((a, s) => a + s.latency, 0);
	const avg = Math.floor(sum / used.length);
	const oldest = Math.min(...used.map((s) => s.time));
	const period = Math.floor(server.now() / 1000) - oldest || 1;
	const mad = Math.floor(used.reduce((a, s) => a + Math.abs(avg - s.latency), 0) / used.length);
	return { samples: used.length, avg, mad, period };
}

const DISABLED =
	"I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis instance. You may use \"CONFIG SET latency-monitor-threshold <milliseconds>.\" in order to enable it. If we weren't in a deep space mission I'd suggest to take a look at https://redis.io/topics/latency-monitor.\n";
const QUIET =
	'Dave, no latency spike was observed during the lifetime of this Redis instance, not in the slightest bit. I honestly think you ought to sit down calmly, take a stress pill, and think things over.\n';
const SPIKES =
	"Dave, I have observed latency spikes in this Redis instance. You don't mind talking about it, do you Dave?\n\n";
const ADVICE_INSPECT =
	'- Check your Slow Log to understand what are the commands you are running which are too slow to execute. Please check https://redis.io/commands/slowlog for more information.\n';
const ADVICE_SCHEDULER =
	'- The system is slow to execute Redis code paths not containing system calls. This usually means the system does not provide Redis CPU time to run for long periods. You should try to:\n' +
	'  1) Lower the system load.\n' +
	'  2) Use a computer / VM just for Redis if you are running other software in the same system.\n' +
	'  3) Check if you have a "noisy neighbour" problem.\n' +
	"  4) Check with 'redis-cli --intrinsic-latency 100' what is the intrinsic latency in your system.\n" +
	'  5) Check if the problem is allocator-related by recompiling Redis with MALLOC=libc, if you are using Jemalloc. However this may create fragmentation problems.\n';
const ADVICE_LARGE_OBJECTS =
	'- Deleting, expiring or evicting (because of maxmemory policy) large objects is a blocking operation. If you have very large objects that are often deleted, expired, or evicted, try to fragment those objects into multiple smaller objects.\n';

/**
 * createLatencyReport for the event classes this engine can sample: "command" and "fast-command"
 * (its expire and eviction cycles, forks and disk writes take no virtual time, and a page has no
 * transparent huge pages to warn about).
 */
export function latencyReport(server: Server): string {
	const threshold = latencyThreshold(server);
	if (server.latencyEvents.size === 0 && threshold === 0) return DISABLED;
	let report = '';
	let eventnum = 0;
	let advices = 0;
	let slowlogEnable = false;
	let slowlogTuning = false;
	let inspect = false;
	let scheduler = false;
	let largeObjects = false;
	for (const [event, ts] of server.latencyEvents) {
		eventnum++;
		if (eventnum === 1) report += SPIKES;
		const ls = analyze(server, ts);
		report +=
			`${eventnum}. ${event}: ${ls.samples} latency spikes (average ${ls.avg}ms, mean deviation ` +
			`${ls.mad}ms, period ${(ls.period / ls.samples).toFixed(2)} sec). Worst all time event ` +
			`${ts.max}ms.`;
		if (event.toLowerCase() === 'command') {
			const slower = Number(storedConfig(server.config, 'slowlog-log-slower-than'));
			if (slower < 0) {
				slowlogEnable = true;
				advices++;
			} else if (Math.trunc(slower / 1000) > threshold) {
				slowlogTuning = true;
				advices++;
			}
			inspect = largeObjects = true;
			advices += 2;
		}
		if (event.toLowerCase() === 'fast-command') {
			scheduler = true;
			advices++;
		}
		report += '\n';
	}
	if (eventnum === 0 && advices === 0) return report + QUIET;
	if (advices === 0)
		return (
			report +
			"\nWhile there are latency events logged, I'm not able to suggest any easy fix. Please use the Redis community to get some help, providing this report in your help request.\n"
		);
	report += '\nI have a few advices for you:\n\n';
	if (slowlogEnable)
		report += `- There are latency issues with potentially slow commands you are using. Try to enable the Slow Log Redis feature using the command 'CONFIG SET slowlog-log-slower-than ${threshold * 1000}'. If the Slow log is disabled Redis is not able to log slow commands execution for you.\n`;
	if (slowlogTuning)
		report += `- Your current Slow Log configuration only logs events that are slower than your configured latency monitor threshold. Please use 'CONFIG SET slowlog-log-slower-than ${threshold * 1000}'.\n`;
	if (inspect) report += ADVICE_INSPECT;
	if (scheduler) report += ADVICE_SCHEDULER;
	if (largeObjects) report += ADVICE_LARGE_OBJECTS;
	return report;
}

/** How long ago a sample was, as GRAPH labels it: seconds, minutes, hours or days. */
function ago(elapsed: number): string {
	if (elapsed < 60) return `${elapsed}s`;
	if (elapsed < 3600) return `${Math.trunc(elapsed / 60)}m`;
	if (elapsed < 86400) return `${Math.trunc(elapsed / 3600)}h`;
	return `${Math.trunc(elapsed / 86400)}d`;
}

/** sparkline.c's charset with SPARKLINE_FILL, each character a third of a row. */
const FILL = '_o#';
const GRAPH_COLS = 80;
const GRAPH_ROWS = 4;

/** sparklineRenderRange with SPARKLINE_FILL: the bars, a blank line, then the labels downwards. */
function renderRange(
	values: readonly number[],
	labels: readonly string[],
	min: number,
	max: number,
): string {
	let out = '';
	const steps = FILL.length * GRAPH_ROWS;
	const relmax = max - min === 0 ? 1 : max - min;
	for (let row = 0; ; row++) {
		const chars = Array<string>(values.length).fill(' ');
		let more = false;
		for (let j = 0; j < values.length; j++) {
			const step = Math.min(
				steps - 1,
				Math.max(0, Math.trunc(Math.trunc((values[j]! - min) * steps) / relmax)),
			);
			if (row < GRAPH_ROWS) {
				const charidx = step - (GRAPH_ROWS - row - 1) * FILL.length;
				more = true;
				if (charidx >= 0 && charidx < FILL.length) chars[j] = FILL[charidx]!;
				else if (charidx >= FILL.length) chars[j] = '|';
			} else {
				if (row - GRAPH_ROWS < 1) {
					// The margin between bars and labels: a line of blanks.
					more = true;
					chars.fill(' ');
					break;
				}
				const label = labels[j]!;
				const at = row - GRAPH_ROWS - 1;
				if (label.length > at) {
					more = true;
					chars[j] = label[at]!;
				}
			}
		}
		if (!more) return out;
		out += `${chars.join('')}\n`;
	}
}

/** latencyCommandGenSparkeline: the header, a rule, then 80 samples per block of sparkline. */
export function latencyGraph(server: Server, event: string, ts: LatencySeries): string {
	const used = latencySamples(ts);
	const now = Math.floor(server.now() / 1000);
	const values = used.map((s) => s.latency);
	const labels = used.map((s) => ago(now - s.time));
	const low = values.length === 0 ? 0 : Math.min(...values);
	const high = values.length === 0 ? 0 : Math.max(...values);
	let graph = `${event} - high ${high} ms, low ${low} ms (all time high ${ts.max} ms)\n`;
	graph += `${'-'.repeat(GRAPH_COLS)}\n`;
	for (let j = 0; j < values.length; j += GRAPH_COLS) {
		if (j !== 0) graph += '\n';
		graph += renderRange(
			values.slice(j, j + GRAPH_COLS),
			labels.slice(j, j + GRAPH_COLS),
			low,
			high,
		);
	}
	return graph;
}
