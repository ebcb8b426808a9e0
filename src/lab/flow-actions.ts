// What a learner (or a lesson) does on the flow stage's sandbox, as plain data: each is an input
// of the Lab's log, so replay, step back and permalinks redo it at its virtual time.
import type { WriteStrategy } from '../flows/flow-options.ts';

export type FlowAction =
	| { readonly kind: 'request'; readonly userId: number; readonly ttlSeconds: number }
	| {
			readonly kind: 'update';
			readonly userId: number;
			readonly strategy: WriteStrategy;
			readonly ttlSeconds: number;
	  }
	/** Redis down (a network failure: data kept, connections refused) or back up. */
	| { readonly kind: 'link'; readonly isDown: boolean }
	/** Redis's process dies and starts again, with its last snapshot or empty. */
	| { readonly kind: 'restart' };
