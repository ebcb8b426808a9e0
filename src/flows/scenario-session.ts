// A scenario as the UI plays it: a world, the log that rebuilds it (seed, fixes and the virtual
// time of every step), periodic snapshots, and a player. Step back never undoes an effect: it
// rebuilds the world from the nearest snapshot (engine.fork() plus plain data) and replays the
// log up to the step before. Stepping forward again after going back replays the logged time,
// so it reproduces the same state; playing on from a later moment starts a new branch.
import { createActor, type Actor } from 'xstate';
import type { VirtualClock } from '../engine/index.ts';
import type { MonitorReport } from './monitor.ts';
import { createPlayerMachine, type PlayerMachine } from './player.ts';
import type { Fix, FlowOverrides, Scenario } from './scenario-types.ts';
import { ScenarioWorld, type TimelineEntry, type WorldSnapshot } from './scenario-world.ts';
import { scenarioById } from './scenarios.ts';

export interface ScenarioSessionOptions {
	/** Ids of the scenario's fixes to turn on. */
	readonly fixes?: readonly string[];
	readonly seed?: number;
	/** Take a snapshot every this many steps (when one can be taken). */
	readonly snapshotEvery?: number;
	readonly speed?: number;
	/** Virtual ms between steps while playing, at speed 1. */
	readonly intervalMs?: number;
}

/** Merges the overrides of the enabled fixes, in the scenario's order. */
export function overridesFor(scenario: Scenario, fixes: readonly string[]): FlowOverrides {
	for (const id of fixes)
		if (!scenario.fixes.some((f: Fix) => f.id === id))
			throw new Error(`scenario '${scenario.id}' has no fix '${id}'`);
	return scenario.fixes
		.filter((f) => fixes.includes(f.id))
		.reduce<FlowOverrides>((acc, f) => ({ ...acc, ...f.overrides }), {});
}

export class ScenarioSession {
	readonly scenario: Scenario;
	readonly fixes: readonly string[];
	readonly seed: number;
	readonly #overrides: FlowOverrides;
	readonly #snapshotEvery: number;
	#world: ScenarioWorld;
	/** The log: virtual time at which step i was asked for. */
	#times: number[] = [];
	#snapshots = new Map<number, WorldSnapshot>();
	#player!: Actor<PlayerMachine>;
	#speed: number;
	readonly #intervalMs: number;
	#listeners = new Set<() => void>();

	constructor(scenario: Scenario | string, options: ScenarioSessionOptions = {}) {
		this.scenario = typeof scenario === 'string' ? scenarioById(scenario) : scenario;
		this.fixes = [...(options.fixes ?? [])];
		this.seed = options.seed ?? 1;
		this.#overrides = overridesFor(this.scenario, this.fixes);
		this.#snapshotEvery = options.snapshotEvery ?? 4;
		this.#speed = options.speed ?? 1;
		this.#intervalMs = options.intervalMs ?? 1000;
		this.#world = new ScenarioWorld(this.scenario, this.#overrides, this.seed);
		this.#startPlayer();
	}

	/** The clock of the current world. It is replaced when the session rebuilds (step back). */
	get clock(): VirtualClock {
		return this.#world.clock;
	}

	get world(): ScenarioWorld {
		return this.#world;
	}

	get position(): number {
		return this.#world.position;
	}

	get isFinished(): boolean {
		return this.#world.isFinished;
	}

	get timeline(): readonly TimelineEntry[] {
		return this.#world.timeline;
	}

	get monitor(): MonitorReport {
		return this.#world.monitor.report();
	}

	/** Positions that have a snapshot (for tests and the debug view). */
	get snapshotPositions(): readonly number[] {
		return [...this.#snapshots.keys()].sort((a, b) => a - b);
	}

	get isPlaying(): boolean {
		return this.#player.getSnapshot().value === 'playing';
	}

	get speed(): number {
		return this.#speed;
	}

	subscribe(fn: () => void): () => void {
		this.#listeners.add(fn);
		return () => this.#listeners.delete(fn);
	}

	/** One `step.next`: one timeline step. Null when the scenario is over. */
	step(): TimelineEntry | null {
		const w = this.#world;
		if (w.isFinished) return null;
		const p = w.position;
		const logged = this.#times[p];
		if (logged !== undefined && w.clock.now() <= logged) {
			w.clock.advanceTo(logged);
		} else {
			// A new branch from here: the old future no longer applies.
			this.#times.length = p;
			for (const at of this.#snapshots.keys()) if (at > p) this.#snapshots.delete(at);
			this.#times.push(w.clock.now());
		}
		const entry = w.step();
		this.#maybeSnapshot();
		this.#notify();
		return entry;
	}

	/** Back one step: rebuild from the nearest snapshot and replay the log. */
	back(): boolean {
		if (this.position === 0) return false;
		this.seek(this.position - 1);
		return true;
	}

	/** Rebuilds the world as it was after `position` steps (within the log). */
	seek(position: number): void {
		const target = Math.max(0, Math.min(position, this.#times.length));
		this.#player.stop();
		let best: WorldSnapshot | undefined;
		for (const [at, snap] of this.#snapshots)
			if (at <= target && (!best || at > best.position)) best = snap;
		const w = new ScenarioWorld(this.scenario, this.#overrides, this.seed, best);
		while (w.position < target) {
			w.clock.advanceTo(this.#times[w.position]!);
			w.step();
		}
		this.#world = w;
		this.#startPlayer();
		this.#notify();
	}

	/** Back to the start (the log is kept, so stepping forward redoes the same run). */
	reset(): void {
		this.seek(0);
	}

	/** The same run with other fixes on, at the same position. */
	withFixes(fixes: readonly string[]): ScenarioSession {
		const next = new ScenarioSession(this.scenario, {
			fixes,
			seed: this.seed,
			snapshotEvery: this.#snapshotEvery,
			speed: this.#speed,
			intervalMs: this.#intervalMs,
		});
		while (next.position < this.position && next.step());
		return next;
	}

	play(): void {
		this.#player.send({ type: 'player.play' });
		this.#notify();
	}

	pause(): void {
		this.#player.send({ type: 'player.pause' });
		this.#notify();
	}

	setSpeed(speed: number): void {
		this.#speed = speed;
		this.#player.send({ type: 'player.speed', speed });
		this.#notify();
	}

	#maybeSnapshot(): void {
		// Every `snapshotEvery` steps, or at the first step after that where no WATCH is pending.
		const w = this.#world;
		const last = Math.max(0, ...[...this.#snapshots.keys()].filter((at) => at <= w.position));
		if (w.position - last < this.#snapshotEvery || this.#snapshots.has(w.position)) return;
		if (w.canSnapshot) this.#snapshots.set(w.position, w.snapshot());
	}

	#startPlayer(): void {
		const machine = createPlayerMachine({
			step: () => void this.step(),
			hasMore: () => !this.#world.isFinished,
		});
		this.#player = createActor(machine, {
			input: { speed: this.#speed, intervalMs: this.#intervalMs },
			clock: this.#world.clock,
		}).start();
		this.#player.subscribe(() => this.#notify());
	}

	#notify(): void {
		for (const fn of this.#listeners) fn();
	}
}
