// The one request runner: a lane's `get_user` or `update_user` flow actor, started from plain
// options and stepped one `step.next` at a time. The sandbox (requests that step themselves on the
// clock) and scenarios (requests stepped by their script) both run requests through here. A read
// that responds is reported to the invariant monitor, which alone judges whether it was stale.
import { createActor } from 'xstate';
import type { VirtualClock } from '../engine/index.ts';
import type { ReadOptions, WriteOptions } from './flow-options.ts';
import type { InvariantMonitor, ServedRead } from './monitor.ts';
import { createReadPathMachine, readLine } from './read-path.ts';
import type { Said, TimelineEntry } from './timeline-entry.ts';
import { EMPTY_TRACE, type StepTrace } from './trace.ts';
import { waitForLane, type LaneRuntime } from './world-lanes.ts';
import { createWritePathMachine, writeLine } from './write-path.ts';

export { DEFAULT_USER_ID } from './flow-options.ts';

/** What a request runs on: the world's clock and the monitor that watches what reads serve. */
export interface RequestEnv {
	readonly clock: VirtualClock;
	readonly monitor: InvariantMonitor;
}

export type RequestSpec =
	| { readonly kind: 'read'; readonly options: ReadOptions }
	| { readonly kind: 'write'; readonly options: WriteOptions };

/** Replaces the lane's request with a new flow once the lane is free. */
export function startRequest(rt: LaneRuntime, spec: RequestSpec, { clock, monitor }: RequestEnv) {
	rt.request?.actor.stop();
	const at = waitForLane(clock, rt);
	if (spec.kind === 'read') {
		const { options } = spec;
		const machine = createReadPathMachine(rt.deps);
		const actor = createActor(machine, { input: options, clock });
		// A value typed into the console that is not a user row as JSON makes the machine fail:
		// the step reports it instead of throwing.
		actor.subscribe({ error: () => {} });
		actor.start();
		const dbVersionAtStart = monitor.dbVersion(options.userId);
		rt.request = { kind: 'read', actor, machine, options, startedAt: at, dbVersionAtStart };
	} else {
		const machine = createWritePathMachine(rt.deps);
		const actor = createActor(machine, { input: spec.options, clock }).start();
		rt.request = { kind: 'write', actor, machine, options: spec.options };
	}
}

/** Whether the lane's request has steps left. */
export function isRunning(rt: LaneRuntime): boolean {
	const r = rt.request;
	if (!r) return false;
	const status = r.actor.getSnapshot().status;
	return status !== 'done' && status !== 'error';
}

/** One `step.next` to the lane's request: exactly one state, one effect, one timeline entry. */
export function stepRequest(
	rt: LaneRuntime,
	index: number,
	say: Said,
	{ clock, monitor }: RequestEnv,
): TimelineEntry {
	const laneId = rt.lane.id;
	const r = rt.request;
	if (!r || !isRunning(rt)) throw new Error(`lane '${laneId}' has no request to step`);
	const at = waitForLane(clock, rt);
	r.actor.send({ type: 'step.next' });
	const flow = r.kind === 'read' ? 'get_user' : 'update_user';
	const base = { index, at, lane: laneId, kind: 'flow' as const, flow } as const;
	let trace: StepTrace;
	let state: string;
	let line: string | null;
	let description: string;
	let read: ServedRead | undefined;
	if (r.kind === 'read') {
		const s = r.actor.getSnapshot();
		if (s.status === 'error') {
			rt.readyAt = at;
			const description =
				'The cached value is not a user row as JSON: get_user would raise an error here.';
			return { ...base, endAt: at, state: 'failed', line: null, description, ops: [], ...say };
		}
		state = String(s.value);
		trace = s.context.trace ?? EMPTY_TRACE;
		line = readLine(s);
		description =
			state === 'readingDb' && s.context.redisError
				? 'Redis could not be reached: read the row from the database instead — slow, but the app stays up.'
				: (r.machine.states[state]?.description ?? '');
		if (state === 'responding')
			read = monitor.served({
				at,
				lane: laneId,
				userId: r.options.userId,
				source: s.context.source ?? 'db',
				version: s.context.user?.version ?? null,
				dbVersionAtStart: r.dbVersionAtStart,
				redisDown: s.context.redisError !== null,
			});
	} else {
		const s = r.actor.getSnapshot();
		state = String(s.value);
		trace = s.context.trace ?? EMPTY_TRACE;
		line = writeLine(s);
		description = r.machine.states[state]?.description ?? '';
		if (state === 'updatingDb' && s.context.user)
			monitor.dbWrote(s.context.user.id, s.context.user.version, at);
	}
	for (const op of trace.ops) if (op.kind === 'redis' && op.linkError) monitor.redisError();
	rt.readyAt = at + trace.latencyMs;
	return {
		...base,
		endAt: rt.readyAt,
		state,
		line,
		description,
		ops: trace.ops,
		...say,
		...(read ? { read } : {}),
	};
}
