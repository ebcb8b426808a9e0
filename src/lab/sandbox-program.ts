// The sandbox as a program on a world: the flow stage's buttons start `get_user` / `update_user`
// requests that step themselves on the world's clock (each step after the previous step's
// latency), share one connection to Redis, and tell the event log what happened as data.
import { createCacheClient, type CacheClient } from '../flows/cache-client.ts';
import type { ReadOptions, WriteOptions } from '../flows/flow-options.ts';
import type { RequestSpec } from '../flows/request-runner.ts';
import { flowRuntime } from './flow-kit.ts';
import type { Lane } from '../flows/scenario-types.ts';
import type { TimelineEntry } from '../flows/timeline-entry.ts';
import type { LaneRuntime } from '../flows/world-lanes.ts';
import type { FlowAction } from './flow-actions.ts';
import type { FlowEvent } from './lab-events.ts';
import type { World } from './world.ts';

/** Names an update writes, in turn: visible in the cached JSON, so a stale row is easy to spot. */
export const NEW_NAMES = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Edsger Dijkstra'];

/** Requests whose lanes the stage keeps showing; older ones scroll away (counters keep counting). */
const LANE_LIMIT = 8;
/**
 * The least virtual time between two steps of one request, so stepping the clock to the next
 * step shows each state (a hit answers in the same millisecond it is found).
 */
const MIN_STEP_MS = 1;

export interface SandboxRequest {
	readonly lane: Lane;
	readonly flow: 'get_user' | 'update_user';
	readonly options: ReadOptions | WriteOptions;
	nextAt: number | null;
}

export class SandboxProgram {
	readonly #world: World;
	readonly #emit: (e: FlowEvent) => void;
	readonly #cache: CacheClient;
	#nextId = 1;
	/** Requests on the stage, newest last (finished ones stay until LANE_LIMIT pushes them off). */
	requests: SandboxRequest[] = [];
	isRedisDown = false;

	constructor(world: World, emit: (e: FlowEvent) => void) {
		this.#world = world;
		this.#emit = emit;
		this.#cache = createCacheClient({ client: world.engine.connect(), random: world.random });
	}

	/** When the next pending step is due, or null when no request is in flight. */
	get nextStepAt(): number | null {
		let next: number | null = null;
		for (const r of this.requests)
			if (r.nextAt !== null && (next === null || r.nextAt < next)) next = r.nextAt;
		return next;
	}

	get isIdle(): boolean {
		return this.nextStepAt === null;
	}

	apply(action: FlowAction): void {
		switch (action.kind) {
			case 'link':
				this.isRedisDown = action.isDown;
				this.#cache.link = action.isDown ? 'refused' : 'up';
				this.#emit({ type: 'link', isDown: action.isDown });
				return;
			case 'restart':
				// The Lab restarts the engine; requests in flight keep their (new) connection.
				return;
			case 'request':
				return this.#start({
					kind: 'read',
					options: { userId: action.userId, ttlSeconds: ttlOf(action), guard: 'none' },
				});
			case 'update': {
				const version = this.#world.db.peek(action.userId)?.version ?? 0;
				return this.#start({
					kind: 'write',
					options: {
						userId: action.userId,
						changes: { name: NEW_NAMES[version % NEW_NAMES.length]! },
						strategy: action.strategy,
						ttlSeconds: ttlOf(action),
						guard: 'none',
						retryDelete: false,
						doubleDeleteMs: null,
					},
				});
			}
		}
	}

	#start(spec: RequestSpec): void {
		const id = this.#nextId++;
		const flow = spec.kind === 'read' ? 'get_user' : 'update_user';
		const lane: Lane = {
			id: `${spec.kind === 'read' ? 'r' : 'w'}${id}`,
			label: `#${id} ${flow}(${spec.options.userId})`,
			role: spec.kind === 'read' ? 'reader' : 'writer',
		};
		const rt = this.#world.lane(lane, this.#cache);
		flowRuntime().startRequest(rt, spec, this.#world);
		const request: SandboxRequest = { lane, flow, options: spec.options, nextAt: null };
		this.requests = [...this.requests, request].slice(-LANE_LIMIT);
		this.#step(rt, request);
	}

	/** One `step.next` now; the next one is booked on the clock after this step's latency. */
	#step(rt: LaneRuntime, request: SandboxRequest): void {
		const world = this.#world;
		const { isRunning, stepRequest } = flowRuntime();
		const entry = stepRequest(rt, world.timeline.length, {}, world);
		for (const op of entry.ops) {
			if (op.kind === 'sql') this.#emit({ type: 'sql', op, latencyMs: entry.endAt - entry.at });
			else if (op.linkError) this.#emit({ type: 'redis-error', op });
		}
		// A read that has answered is over for the app: its machine's final step draws nothing.
		if (entry.state === 'responding' && isRunning(rt))
			rt.request!.actor.send({ type: 'step.next' });
		world.timeline.push(entry);
		this.#report(rt, entry);
		if (!isRunning(rt)) {
			request.nextAt = null;
			world.dropLane(rt.lane.id);
			return;
		}
		const delay = Math.max(MIN_STEP_MS, entry.endAt - entry.at);
		request.nextAt = entry.at + delay;
		world.clock.setTimeout(() => this.#step(rt, request), delay);
	}

	#report(rt: LaneRuntime, entry: TimelineEntry): void {
		const r = rt.request;
		const { state, read } = entry;
		if (!r) return;
		if (state === 'failed') {
			const description = 'the cached value is not a user row as JSON';
			this.#emit({ type: 'failed', userId: r.options.userId, description });
			return;
		}
		if (r.kind === 'read' && read) {
			const c = r.actor.getSnapshot().context;
			this.#emit({
				type: 'read',
				userId: r.options.userId,
				ttlSeconds: r.options.ttlSeconds,
				source: c.source ?? 'db',
				elapsedMs: c.elapsedMs,
				redisDown: c.redisError !== null,
				found: c.user !== null,
				cached: c.fill === 'stored',
				read,
			});
		} else if (r.kind === 'write' && !flowRuntime().isRunning(rt)) {
			const c = r.actor.getSnapshot().context;
			this.#emit({
				type: 'update',
				userId: r.options.userId,
				strategy: r.options.strategy,
				elapsedMs: c.elapsedMs,
				dbError: c.dbError,
				redisErrorCode: c.redisError?.code ?? null,
			});
		}
	}
}

/** 0 in the TTL field means no TTL: a plain SET. */
function ttlOf(action: { readonly ttlSeconds: number }): number | null {
	return action.ttlSeconds > 0 ? action.ttlSeconds : null;
}
