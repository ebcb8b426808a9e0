// The lanes of a scenario world: per app instance, its cache client, the deps its flows close
// over, the request it is playing and when it is next free; plus the view of a lane the stage shows.
import type { Actor } from 'xstate';
import type { Database } from '../db/database.ts';
import type { Engine, Random, VirtualClock } from '../engine/index.ts';
import { createCacheClient, type CacheClient } from './cache-client.ts';
import type { FlowDeps } from './flow-deps.ts';
import type { ReadOptions, WriteOptions } from './flow-options.ts';
import type { ReadPathMachine } from './read-path.ts';
import type { Lane } from './scenario-types.ts';
import type { WritePathMachine } from './write-path.ts';

export type LaneRequest =
	| {
			kind: 'read';
			actor: Actor<ReadPathMachine>;
			machine: ReadPathMachine;
			options: ReadOptions;
			startedAt: number;
			dbVersionAtStart: number | null;
	  }
	| {
			kind: 'write';
			actor: Actor<WritePathMachine>;
			machine: WritePathMachine;
			options: WriteOptions;
	  };

export interface LaneRuntime {
	readonly lane: Lane;
	readonly cache: CacheClient;
	readonly deps: FlowDeps;
	request: LaneRequest | null;
	readyAt: number;
}

/** A lane with its own connection to the engine; lease tokens come from the world's seeded random. */
export function createLaneRuntime(
	lane: Lane,
	engine: Engine,
	db: Database,
	random: Random,
	/** Lanes of one app may share a connection (the sandbox's requests do). */
	cache: CacheClient = createCacheClient({ client: engine.connect(), random }),
): LaneRuntime {
	const deps: FlowDeps = {
		cache,
		db,
		token: () => random.uint32().toString(16).padStart(8, '0'),
	};
	return { lane, cache, deps, request: null, readyAt: 0 };
}

/** Waits (moves the clock) until the lane is free: one app instance does one thing at a time. */
export function waitForLane(clock: VirtualClock, rt: LaneRuntime): number {
	if (clock.now() < rt.readyAt) clock.advanceTo(rt.readyAt);
	return clock.now();
}
