// The flow runtime (flow-runtime.ts: requests and lanes, on XState) loads on demand. Requests only
// start after it is in: the page loads it with the commands before it replays a log or shows the
// flow stage, and Node entry points load it at start-up. A world with no lanes never needs it.
import type * as Runtime from './flow-runtime.ts';

export type FlowRuntime = typeof Runtime;

let runtime: FlowRuntime | null = null;
let loading: Promise<FlowRuntime> | null = null;

/** Loads the flow runtime once; every later call returns the same promise. */
export function loadFlowRuntime(): Promise<FlowRuntime> {
	loading ??= import('./flow-runtime.ts').then((m) => (runtime = m));
	return loading;
}

export function flowRuntimeLoaded(): boolean {
	return runtime !== null;
}

/** The loaded runtime; throws if a request is about to run before it is in (a caller's bug). */
export function flowRuntime(): FlowRuntime {
	if (!runtime)
		throw new Error('the flow runtime is not loaded yet (await loadFlowRuntime() first)');
	return runtime;
}
