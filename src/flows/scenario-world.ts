// One run of a scenario: the clock, engine, database and lanes it plays on, and `step()`, which
// does exactly one timeline step. A world can be snapshotted (engine.fork() and plain data) and
// continued from the snapshot; the session builds step back on that. Lanes live in
// world-lanes.ts, flow requests in world-requests.ts, saving in world-snapshot.ts.
import { createDatabase, type Database, type DatabaseSnapshot } from '../db/database.ts';
import { createEngine, Random, VirtualClock, type Engine } from '../engine/index.ts';
import { InvariantMonitor } from './monitor.ts';
import type { FlowOverrides, Instruction, Scenario } from './scenario-types.ts';
import type { TimelineEntry } from './timeline-entry.ts';
import { clockStep, linkStep, redisStep } from './world-direct-steps.ts';
import { createLaneRuntime, laneView, type LaneRuntime } from './world-lanes.ts';
import { DEFAULT_USER_ID, startRequest, stepRequest } from './world-requests.ts';
import { canSaveLane, resumeLane, saveLane, type WorldSnapshot } from './world-snapshot.ts';

export type { TimelineEntry } from './timeline-entry.ts';
export type { WorldSnapshot } from './world-snapshot.ts';
export { DEFAULT_USER_ID } from './world-requests.ts';

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
		for (const rt of this.#lanes.values()) if (!canSaveLane(rt)) return false;
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
			lanes: [...this.#lanes.values()].map(saveLane),
		};
	}

	/** The state value and listing line of a lane's current request, for views. */
	laneView(id: string) {
		return laneView(id, this.#lanes.get(id));
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
		for (const l of s.lanes) resumeLane(this.#lane(l.id), l, this.clock);
	}

	#lane(id: string): LaneRuntime {
		let rt = this.#lanes.get(id);
		if (rt) return rt;
		const lane = this.scenario.lanes.find((l) => l.id === id);
		if (!lane) throw new Error(`scenario '${this.scenario.id}' has no lane '${id}'`);
		rt = createLaneRuntime(lane, this.engine, this.db, this.random);
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

	#perform(i: Instruction): TimelineEntry {
		const index = this.position;
		const say = i.say !== undefined ? { say: i.say } : {};
		switch (i.do) {
			case 'clock':
				return this.#then(clockStep(this.clock, i.ms, index, say));
			case 'link':
				return this.#then(linkStep(this.#lane(i.lane), i, this.clock, index, say));
			case 'redis':
			case 'cap-memory':
				return this.#then(redisStep(this.#lane(i.lane), i, this.engine, this.clock, index, say));
			case 'get_user':
			case 'update_user':
				startRequest(this.#lane(i.lane), i, this.scenario, this.overrides, this);
				this.pc++;
				return stepRequest(this.#lane(i.lane), index, say, this);
			case 'next':
				return this.#then(stepRequest(this.#lane(i.lane), index, say, this));
			case 'finish':
				// The same instruction again until its request is done (#peek then skips it).
				return stepRequest(this.#lane(i.lane), index, say, this);
		}
	}

	/** Moves past the instruction just performed. */
	#then(entry: TimelineEntry): TimelineEntry {
		this.pc++;
		return entry;
	}
}
