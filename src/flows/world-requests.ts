// A lane's request (a get_user or update_user flow actor): starting one from an instruction and
// the scenario's fixes, and stepping it. One step is one `step.next`, one state, one effect and
// one timeline entry; a read that responds is reported to the monitor, which judges staleness.
import { createActor } from 'xstate';
import type { VirtualClock } from '../engine/index.ts';
import type { ReadOptions, WriteOptions } from './flow-options.ts';
import type { InvariantMonitor, ServedRead } from './monitor.ts';
import { createReadPathMachine, readLine } from './read-path.ts';
import type { FlowOverrides, Instruction, Scenario } from './scenario-types.ts';
import type { Said, TimelineEntry } from './timeline-entry.ts';
import { EMPTY_TRACE, type StepTrace } from './trace.ts';
import { waitForLane, type LaneRuntime } from './world-lanes.ts';
import { createWritePathMachine, writeLine } from './write-path.ts';

export const DEFAULT_USER_ID = 1;

/** What a request runs on: the world's clock and the monitor that watches what reads serve. */
export interface RequestEnv {
	readonly clock: VirtualClock;
	readonly monitor: InvariantMonitor;
}

/**
 * Replaces the lane's request with a new flow once the lane is free. Options come from the
 * instruction, with the fixes' overrides on top (a fix changes options, never the interleaving).
 */
export function startRequest(
	rt: LaneRuntime,
	i: Extract<Instruction, { do: 'get_user' | 'update_user' }>,
	scenario: Scenario,
	o: FlowOverrides,
	{ clock, monitor }: RequestEnv,
): void {
	rt.request?.actor.stop();
	const ttlSeconds = o.ttlSeconds !== undefined ? o.ttlSeconds : scenario.ttlSeconds;
	const guard = o.guard ?? 'none';
	const userId = i.userId ?? DEFAULT_USER_ID;
	const at = waitForLane(clock, rt);
	if (i.do === 'get_user') {
		const options: ReadOptions = { userId, ttlSeconds, guard };
		const machine = createReadPathMachine(rt.deps);
		const actor = createActor(machine, { input: options, clock }).start();
		const dbVersionAtStart = monitor.dbVersion(userId);
		rt.request = { kind: 'read', actor, machine, options, startedAt: at, dbVersionAtStart };
	} else {
		const options: WriteOptions = {
			userId,
			changes: i.set,
			strategy: o.strategy ?? i.strategy,
			ttlSeconds,
			guard,
			retryDelete: o.retryDelete ?? false,
			doubleDeleteMs: o.doubleDeleteMs ?? null,
		};
		const machine = createWritePathMachine(rt.deps);
		const actor = createActor(machine, { input: options, clock }).start();
		rt.request = { kind: 'write', actor, machine, options };
	}
}

/** One `step.next` to the lane's request: exactly one state, one effect. */
export function stepRequest(
	rt: LaneRuntime,
	index: number,
	say: Said,
	{ clock, monitor }: RequestEnv,
): TimelineEntry {
	const laneId = rt.lane.id;
	const r = rt.request;
	if (!r || r.actor.getSnapshot().status === 'done')
		throw new Error(`lane '${laneId}' has no request to step`);
	const at = waitForLane(clock, rt);
	r.actor.send({ type: 'step.next' });
	let trace: StepTrace;
	let state: string;
	let line: string | null;
	let description: string;
	let read: ServedRead | undefined;
	if (r.kind === 'read') {
		const s = r.actor.getSnapshot();
		state = String(s.value);
		trace = s.context.trace ?? EMPTY_TRACE;
		line = readLine(s);
		description = r.machine.states[state]?.description ?? '';
		if (state === 'responding')
			read = monitor.served({
				at,
				lane: laneId,
				userId: r.options.userId,
				source: s.context.source ?? 'db',
				version: s.context.user?.version ?? null,
				dbVersionAtStart: r.dbVersionAtStart,
			});
	} else {
		const s = r.actor.getSnapshot();
		state = String(s.value);
		trace = s.context.trace ?? EMPTY_TRACE;
		line = writeLine(s);
		description = r.machine.states[state]?.description ?? '';
	}
	for (const op of trace.ops) if (op.kind === 'redis' && op.linkError) monitor.redisError();
	rt.readyAt = at + trace.latencyMs;
	const flow = r.kind === 'read' ? 'get_user' : 'update_user';
	return {
		index,
		at,
		endAt: rt.readyAt,
		lane: laneId,
		kind: 'flow',
		flow,
		state,
		line,
		description,
		ops: trace.ops,
		...say,
		...(read ? { read } : {}),
	};
}
