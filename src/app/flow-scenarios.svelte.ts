// The flow stage's scenario controls: which scenario runs on the Lab's world and with which
// fixes, and its stepping. A scenario resets the world to its seed and plays its instructions on
// it, so the keyspace, x-ray, memory gauge and event log show the scenario's own keys. Playing
// books one step every INTERVAL_MS of virtual time on the world's clock, which the page moves.
import { SCENARIOS, scenarioById } from '../flows/scenarios.ts';
import type { Fix, Scenario } from '../flows/scenario-types.ts';
import type { Program } from '../lab/lab-log.ts';
import type { TimerId } from '../engine/index.ts';
import type { Session } from './session.svelte.ts';

/** Virtual ms between steps while playing: time to read the narration. */
const INTERVAL_MS = 1500;
/** Every scenario plays on this seed, so everyone who plays it sees the same run. */
export const SCENARIO_SEED = 1;

export const SCENARIO_LIST: readonly Pick<Scenario, 'id' | 'number' | 'title'>[] = SCENARIOS;

export class FlowScenarios {
	readonly #session: Session;
	// What the learner picked last; while a scenario is on the Lab (the learner's, a lesson's or a
	// shared one), what is on the Lab is what the controls show.
	#selected = $state(SCENARIOS[0]!.id);
	#fixes: readonly string[] = $state.raw([]);
	isPlaying = $state(false);
	#timer: { id: TimerId; clock: unknown } | null = null;

	constructor(session: Session) {
		this.#session = session;
	}

	get selected(): string {
		const p = this.#onLab();
		return p ? p.id : this.#selected;
	}

	set selected(id: string) {
		this.#selected = id;
	}

	get enabledFixes(): readonly string[] {
		const p = this.#onLab();
		return p ? p.fixes : this.#fixes;
	}

	set enabledFixes(fixes: readonly string[]) {
		this.#fixes = fixes;
	}

	#onLab(): Extract<Program, { kind: 'scenario' }> | null {
		this.#session.trackWorld();
		const p = this.#session.lab.program;
		return p.kind === 'scenario' ? p : null;
	}

	/** Makes what the controls show (the Lab's scenario, if one runs) the controls' own choice. */
	#adoptLab(): void {
		this.#selected = this.selected;
		this.#fixes = this.enabledFixes;
	}

	/** The program the controls' choices make (what Restart or a fix toggle puts on the Lab). */
	get program(): Program {
		return { kind: 'scenario', id: this.#selected, fixes: this.#fixes };
	}

	get scenario(): Scenario {
		return scenarioById(this.selected);
	}

	get fixes(): readonly Fix[] {
		return this.scenario.fixes;
	}

	get position(): number {
		this.#session.trackWorld();
		return this.#session.lab.scenario?.position ?? 0;
	}

	get isFinished(): boolean {
		this.#session.trackWorld();
		return this.#session.lab.isScenarioFinished;
	}

	/** What the narrator says now: the latest step's line, or what the scenario teaches. */
	get narration(): string {
		this.#session.trackWorld();
		const said = this.#session.lab.world.timeline.findLast((e) => e.say !== undefined);
		return said?.say ?? this.scenario.teaches;
	}

	/** Puts the selected scenario on the world, from its start. */
	start(): void {
		this.pause();
		this.#session.run(this.program, SCENARIO_SEED);
	}

	select(id: string): void {
		this.selected = id;
		this.enabledFixes = [];
		this.start();
	}

	/** Turns a fix on or off, keeping the position: the same interleaving with other options. */
	toggleFix(id: string): void {
		this.#adoptLab();
		const on = this.#fixes;
		this.#fixes = on.includes(id) ? on.filter((f) => f !== id) : [...on, id];
		this.pause();
		this.#session.load({ ...this.#session.lab.toLog(), program: this.program });
	}

	step(): void {
		this.#session.lab.step();
	}

	back(): void {
		this.pause();
		const lab = this.#session.lab;
		// Undo back to (and including) the last scenario step, with whatever was typed after it.
		while (lab.inputs.length > 0 && lab.inputs.at(-1)!.kind !== 'step') lab.stepBack();
		lab.stepBack();
	}

	/** The scenario on the Lab from its start, with its fixes and seed (a lesson's, say). */
	restart(): void {
		this.pause();
		const lab = this.#session.lab;
		const on = lab.program.kind === 'scenario';
		this.#adoptLab();
		this.#session.run(this.program, on ? lab.seed : SCENARIO_SEED);
	}

	togglePlay(): void {
		if (this.isPlaying) this.pause();
		else this.play();
	}

	play(): void {
		if (this.isFinished) this.restart();
		this.isPlaying = true;
		this.#session.playing = true;
		this.#book();
	}

	pause(): void {
		this.isPlaying = false;
		const t = this.#timer;
		if (t && t.clock === this.#session.clock) this.#session.clock.clearTimeout(t.id);
		this.#timer = null;
	}

	#book(): void {
		const clock = this.#session.clock;
		const id = clock.setTimeout(() => {
			this.#timer = null;
			if (!this.isPlaying || clock !== this.#session.clock) return;
			if (!this.#session.lab.step() || this.#session.lab.isScenarioFinished) this.isPlaying = false;
			else this.#book();
		}, INTERVAL_MS);
		this.#timer = { id, clock };
	}
}
