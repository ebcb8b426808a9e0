// Mirrors no Redis file: the Labs' results as CSV text (one row per policy or variant, percentages
// with one decimal), for a spreadsheet or a plot elsewhere. No field ever holds a comma or a quote.
import type { FigureResult } from './antirez-figure.ts';
import { LFU_TABLE_FACTORS, LFU_TABLE_HITS } from './lfu-counter.ts';
import type { SweepResult } from './sweep.ts';

const pct = (x: number) => (100 * x).toFixed(1);
const lines = (rows: readonly (readonly (string | number)[])[]) =>
	rows.map((r) => r.join(',')).join('\n') + '\n';

/** `policy,5%,10%,…`: each policy's (and reference's) hit rate in % at each cache size. */
export function sweepCsv(result: SweepResult): string {
	const policies = [...new Set(result.cells.map((c) => c.policy))];
	const rate = (policy: string, size: number) => {
		const cell = result.cells.find((c) => c.policy === policy && c.size === size);
		return cell ? pct(cell.hitRate) : '';
	};
	return lines([
		['policy', ...result.sizes.map((s) => `${+(100 * s).toFixed(2)}%`)],
		...policies.map((p) => [p, ...result.sizes.map((s) => rate(p, s))]),
	]);
}

/** One row per figure panel: its summary figures and the % evicted in each tenth, oldest first. */
export function figureCsv(results: readonly FigureResult[]): string {
	return lines([
		[
			'variant',
			'samples',
			'old keys',
			'added keys',
			'oldest half evicted %',
			'newer half evicted %',
			'added evicted %',
			'error %',
			...Array.from({ length: 10 }, (_, d) => `tenth ${d + 1} evicted %`),
		],
		...results.map((r) => [
			r.variant,
			r.samples,
			r.oldKeys,
			r.addedKeys,
			r.summary.oldestHalfEvicted.toFixed(1),
			r.summary.newerHalfEvicted.toFixed(1),
			r.summary.addedEvicted.toFixed(1),
			r.summary.errorPercent.toFixed(1),
			...r.summary.decilesEvicted.map((d) => d.toFixed(1)),
		]),
	]);
}

/** redis.conf's LFU table: one row per lfu-log-factor, the counter after each number of hits. */
export function lfuTableCsv(table: readonly (readonly number[])[]): string {
	return lines([
		['factor', ...LFU_TABLE_HITS.map((h) => `${h} hits`)],
		...table.map((row, i) => [LFU_TABLE_FACTORS[i] ?? '', ...row]),
	]);
}
