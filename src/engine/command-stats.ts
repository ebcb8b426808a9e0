// Mirrors the per-command counters of struct redisCommand (calls, microseconds, rejected_calls,
// failed_calls), as call() and rejectCommand() in src/server.c keep them, and INFO commandstats.
// Time is the virtual clock's: a command takes 0 µs unless it moves the clock (DEBUG SLEEP).
import type { Server } from './server.ts';

export interface CommandStat {
	calls: number;
	usec: number;
	rejected_calls: number;
	failed_calls: number;
}

/** Counters by full command name (`get`, `config|get`). */
export function commandStats(server: Server): Record<string, CommandStat> {
	return server.commandStats;
}

function statOf(server: Server, name: string): CommandStat {
	const table = commandStats(server);
	return (table[name] ??= { calls: 0, usec: 0, rejected_calls: 0, failed_calls: 0 });
}

/** rejectCommand: arity, OOM, a command refused inside MULTI. The command never ran. */
export function noteRejectedCall(server: Server, name: string): void {
	statOf(server, name).rejected_calls++;
}

/** call(): the command ran for `usec`; it failed when it answered with an error. */
export function noteCall(server: Server, name: string, usec: number, failed: boolean): void {
	const stat = statOf(server, name);
	stat.calls++;
	stat.usec += usec;
	if (failed) stat.failed_calls++;
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
