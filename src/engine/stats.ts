// Derived figures INFO, MEMORY and the UI share: used_memory from the model in memory.ts.
import { USED_MEMORY_BASELINE } from './memory.ts';
import type { Server } from './server.ts';

/**
 * used_memory: baseline + every database's keys + hash-table slots + client buffers. The databases'
 * part is summed as it changes (Db's totals), as zmalloc keeps used_memory: O(1) to read.
 */
export function usedMemory(server: Server): number {
	return USED_MEMORY_BASELINE + server.clientBufferBytes + server.dbTotals.charged;
}

/**
 * stat_peak_memory: call() records the peak after every command, before the eviction that runs
 * ahead of the next one. CONFIG RESETSTAT leaves it alone.
 */
export function notePeakMemory(server: Server): number {
	const used = usedMemory(server);
	if (used > server.peakMemory) server.peakMemory = used;
	return server.peakMemory;
}

/** Errors by their first word, as INFO errorstats lists them (errorstat_ERR:count=3). */
export function errorStats(server: Server): Record<string, number> {
	return server.errorStats;
}

/**
 * afterErrorReply: counts an error reply in total_error_replies and under its code, the text up to
 * the first space when that space comes within 32 bytes, else ERR.
 */
export function noteErrorReply(server: Server, message: string): void {
	server.stats.total_error_replies++;
	const space = message.slice(0, 32).indexOf(' ');
	const code = space > 0 ? message.slice(0, space) : 'ERR';
	const table = errorStats(server);
	table[code] = (table[code] ?? 0) + 1;
}
