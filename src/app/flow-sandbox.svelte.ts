// The flow stage's sandbox: `get_user` and `update_user` run against the console's own engine
// (through a second client, so `DEL user:1` typed in the console invalidates and the keys show in
// the Keyspace panel) and a database on the same clock. A request takes its first step at once;
// each later step happens on the virtual clock after the previous step's latency. Every action is
// an input of the session's log, so step back and "copy state" replay the flows with the console.
import { createDatabase, type Database, type QueryLogEntry } from '../db/database.ts';
import { Random, type Engine, type VirtualClock } from '../engine/index.ts';
import { createCacheClient, type CacheClient } from '../flows/cache-client.ts';
import type { FlowDeps } from '../flows/flow-deps.ts';
import type { WriteStrategy } from '../flows/flow-options.ts';
import { opText } from '../flows/trace.ts';
import type { FlowAction, FlowHost } from './flow-actions.ts';
import { readRequest, writeRequest, type RequestContext, type Running } from './flow-requests.ts';
import { redisErrorSentence, sqlSentence } from './flow-sentences.ts';
import {
	NO_COUNTS,
	nodeFor,
	type FlowCounts,
	type FlowLane,
	type FlowStep,
	type FlowView,
	type StaleRead,
} from './flow-view.ts';
import type { Session } from './session.svelte.ts';

/** Requests kept on the timeline; older ones scroll away (the counters keep counting). */
const LANE_LIMIT = 8;
const STEP_LIMIT = 40;

export class FlowSandbox implements FlowHost {
	readonly #session: Session;
	userId = $state(123);
	/** 0 = no TTL (a plain SET: no safety net). */
	ttlSeconds = $state(300);
	strategy: WriteStrategy = $state('db-only');
	isRedisDown = $state(false);
	lanes: readonly FlowLane[] = $state.raw([]);
	steps: readonly FlowStep[] = $state.raw([]);
	counts: FlowCounts = $state.raw(NO_COUNTS);
	queries: readonly QueryLogEntry[] = $state.raw([]);
	/** When the next pending step is due, or null when no request is in flight. */
	nextStepAt: number | null = $state(null);
	/** The request the listing follows. */
	focus: Pick<Running, 'flow' | 'variant'> = $state.raw({
		flow: 'get_user',
		variant: { guard: 'none', hasTtl: true },
	});
	readonly view: FlowView = $derived({
		lanes: this.lanes,
		steps: this.steps,
		current: this.steps.at(-1) ?? null,
		counts: this.counts,
		queries: this.queries,
		isRedisDown: this.isRedisDown,
		listing: this.focus.flow,
		variant: this.focus.variant,
	});
	#clock!: VirtualClock;
	#db!: Database;
	#cache!: CacheClient;
	#deps!: FlowDeps;
	#running: Running[] = [];
	#nextId = 1;
	/** `userId:version` → when the database reached that version (stale since then). */
	#versionAt: Record<string, number> = {};

	constructor(session: Session) {
		this.#session = session;
		session.attachFlow(this);
	}

	// ---- Intents: recorded in the session's log, then applied ----

	sendRequest(): void {
		this.#session.recordFlow({ kind: 'request', ...this.#fields() });
	}

	updateUser(): void {
		this.#session.recordFlow({ kind: 'update', strategy: this.strategy, ...this.#fields() });
	}

	/** The inputs as whole numbers (an emptied field reads as null): user 1…1000, TTL ≥ 0. */
	#fields(): { userId: number; ttlSeconds: number } {
		const whole = (v: unknown, fallback: number) =>
			Number.isFinite(Number(v)) && v !== null ? Math.floor(Number(v)) : fallback;
		return {
			userId: Math.min(1000, Math.max(1, whole(this.userId, 1))),
			ttlSeconds: Math.max(0, whole(this.ttlSeconds, 0)),
		};
	}

	toggleRedis(): void {
		this.#session.recordFlow({ kind: 'link', isDown: !this.isRedisDown });
	}

	/** Moves the clock to the next pending step (a recorded clock move, like the clock's Step). */
	stepRequest(): void {
		if (this.nextStepAt !== null) this.#session.advance(this.nextStepAt - this.#clock.now());
	}

	// ---- FlowHost ----

	reset(engine: Engine): void {
		this.#clock = engine.clock;
		this.#db = createDatabase({ now: () => engine.clock.now(), seed: engine.seed });
		const random = new Random(engine.seed ^ 0xf10);
		this.#cache = createCacheClient({ client: engine.connect(), random });
		this.#deps = {
			cache: this.#cache,
			db: this.#db,
			token: () => random.uint32().toString(16).padStart(8, '0'),
		};
		this.#running = [];
		this.#versionAt = {};
		this.#nextId = 1;
		this.isRedisDown = false;
		this.lanes = [];
		this.steps = [];
		this.counts = NO_COUNTS;
		this.queries = [];
		this.nextStepAt = null;
	}

	apply(action: FlowAction): void {
		if (action.kind === 'link') {
			this.isRedisDown = action.isDown;
			this.#cache.link = action.isDown ? 'refused' : 'up';
			this.#session.logFlow(
				action.isDown ? 'Redis is down: connections are refused' : 'Redis is back up',
			);
			return;
		}
		const id = this.#nextId++;
		const r =
			action.kind === 'request'
				? readRequest(id, action, this.#context)
				: writeRequest(id, action, this.#context);
		this.#running.push(r);
		this.lanes = [...this.lanes, r.lane].slice(-LANE_LIMIT);
		this.focus = { flow: r.flow, variant: r.variant };
		this.#step(r);
	}

	/** One `step.next` now; the next one is booked on the clock after this step's latency. */
	#step(r: Running): void {
		const at = this.#clock.now();
		const s = r.advance();
		const marks = r.observe(s, at);
		for (const op of s.trace.ops) {
			if (op.kind === 'sql') this.#session.logFlow(sqlSentence(op, s.trace.latencyMs));
			else if (op.linkError) this.#session.logFlow(redisErrorSentence(op));
		}
		const step: FlowStep = {
			key: `${r.lane.id}:${this.steps.length}:${at}`,
			lane: r.lane.id,
			at,
			latencyMs: s.trace.latencyMs,
			state: s.state,
			description: s.description,
			flow: r.flow,
			line: s.line,
			ops: s.trace.ops.map(opText),
			node: nodeFor(s.state),
			isStale: false,
			isError: false,
			source: null,
			...marks,
		};
		this.steps = [...this.steps, step].slice(-STEP_LIMIT);
		this.focus = { flow: r.flow, variant: r.variant };
		if (s.isDone) {
			this.#running = this.#running.filter((x) => x !== r);
			r.nextAt = null;
		} else {
			r.nextAt = at + s.trace.latencyMs;
			this.#clock.setTimeout(() => this.#step(r), s.trace.latencyMs);
		}
		this.#refresh();
	}

	/** What a request needs from the sandbox: closed over, rebuilt on every reset. */
	get #context(): RequestContext {
		return {
			deps: this.#deps,
			clock: this.#clock,
			db: this.#db,
			versionAt: this.#versionAt,
			served: (isHit, isMiss, stale) => this.#count(isHit, isMiss, stale),
			log: (text) => this.#session.logFlow(text),
		};
	}

	#count(isHit: boolean, isMiss: boolean, stale: StaleRead | null): void {
		const c = this.counts;
		this.counts = {
			...c,
			hits: c.hits + (isHit ? 1 : 0),
			misses: c.misses + (isMiss ? 1 : 0),
			staleReads: c.staleReads + (stale ? 1 : 0),
			lastStale: stale ?? c.lastStale,
		};
	}

	#refresh(): void {
		let next: number | null = null;
		for (const r of this.#running)
			if (r.nextAt !== null && (next === null || r.nextAt < next)) next = r.nextAt;
		this.nextStepAt = next;
		this.queries = this.#db.log().slice(-12);
		this.counts = {
			...this.counts,
			dbLoads: this.#db.stats().reads,
			redisErrors: this.#cache.errors,
		};
	}
}
