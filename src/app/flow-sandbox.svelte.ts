// The flow stage's sandbox: `get_user` and `update_user` run against the console's own engine
// (through a second client, so `DEL user:1` typed in the console invalidates and the keys show in
// the Keyspace panel) and a database on the same clock. A request takes its first step at once;
// each later step happens on the virtual clock after the previous step's latency. Every action is
// an input of the session's log, so step back and "copy state" replay the flows with the console.
import { createActor } from 'xstate';
import { createDatabase, type Database, type QueryLogEntry } from '../db/database.ts';
import { Random, type Engine, type VirtualClock } from '../engine/index.ts';
import { createCacheClient, type CacheClient } from '../flows/cache-client.ts';
import type { FlowDeps } from '../flows/flow-deps.ts';
import type { ReadOptions, WriteOptions, WriteStrategy } from '../flows/flow-options.ts';
import type { ListingName, ListingVariant } from '../flows/listings.ts';
import { createReadPathMachine, readLine } from '../flows/read-path.ts';
import { EMPTY_TRACE, opText, type StepTrace } from '../flows/trace.ts';
import { createWritePathMachine, writeLine } from '../flows/write-path.ts';
import type { FlowAction, FlowHost } from './flow-actions.ts';
import {
	redisErrorSentence,
	readSentence,
	sqlSentence,
	staleFor,
	updateSentence,
	NEW_NAMES,
} from './flow-sentences.ts';
import {
	NO_COUNTS,
	nodeFor,
	type FlowCounts,
	type FlowLane,
	type FlowStep,
	type FlowView,
} from './flow-view.ts';
import type { Session } from './session.svelte.ts';

/** Requests kept on the timeline; older ones scroll away (the counters keep counting). */
const LANE_LIMIT = 8;
const STEP_LIMIT = 40;

/** What one `step.next` did, whatever the machine. */
interface Stepped {
	readonly state: string;
	readonly line: string | null;
	readonly description: string;
	readonly trace: StepTrace;
	readonly isDone: boolean;
}

interface Running {
	readonly lane: FlowLane;
	readonly flow: ListingName;
	readonly variant: ListingVariant;
	readonly advance: () => Stepped;
	/** After a step: marks for the timeline (a served read may be stale). */
	readonly observe: (s: Stepped, at: number) => Partial<FlowStep>;
	nextAt: number | null;
}

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
		this.#session.recordFlow({ kind: 'request', userId: this.userId, ttlSeconds: this.ttlSeconds });
	}

	updateUser(): void {
		const { userId, strategy, ttlSeconds } = this;
		this.#session.recordFlow({ kind: 'update', userId, strategy, ttlSeconds });
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
		const ttlSeconds = action.ttlSeconds > 0 ? action.ttlSeconds : null;
		const id = this.#nextId++;
		const r =
			action.kind === 'request'
				? this.#read(id, { userId: action.userId, ttlSeconds, guard: 'none' })
				: this.#write(id, {
						userId: action.userId,
						changes: {
							name: NEW_NAMES[(this.#db.peek(action.userId)?.version ?? 0) % NEW_NAMES.length]!,
						},
						strategy: action.strategy,
						ttlSeconds,
						guard: 'none',
						retryDelete: false,
						doubleDeleteMs: null,
					});
		this.#running.push(r);
		this.lanes = [...this.lanes, r.lane].slice(-LANE_LIMIT);
		this.focus = { flow: r.flow, variant: r.variant };
		this.#step(r);
	}

	// ---- Requests ----

	#read(id: number, options: ReadOptions): Running {
		const machine = createReadPathMachine(this.#deps);
		const actor = createActor(machine, { input: options, clock: this.#clock });
		// A value typed into the console that is not a row as JSON makes the machine fail: shown, not thrown.
		actor.subscribe({ error: () => {} });
		actor.start();
		const dbVersionAtStart = this.#db.peek(options.userId)?.version ?? null;
		return {
			lane: { id: `r${id}`, label: `#${id} get_user(${options.userId})` },
			flow: 'get_user',
			variant: { guard: 'none', hasTtl: options.ttlSeconds !== null },
			nextAt: null,
			advance: () => {
				actor.send({ type: 'step.next' });
				const s = actor.getSnapshot();
				if (s.status === 'error')
					return failed('The cached value is not a user row as JSON: get_user would raise here.');
				const state = String(s.value);
				const description = machine.states[state]?.description ?? '';
				const trace = s.context.trace ?? EMPTY_TRACE;
				return { state, line: readLine(s), description, trace, isDone: s.status === 'done' };
			},
			observe: (step, at) => {
				const c = actor.getSnapshot().context;
				if (step.state !== 'responding') return { isError: hasLinkError(step.trace) };
				const version = c.user?.version ?? null;
				const isStale = version !== null && dbVersionAtStart !== null && version < dbVersionAtStart;
				const staleForMs = isStale ? staleFor(this.#versionAt, options.userId, version, at) : 0;
				const stale = isStale
					? { at, userId: options.userId, version, dbVersion: dbVersionAtStart, staleForMs }
					: null;
				const isMiss = c.source === 'db' && c.redisError === null;
				this.#count(c.source === 'cache', isMiss, stale);
				this.#session.logFlow(readSentence(options, c, stale));
				return { isStale, source: c.source };
			},
		};
	}

	#write(id: number, options: WriteOptions): Running {
		const machine = createWritePathMachine(this.#deps);
		const actor = createActor(machine, { input: options, clock: this.#clock }).start();
		return {
			lane: { id: `w${id}`, label: `#${id} update_user(${options.userId})` },
			flow: 'update_user',
			variant: { guard: 'none', hasTtl: options.ttlSeconds !== null, strategy: options.strategy },
			nextAt: null,
			advance: () => {
				actor.send({ type: 'step.next' });
				const s = actor.getSnapshot();
				const state = String(s.value);
				const description = machine.states[state]?.description ?? '';
				const trace = s.context.trace ?? EMPTY_TRACE;
				return { state, line: writeLine(s), description, trace, isDone: s.status === 'done' };
			},
			observe: (step, at) => {
				const c = actor.getSnapshot().context;
				if (step.state === 'updatingDb' && c.user)
					this.#versionAt[`${c.user.id}:${c.user.version}`] = at;
				if (step.isDone) this.#session.logFlow(updateSentence(options, c));
				return { isError: hasLinkError(step.trace) };
			},
		};
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

	#count(isHit: boolean, isMiss: boolean, stale: FlowCounts['lastStale']): void {
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

function failed(description: string): Stepped {
	return { state: 'failed', line: null, description, trace: EMPTY_TRACE, isDone: true };
}

function hasLinkError(trace: StepTrace): boolean {
	return trace.ops.some((op) => op.kind === 'redis' && op.linkError === true);
}
