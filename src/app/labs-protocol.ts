// The messages between the Labs page and its workers (labs.worker.ts, labs-client.ts). Each request
// carries an id; the worker answers it once, with its result or an error.
import type {
	FigureOptions,
	FigureResult,
	HitRateOverTime,
	SweepCell,
	SweepJob,
	SweepOptions,
	WorkloadOptions,
} from '../engine/experiments/index.ts';
import type { MaxmemoryPolicy } from '../engine/index.ts';

export type LabsRequest =
	/** One sweep cell; the worker keeps the last trace it built, so a sweep's jobs share it. */
	| {
			readonly type: 'job';
			readonly id: number;
			readonly workload: WorkloadOptions;
			readonly job: SweepJob;
	  }
	| { readonly type: 'figure'; readonly id: number; readonly options: FigureOptions }
	| { readonly type: 'lfu'; readonly id: number; readonly seed: number }
	| {
			readonly type: 'over-time';
			readonly id: number;
			readonly options: SweepOptions;
			readonly policy: MaxmemoryPolicy;
			readonly size: number;
			readonly intervalRequests?: number;
	  };

export type LabsReply =
	| {
			readonly type: 'job';
			readonly id: number;
			readonly cell: SweepCell;
			readonly workingSetBytes: number;
	  }
	| { readonly type: 'figure'; readonly id: number; readonly result: FigureResult }
	| { readonly type: 'lfu'; readonly id: number; readonly table: number[][] }
	| { readonly type: 'over-time'; readonly id: number; readonly result: HitRateOverTime }
	| { readonly type: 'error'; readonly id: number; readonly message: string };
