// A scenario as a program on a world: its instructions played one timeline step at a time on the
// world's own clock, engine and database, so every panel shows the scenario's keys, evictions and
// expiries while it plays. A fix toggle changes options only, never the interleaving.
import { DEFAULT_USER_ID } from '../flows/flow-options.ts';
import type { RequestSpec } from '../flows/request-runner.ts';
import { SCENARIOS } from '../flows/scenarios.ts';
import type { FlowOverrides, Instruction, Scenario } from '../flows/scenario-types.ts';
import type { TimelineEntry } from '../flows/timeline-entry.ts';
import { clockStep, linkStep, redisStep } from '../flows/world-direct-steps.ts';
import type { LaneRuntime } from '../flows/world-lanes.ts';
import { flowRuntime } from './flow-kit.ts';
import type { World } from './world.ts';

/** Where a scenario is: plain data, kept in snapshots. */
export interface ScenarioPosition {
	/** Steps taken so far. */
	readonly position: number;
	/** The instruction being played. */
	readonly pc: number;
}

/** Every scenario a program can run, by id, with the ids of its fixes (what lessons may name). */
export const SCENARIO_FIXES: ReadonlyMap<string, readonly string[]> = new Map(
	SCENARIOS.map((s) => [s.id, s.fixes.map((f) => f.id)]),
);

/** Merges the overrides of the enabled fixes, in the scenario's order. */
export function overridesFor(scenario: Scenario, fixes: readonly string[]): FlowOverrides {
	for (const id of fixes)
		if (!scenario.fixes.some((f) => f.id === id))
			throw new Error(`scenario '${scenario.id}' has no fix '${id}'`);
	return scenario.fixes
		.filter((f) => fixes.includes(f.id))
		.reduce<FlowOverrides>((acc, f) => ({ ...acc, ...f.overrides }), {});
}

export class ScenarioProgram {
	readonly scenario: Scenario;
	readonly fixes: readonly string[];
	readonly overrides: FlowOverrides;
	position = 0;
	pc = 0;
	readonly #userIds = new Set<number>([DEFAULT_USER_ID]);

	constructor(scenario: Scenario, fixes: readonly string[], from?: ScenarioPosition) {
		this.scenario = scenario;
		this.fixes = [...fixes];
		this.overrides = overridesFor(scenario, fixes);
		if (from) ({ position: this.position, pc: this.pc } = from);
		for (const i of scenario.instructions)
			if ('userId' in i && i.userId) this.#userIds.add(i.userId);
	}

	save(): ScenarioPosition {
		return { position: this.position, pc: this.pc };
	}

	isFinished(world: World): boolean {
		return this.#peek(world) === null;
	}

	/** Performs one timeline step; null when the scenario is over. */
	step(world: World): TimelineEntry | null {
		const instruction = this.#peek(world);
		if (!instruction) return null;
		const entry = this.#perform(world, instruction);
		world.timeline.push(entry);
		this.position++;
		world.monitor.observe(entry.at, this.#userIds);
		return entry;
	}

	#lane(world: World, id: string): LaneRuntime {
		const lane = this.scenario.lanes.find((l) => l.id === id);
		if (!lane) throw new Error(`scenario '${this.scenario.id}' has no lane '${id}'`);
		return world.lane(lane);
	}

	/** The next instruction with work left, skipping `finish` on a finished request. */
	#peek(world: World): Instruction | null {
		for (;;) {
			const i = this.scenario.instructions[this.pc];
			if (!i) return null;
			if (i.do !== 'finish') return i;
			const rt = world.laneById(i.lane);
			if (rt && flowRuntime().isRunning(rt)) return i;
			this.pc++;
		}
	}

	#perform(world: World, i: Instruction): TimelineEntry {
		const index = this.position;
		const say = i.say !== undefined ? { say: i.say } : {};
		const { clock, engine } = world;
		const { startRequest, stepRequest } = flowRuntime();
		switch (i.do) {
			case 'clock':
				return this.#then(clockStep(clock, i.ms, index, say));
			case 'link':
				return this.#then(linkStep(this.#lane(world, i.lane), i, clock, index, say));
			case 'redis':
			case 'cap-memory':
				return this.#then(redisStep(this.#lane(world, i.lane), i, engine, clock, index, say));
			case 'get_user':
			case 'update_user': {
				const rt = this.#lane(world, i.lane);
				startRequest(rt, this.#spec(i), world);
				this.pc++;
				return stepRequest(rt, index, say, world);
			}
			case 'next':
				return this.#then(stepRequest(this.#lane(world, i.lane), index, say, world));
			case 'finish':
				// The same instruction again until its request is done (#peek then skips it).
				return stepRequest(this.#lane(world, i.lane), index, say, world);
		}
	}

	/** Options from the instruction, with the fixes' overrides on top. */
	#spec(i: Extract<Instruction, { do: 'get_user' | 'update_user' }>): RequestSpec {
		const o = this.overrides;
		const ttlSeconds = o.ttlSeconds !== undefined ? o.ttlSeconds : this.scenario.ttlSeconds;
		const guard = o.guard ?? 'none';
		const userId = i.userId ?? DEFAULT_USER_ID;
		if (i.do === 'get_user') return { kind: 'read', options: { userId, ttlSeconds, guard } };
		return {
			kind: 'write',
			options: {
				userId,
				changes: i.set,
				strategy: o.strategy ?? i.strategy,
				ttlSeconds,
				guard,
				retryDelete: o.retryDelete ?? false,
				doubleDeleteMs: o.doubleDeleteMs ?? null,
			},
		};
	}

	/** Moves past the instruction just performed. */
	#then(entry: TimelineEntry): TimelineEntry {
		this.pc++;
		return entry;
	}
}
