// What the Lab tells its event log besides engine events: the flow stage's story as data. One
// module in the app turns every entry into a sentence; the Lab never writes prose.
import type { EngineEvent } from '../engine/index.ts';
import type { WriteStrategy } from '../flows/flow-options.ts';
import type { ServedRead } from '../flows/monitor.ts';
import type { Op } from '../flows/trace.ts';

export type FlowEvent =
	| {
			readonly type: 'read';
			readonly userId: number;
			readonly ttlSeconds: number | null;
			readonly source: 'cache' | 'db';
			readonly elapsedMs: number;
			readonly redisDown: boolean;
			readonly found: boolean;
			readonly cached: boolean;
			readonly read: ServedRead;
	  }
	| {
			readonly type: 'update';
			readonly userId: number;
			readonly strategy: WriteStrategy;
			readonly elapsedMs: number;
			readonly dbError: string | null;
			readonly redisErrorCode: string | null;
	  }
	| { readonly type: 'sql'; readonly op: Extract<Op, { kind: 'sql' }>; readonly latencyMs: number }
	| { readonly type: 'redis-error'; readonly op: Extract<Op, { kind: 'redis' }> }
	| { readonly type: 'link'; readonly isDown: boolean }
	/** Redis's process died and started again, with `keys` keys loaded from its last snapshot. */
	| { readonly type: 'restart'; readonly keys: number }
	| { readonly type: 'scenario'; readonly title: string }
	| { readonly type: 'failed'; readonly userId: number; readonly description: string };

export type LogEntry =
	| {
			readonly id: number;
			readonly at: number;
			readonly source: 'engine';
			readonly event: EngineEvent;
	  }
	| {
			readonly id: number;
			readonly at: number;
			readonly source: 'flow';
			readonly event: FlowEvent;
	  };
