// Saving and resuming a world's lanes. A request is saved as its state value and context (plain
// data) and resumed with machine.resolveState, so a world continues exactly from a snapshot.
import { createActor } from 'xstate';
import type { DatabaseSnapshot } from '../db/database.ts';
import type { Engine, VirtualClock } from '../engine/index.ts';
import type { RedisLink } from './cache-client.ts';
import type { ReadOptions, WriteOptions } from './flow-options.ts';
import type { MonitorState } from './monitor.ts';
import { createReadPathMachine } from './read-path.ts';
import type { Lane } from './scenario-types.ts';
import type { TimelineEntry } from './timeline-entry.ts';
import type { LaneRuntime } from './world-lanes.ts';
import { createWritePathMachine } from './write-path.ts';

export interface SavedLane {
	readonly lane: Lane;
	readonly link: RedisLink;
	readonly readyAt: number;
	readonly request:
		| {
				kind: 'read';
				value: string;
				context: unknown;
				options: ReadOptions;
				startedAt: number;
				dbVersionAtStart: number | null;
		  }
		| { kind: 'write'; value: string; context: unknown; options: WriteOptions }
		| null;
}

/** Plain data (plus a forked engine) from which a world continues exactly. */
export interface WorldSnapshot {
	readonly engine: Engine;
	readonly db: DatabaseSnapshot;
	readonly random: [number, number, number, number];
	readonly timeline: readonly TimelineEntry[];
	readonly monitor: MonitorState;
	readonly lanes: readonly SavedLane[];
}

/** False while a version-guarded read holds a WATCH across steps: that cannot be saved. */
export function canSaveLane(rt: LaneRuntime): boolean {
	const r = rt.request;
	if (r?.kind !== 'read' || r.options.guard !== 'version') return true;
	const value = r.actor.getSnapshot().value;
	return value !== 'checkingCache' && value !== 'readingDb';
}

export function saveLane(rt: LaneRuntime): SavedLane {
	const r = rt.request;
	const snap = r?.actor.getSnapshot();
	const value = String(snap?.value);
	return {
		lane: rt.lane,
		link: rt.cache.link,
		readyAt: rt.readyAt,
		request: !r
			? null
			: r.kind === 'read'
				? {
						kind: 'read',
						value,
						context: snap!.context,
						options: r.options,
						startedAt: r.startedAt,
						dbVersionAtStart: r.dbVersionAtStart,
					}
				: { kind: 'write', value, context: snap!.context, options: r.options },
	};
}

/** Puts a saved lane's link, readiness and request back on a fresh lane runtime. */
export function resumeLane(rt: LaneRuntime, l: SavedLane, clock: VirtualClock): void {
	rt.cache.link = l.link;
	rt.readyAt = l.readyAt;
	const r = l.request;
	if (r?.kind === 'read') {
		const machine = createReadPathMachine(rt.deps);
		const snapshot = machine.resolveState({ value: r.value, context: r.context as never });
		const actor = createActor(machine, { snapshot, input: r.options, clock }).start();
		rt.request = {
			kind: 'read',
			actor,
			machine,
			options: r.options,
			startedAt: r.startedAt,
			dbVersionAtStart: r.dbVersionAtStart,
		};
	} else if (r?.kind === 'write') {
		const machine = createWritePathMachine(rt.deps);
		const snapshot = machine.resolveState({ value: r.value, context: r.context as never });
		const actor = createActor(machine, { snapshot, input: r.options, clock }).start();
		rt.request = { kind: 'write', actor, machine, options: r.options };
	}
}
