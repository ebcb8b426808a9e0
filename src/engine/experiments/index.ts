// Mirrors no Redis file: the experiments' own door, for the Labs screen and its worker. Kept apart
// from the engine's index.ts so that the first screen's chunk never carries them.
export { antirezFigure } from './antirez-figure.ts';
export type { FigureOptions, FigureResult, FigureSummary, KeyFate } from './antirez-figure.ts';
export type { FigureVariant } from './figure-evictors.ts';
export { LFU_TABLE_FACTORS, LFU_TABLE_HITS, lfuFactorTable } from './lfu-counter.ts';
export { lfuDecayCurve } from './lfu-decay.ts';
export type { LfuDecayCurve, LfuDecayPoint } from './lfu-decay.ts';
export {
	REFERENCE_POLICIES,
	SWEEP_POLICIES,
	SWEEP_SIZES,
	hitRateOverTime,
	prepareTrace,
	runSweep,
	runSweepJob,
	sweepJobs,
	sweepResult,
} from './sweep.ts';
export type {
	HitRateOverTime,
	IntervalPoint,
	PreparedTrace,
	SweepCell,
	SweepJob,
	SweepOptions,
	SweepPolicy,
	SweepResult,
} from './sweep.ts';
export { generateTrace } from './workload.ts';
export type { Trace, WorkloadOptions } from './workload.ts';
export { figureCsv, lfuTableCsv, sweepCsv } from './lab-csv.ts';
