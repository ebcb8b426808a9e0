// What the flow stage records in the session's replay log, and the hook the session calls so the
// stage rebuilds with the console: reset on every rebuild (step back, :reset), then each recorded
// action applied again at its virtual time.
import type { Engine } from '../engine/index.ts';
import type { WriteStrategy } from '../flows/flow-options.ts';

/** A learner's action on the flow stage's sandbox; plain data, so it serialises with the log. */
export type FlowAction =
	| { readonly kind: 'request'; readonly userId: number; readonly ttlSeconds: number }
	| {
			readonly kind: 'update';
			readonly userId: number;
			readonly strategy: WriteStrategy;
			readonly ttlSeconds: number;
	  }
	| { readonly kind: 'link'; readonly isDown: boolean };

export interface FlowHost {
	/** The session built a fresh engine (start, reset, step back): start over on it. */
	reset(engine: Engine): void;
	/** Performs one action now, live or while the session replays its log. */
	apply(action: FlowAction): void;
}
