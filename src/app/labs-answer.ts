// What a Labs worker answers to each request (labs.worker.ts wires it to postMessage; tests call it
// directly). Keeps the last sweep trace it built: a sweep's jobs share one.
import {
	antirezFigure,
	generateTrace,
	hitRateOverTime,
	lfuFactorTable,
	prepareTrace,
	runSweepJob,
	type PreparedTrace,
	type WorkloadOptions,
} from '../engine/experiments/index.ts';
import type { LabsReply, LabsRequest } from './labs-protocol.ts';

let cached: { readonly key: string; readonly trace: PreparedTrace } | null = null;

function traceFor(workload: WorkloadOptions): PreparedTrace {
	const key = JSON.stringify(workload);
	if (cached?.key !== key) cached = { key, trace: prepareTrace(generateTrace(workload)) };
	return cached.trace;
}

export function answer(request: LabsRequest): LabsReply {
	const id = request.id;
	try {
		switch (request.type) {
			case 'job': {
				const trace = traceFor(request.workload);
				const cell = runSweepJob(trace, request.job);
				return { type: 'job', id, cell, workingSetBytes: trace.workingSetBytes };
			}
			case 'figure':
				return { type: 'figure', id, result: antirezFigure(request.options) };
			case 'lfu':
				return { type: 'lfu', id, table: lfuFactorTable(request.seed) };
			case 'over-time':
				return {
					type: 'over-time',
					id,
					result: hitRateOverTime(
						request.options,
						request.policy,
						request.size,
						request.intervalRequests,
					),
				};
		}
	} catch (e) {
		return { type: 'error', id, message: e instanceof Error ? e.message : String(e) };
	}
}
