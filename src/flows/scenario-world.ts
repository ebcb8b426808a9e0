// One run of a scenario: the clock, engine, database and lanes it plays on, and `step()`, which
// does exactly one timeline step. A world can be snapshotted (engine.fork() and plain data) and
// continued from the snapshot; the session builds step back on that.
import { createActor, type Actor } from 'xstate';
import { createDatabase, type Database, type DatabaseSnapshot } from '../db/database.ts';
import { createEngine, Random, VirtualClock, type Engine } from '../engine/index.ts';
import { createCacheClient, type CacheClient, type RedisLink } from './cache-client.ts';
import type { FlowDeps } from './flow-deps.ts';
import type { ReadOptions, WriteOptions } from './flow-options.ts';
import { InvariantMonitor, type MonitorState, type ServedRead } from './monitor.ts';
import { createReadPathMachine, readLine, type ReadPathMachine } from './read-path.ts';
import { replyText } from './reply-text.ts';
import type { FlowOverrides, Instruction, Lane, Scenario } from './scenario-types.ts';
import { EMPTY_TRACE, type Op, type StepTrace } from './trace.ts';
import { createWritePathMachine, writeLine, type WritePathMachine } from './write-path.ts';

export interface TimelineEntry {
	readonly index: number;
	/** When the step began (after its lane was free) and when its effect completed. */
	readonly at: number;
	readonly endAt: number;
	readonly lane: string | null;
	readonly kind: 'flow' | 'redis' | 'clock' | 'link';
	readonly flow: 'get_user' | 'update_user' | null;
	readonly state: string | null;
	/** The listing line id this step stands for. */
	readonly line: string | null;
	readonly description: string;
	readonly ops: readonly Op[];
	readonly say?: string;
	readonly read?: ServedRead;
}

type Request =
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

interface LaneRuntime {
	readonly lane: Lane;
	readonly cache: CacheClient;
	readonly deps: FlowDeps;
	request: Request | null;
	readyAt: number;
}

/** Plain data (plus a forked engine) from which a world continues exactly. */
export interface WorldSnapshot {
	readonly position: number;
	readonly engine: Engine;
	readonly db: DatabaseSnapshot;
	readonly random: [number, number, number, number];
	readonly pc: number;
	readonly timeline: readonly TimelineEntry[];
	readonly monitor: MonitorState;
	readonly lanes: readonly {
		readonly id: string;
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
	}[];
}

export const DEFAULT_USER_ID = 1;

/** Instructions that apply with these fixes on (all of them, today: fixes change options only). */
function planFor(scenario: Scenario): readonly Instruction[] {
	return scenario.instructions;
}

export class ScenarioWorld {
	readonly scenario: Scenario;
	readonly overrides: FlowOverrides;
	readonly seed: number;
	readonly plan: readonly Instruction[];
	clock!: VirtualClock;
	engine!: Engine;
	db!: Database;
	random!: Random;
	monitor!: InvariantMonitor;
	timeline: TimelineEntry[] = [];
	/** Steps taken so far. */
	position = 0;
	/** The instruction being played. */
	pc = 0;
	#lanes = new Map<string, LaneRuntime>();
	#userIds = new Set<number>([DEFAULT_USER_ID]);

	constructor(scenario: Scenario, overrides: FlowOverrides, seed: number, from?: WorldSnapshot) {
		this.scenario = scenario;
		this.overrides = overrides;
		this.seed = seed;
		this.plan = planFor(scenario);
		if (from) this.#restore(from);
		else this.#fresh();
		for (const i of this.plan) if ('userId' in i && i.userId) this.#userIds.add(i.userId);
	}

	get isFinished(): boolean {
		return this.#peek() === null;
	}

	get lanes(): readonly LaneRuntime[] {
		return [...this.#lanes.values()];
	}

	/** Performs one timeline step; null when the scenario is over. */
	step(): TimelineEntry | null {
		const instruction = this.#peek();
		if (!instruction) return null;
		const entry = this.#perform(instruction);
		// A new array per step, so views holding the old one see a change.
		this.timeline = [...this.timeline, entry];
		this.position++;
		this.monitor.observe(entry.at, this.#userIds);
		return entry;
	}

	/** Whether a snapshot taken now continues exactly (no lane holds a WATCH across steps). */
	get canSnapshot(): boolean {
		for (const rt of this.#lanes.values()) {
			const r = rt.request;
			if (r?.kind !== 'read' || r.options.guard !== 'version') continue;
			const value = r.actor.getSnapshot().value;
			if (value === 'checkingCache' || value === 'readingDb') return false;
		}
		return true;
	}

	snapshot(): WorldSnapshot {
		return {
			position: this.position,
			engine: this.engine.fork(),
			db: this.db.snapshot(),
			random: this.random.state(),
			pc: this.pc,
			timeline: [...this.timeline],
			monitor: this.monitor.state(),
			lanes: [...this.#lanes.values()].map((rt) => {
				const r = rt.request;
				const snap = r?.actor.getSnapshot();
				const value = String(snap?.value);
				return {
					id: rt.lane.id,
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
			}),
		};
	}

	/** The state value and listing line of a lane's current request, for views. */
	laneView(id: string) {
		const rt = this.#lanes.get(id);
		const r = rt?.request;
		if (!rt || !r) return { id, state: null, line: null, readyAt: rt?.readyAt ?? 0, flow: null };
		if (r.kind === 'read') {
			const s = r.actor.getSnapshot();
			return {
				id,
				state: String(s.value),
				line: readLine(s),
				readyAt: rt.readyAt,
				flow: 'get_user' as const,
				options: r.options,
				context: s.context,
			};
		}
		const s = r.actor.getSnapshot();
		return {
			id,
			state: String(s.value),
			line: writeLine(s),
			readyAt: rt.readyAt,
			flow: 'update_user' as const,
			options: r.options,
			context: s.context,
		};
	}

	#fresh(): void {
		this.clock = new VirtualClock();
		this.engine = createEngine({ clock: this.clock, seed: this.seed });
		this.#wireDb();
		this.random = new Random(this.seed);
		this.monitor = new InvariantMonitor(
			() => this.engine,
			() => this.db,
		);
	}

	#wireDb(from?: DatabaseSnapshot): void {
		const clock = () => this.clock.now();
		this.db = createDatabase({ now: clock, seed: this.seed }, from);
	}

	#restore(s: WorldSnapshot): void {
		this.engine = s.engine.fork();
		this.clock = this.engine.clock;
		this.#wireDb(s.db);
		this.random = new Random(s.random);
		this.monitor = new InvariantMonitor(
			() => this.engine,
			() => this.db,
			s.monitor,
		);
		this.timeline = [...s.timeline];
		this.position = s.position;
		this.pc = s.pc;
		for (const l of s.lanes) {
			const rt = this.#lane(l.id);
			rt.cache.link = l.link;
			rt.readyAt = l.readyAt;
			const r = l.request;
			if (r?.kind === 'read') {
				const machine = createReadPathMachine(rt.deps);
				const snapshot = machine.resolveState({ value: r.value, context: r.context as never });
				const actor = createActor(machine, {
					snapshot,
					input: r.options,
					clock: this.clock,
				}).start();
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
				const actor = createActor(machine, {
					snapshot,
					input: r.options,
					clock: this.clock,
				}).start();
				rt.request = { kind: 'write', actor, machine, options: r.options };
			}
		}
	}

	#lane(id: string): LaneRuntime {
		let rt = this.#lanes.get(id);
		if (rt) return rt;
		const lane = this.scenario.lanes.find((l) => l.id === id);
		if (!lane) throw new Error(`scenario '${this.scenario.id}' has no lane '${id}'`);
		const cache = createCacheClient({ client: this.engine.connect(), random: this.random });
		const deps: FlowDeps = {
			cache,
			db: this.db,
			token: () => this.random.uint32().toString(16).padStart(8, '0'),
		};
		rt = { lane, cache, deps, request: null, readyAt: 0 };
		this.#lanes.set(id, rt);
		return rt;
	}

	/** The next instruction with work left, skipping `finish` on a finished request. */
	#peek(): Instruction | null {
		for (;;) {
			const i = this.plan[this.pc];
			if (!i) return null;
			if (i.do !== 'finish') return i;
			const r = this.#lanes.get(i.lane)?.request;
			if (r && r.actor.getSnapshot().status !== 'done') return i;
			this.pc++;
		}
	}

	/** Waits (moves the clock) until the lane is free: one app instance does one thing at a time. */
	#wait(rt: LaneRuntime): number {
		if (this.clock.now() < rt.readyAt) this.clock.advanceTo(rt.readyAt);
		return this.clock.now();
	}

	#perform(i: Instruction): TimelineEntry {
		const index = this.position;
		const say = i.say !== undefined ? { say: i.say } : {};
		switch (i.do) {
			case 'clock': {
				const at = this.clock.now();
				this.clock.advance(i.ms);
				this.pc++;
				const description = `${i.ms / 1000} s pass.`;
				return {
					index,
					at,
					endAt: this.clock.now(),
					lane: null,
					kind: 'clock',
					flow: null,
					state: null,
					line: null,
					description,
					ops: [],
					...say,
				};
			}
			case 'link': {
				const rt = this.#lane(i.lane);
				const at = this.clock.now();
				rt.cache.link = i.link;
				this.pc++;
				const description =
					i.link === 'up' ? 'The link to Redis is back.' : `The link to Redis fails (${i.link}).`;
				return {
					index,
					at,
					endAt: at,
					lane: i.lane,
					kind: 'link',
					flow: null,
					state: null,
					line: null,
					description,
					ops: [],
					...say,
				};
			}
			case 'redis':
			case 'cap-memory': {
				const rt = this.#lane(i.lane);
				const at = this.#wait(rt);
				const argv =
					i.do === 'redis'
						? i.argv
						: ['CONFIG', 'SET', 'maxmemory', String(this.engine.usedMemory() + i.rows * ROW_BYTES)];
				const r = rt.cache.call(argv);
				const result = r.ok ? replyText(r.reply) : `(error) ${r.error.code}`;
				rt.readyAt = at + r.latencyMs;
				this.pc++;
				return {
					index,
					at,
					endAt: rt.readyAt,
					lane: i.lane,
					kind: 'redis',
					flow: null,
					state: null,
					line: null,
					description: argv.join(' '),
					ops: [{ kind: 'redis', argv, result }],
					...say,
				};
			}
			case 'get_user':
			case 'update_user':
				this.#start(i);
				return this.#advance(i.lane, index, say);
			case 'next':
			case 'finish': {
				const entry = this.#advance(i.lane, index, say);
				if (i.do === 'next') this.pc++;
				return entry;
			}
		}
	}

	#start(i: Extract<Instruction, { do: 'get_user' | 'update_user' }>): void {
		const rt = this.#lane(i.lane);
		rt.request?.actor.stop();
		const o = this.overrides;
		const ttlSeconds = o.ttlSeconds !== undefined ? o.ttlSeconds : this.scenario.ttlSeconds;
		const guard = o.guard ?? 'none';
		const userId = i.userId ?? DEFAULT_USER_ID;
		const at = this.#wait(rt);
		if (i.do === 'get_user') {
			const options: ReadOptions = { userId, ttlSeconds, guard };
			const machine = createReadPathMachine(rt.deps);
			const actor = createActor(machine, { input: options, clock: this.clock }).start();
			const dbVersionAtStart = this.monitor.dbVersion(userId);
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
			const actor = createActor(machine, { input: options, clock: this.clock }).start();
			rt.request = { kind: 'write', actor, machine, options };
		}
		this.pc++;
	}

	/** One `step.next` to the lane's request: exactly one state, one effect. */
	#advance(laneId: string, index: number, say: { say?: string }): TimelineEntry {
		const rt = this.#lane(laneId);
		const r = rt.request;
		if (!r || r.actor.getSnapshot().status === 'done')
			throw new Error(`lane '${laneId}' has no request to step`);
		const at = this.#wait(rt);
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
				read = this.monitor.served({
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
		for (const op of trace.ops) if (op.kind === 'redis' && op.linkError) this.monitor.redisError();
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
}

/** About what one cached user row costs in memory (key, JSON value, TTL): for `cap-memory`. */
const ROW_BYTES = 380;
