// The world every panel draws: one virtual clock, one engine, one database, the app's lanes (each
// an app instance with its connection and the request it is playing), the invariant monitor and
// the timeline of flow steps. Programs (the sandbox, a scenario) act on it; nothing else owns a
// clock, an engine or a database. A world can be snapshotted (engine.fork() plus plain data) and
// continued from the snapshot exactly.
import { createDatabase, type Database } from '../db/database.ts';
import { createEngine, Random, VirtualClock, type Engine } from '../engine/index.ts';
import type { CacheClient } from '../flows/cache-client.ts';
import { InvariantMonitor } from '../flows/monitor.ts';
import type { RequestEnv } from '../flows/request-runner.ts';
import type { Lane } from '../flows/scenario-types.ts';
import type { TimelineEntry } from '../flows/timeline-entry.ts';
import { createLaneRuntime, type LaneRuntime } from '../flows/world-lanes.ts';
import type { WorldSnapshot } from '../flows/world-snapshot.ts';
import { flowRuntime } from './flow-kit.ts';

export type { WorldSnapshot };

export interface WorldOptions {
	readonly seed: number;
	readonly startMs: number;
}

export class World implements RequestEnv {
	readonly seed: number;
	readonly clock: VirtualClock;
	readonly engine: Engine;
	readonly db: Database;
	readonly random: Random;
	readonly monitor: InvariantMonitor;
	/** Flow steps, oldest first. Appended in place: views copy what they show. */
	readonly timeline: TimelineEntry[];
	readonly #lanes = new Map<string, LaneRuntime>();

	constructor({ seed, startMs }: WorldOptions, from?: WorldSnapshot) {
		this.seed = seed;
		if (from) {
			this.engine = from.engine.fork();
			this.clock = this.engine.clock;
			this.db = createDatabase({ now: () => this.clock.now(), seed }, from.db);
			this.random = new Random(from.random);
			this.monitor = new InvariantMonitor(
				() => this.engine,
				() => this.db,
				from.monitor,
			);
			this.timeline = [...from.timeline];
			if (from.lanes.length > 0) {
				const { resumeLane } = flowRuntime();
				for (const l of from.lanes) resumeLane(this.lane(l.lane), l, this.clock);
			}
		} else {
			this.clock = new VirtualClock(startMs);
			this.engine = createEngine({ clock: this.clock, seed });
			this.db = createDatabase({ now: () => this.clock.now(), seed });
			this.random = new Random(seed);
			this.monitor = new InvariantMonitor(
				() => this.engine,
				() => this.db,
			);
			this.timeline = [];
		}
	}

	get lanes(): readonly LaneRuntime[] {
		return [...this.#lanes.values()];
	}

	/** The lane's runtime, made on first use with its own connection (or the one given). */
	lane(lane: Lane, cache?: CacheClient): LaneRuntime {
		let rt = this.#lanes.get(lane.id);
		if (!rt) {
			rt = createLaneRuntime(lane, this.engine, this.db, this.random, cache);
			this.#lanes.set(lane.id, rt);
		}
		return rt;
	}

	laneById(id: string): LaneRuntime | undefined {
		return this.#lanes.get(id);
	}

	/** Forgets a finished lane (the sandbox makes one per request). */
	dropLane(id: string): void {
		this.#lanes.delete(id);
	}

	/** Whether a snapshot taken now continues exactly (no lane holds a WATCH across steps). */
	get canSnapshot(): boolean {
		if (this.#lanes.size === 0) return true;
		const { canSaveLane } = flowRuntime();
		for (const rt of this.#lanes.values()) if (!canSaveLane(rt)) return false;
		return true;
	}

	snapshot(): WorldSnapshot {
		return {
			engine: this.engine.fork(),
			db: this.db.snapshot(),
			random: this.random.state(),
			timeline: [...this.timeline],
			monitor: this.monitor.state(),
			lanes: this.#lanes.size === 0 ? [] : [...this.#lanes.values()].map(flowRuntime().saveLane),
		};
	}

	dispose(): void {
		for (const rt of this.#lanes.values()) rt.request?.actor.stop();
		this.engine.dispose();
	}
}
