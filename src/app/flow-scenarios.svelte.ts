// The flow stage's scenario player: one of the catalogue's scenarios in its own world (engine,
// database and clock), with its fixes toggled, stepped, stepped back and played. Playing moves the
// scenario's clock from the app's time driver; the scenario's player decides when to step.
import { SCENARIOS, scenarioById } from '../flows/scenarios.ts';
import { ScenarioSession } from '../flows/scenario-session.ts';
import type { Fix, Scenario } from '../flows/scenario-types.ts';
import type { TimelineEntry } from '../flows/scenario-world.ts';
import { opText } from '../flows/trace.ts';
import { nodeFor, type FlowStep, type FlowView } from './flow-view.ts';
import { startTimeDriver } from './time-driver.ts';

/** Starts a frame loop; returns its stop function. Tests pass a hand-cranked one. */
export type Driver = (onFrame: (elapsedMs: number) => void) => () => void;

/** Virtual ms between steps while playing: time to read the narration. */
const INTERVAL_MS = 1500;

export const SCENARIO_LIST: readonly Pick<Scenario, 'id' | 'number' | 'title'>[] = SCENARIOS;

export class FlowScenarios {
	#session: ScenarioSession = $state.raw(
		new ScenarioSession(SCENARIOS[0]!, { intervalMs: INTERVAL_MS }),
	);
	/** Bumped by the scenario session's notifications: views re-read it. */
	#version = $state(0);
	#unsubscribe: () => void = () => {};
	#stopDriver: (() => void) | null = null;
	readonly #driver: Driver;

	constructor(driver: Driver = startTimeDriver) {
		this.#driver = driver;
		this.#watch();
	}

	get scenario(): Scenario {
		return this.#session.scenario;
	}

	get fixes(): readonly Fix[] {
		return this.#session.scenario.fixes;
	}

	get enabledFixes(): readonly string[] {
		return this.#session.fixes;
	}

	get position(): number {
		void this.#version;
		return this.#session.position;
	}

	get isFinished(): boolean {
		void this.#version;
		return this.#session.isFinished;
	}

	get isPlaying(): boolean {
		void this.#version;
		return this.#session.isPlaying;
	}

	/** What the narrator says now: the latest step's line, or what the scenario teaches. */
	readonly narration: string = $derived.by(() => {
		void this.#version;
		const said = this.#session.timeline.findLast((e) => e.say !== undefined);
		return said?.say ?? this.#session.scenario.teaches;
	});

	readonly view: FlowView = $derived.by(() => {
		void this.#version;
		const s = this.#session;
		const w = s.world;
		const steps = s.timeline.map(toStep);
		const lastFlow = s.timeline.findLast((e) => e.flow !== null);
		const lane = lastFlow?.lane ? w.laneView(lastFlow.lane) : null;
		const report = s.monitor;
		const stale = report.reads.findLast((r) => r.isStale);
		const strategy = lane?.flow === 'update_user' ? lane.options.strategy : undefined;
		const o = w.overrides;
		const ttl = o.ttlSeconds !== undefined ? o.ttlSeconds : s.scenario.ttlSeconds;
		return {
			lanes: s.scenario.lanes.map((l) => ({ id: l.id, label: l.label })),
			steps,
			current: steps.at(-1) ?? null,
			counts: {
				hits: report.hits,
				misses: report.misses,
				dbLoads: w.db.stats().reads,
				redisErrors: report.redisErrors,
				staleReads: report.staleReads,
				lastStale: stale
					? {
							at: stale.at,
							userId: stale.userId,
							version: stale.version,
							dbVersion: stale.dbVersionAtStart,
							staleForMs: stale.staleForMs,
						}
					: null,
			},
			queries: w.db.log().slice(-12),
			isRedisDown: w.lanes.some((rt) => rt.cache.link !== 'up'),
			listing: lastFlow?.flow ?? 'get_user',
			variant: {
				guard: o.guard ?? 'none',
				hasTtl: ttl !== null,
				...(strategy ? { strategy } : {}),
				retryDelete: o.retryDelete ?? false,
				doubleDelete: (o.doubleDeleteMs ?? null) !== null,
			},
		};
	});

	select(id: string): void {
		this.#replace(new ScenarioSession(scenarioById(id), { intervalMs: INTERVAL_MS }));
	}

	/** Turns a fix on or off, keeping the position: the same interleaving with other options. */
	toggleFix(id: string): void {
		const on = this.#session.fixes;
		this.#replace(
			this.#session.withFixes(on.includes(id) ? on.filter((f) => f !== id) : [...on, id]),
		);
	}

	step(): void {
		this.#session.step();
	}

	back(): void {
		this.pause();
		this.#session.back();
	}

	restart(): void {
		this.pause();
		this.#session.reset();
	}

	togglePlay(): void {
		if (this.#session.isPlaying) this.pause();
		else this.play();
	}

	play(): void {
		if (this.#session.isFinished) this.#session.reset();
		this.#session.play();
		this.#stopDriver ??= this.#driver((ms) => this.#session.clock.advance(ms));
	}

	pause(): void {
		this.#session.pause();
		this.#stop();
	}

	/** Stops the frame loop (the stage is leaving the page). */
	dispose(): void {
		this.#stop();
		this.#unsubscribe();
	}

	#replace(next: ScenarioSession): void {
		this.pause();
		this.#unsubscribe();
		this.#session = next;
		this.#watch();
		this.#version++;
	}

	#watch(): void {
		const session = this.#session;
		this.#unsubscribe = session.subscribe(() => {
			// The player stops by itself at the end: the frame loop stops with it.
			if (!session.isPlaying) this.#stop();
			this.#version++;
		});
	}

	#stop(): void {
		this.#stopDriver?.();
		this.#stopDriver = null;
	}
}

function toStep(e: TimelineEntry): FlowStep {
	const state = e.state ?? e.kind;
	return {
		key: String(e.index),
		lane: e.lane ?? '',
		at: e.at,
		latencyMs: e.endAt - e.at,
		state,
		description: e.description,
		flow: e.flow,
		line: e.line,
		ops: e.ops.map(opText),
		node: nodeFor(state),
		isStale: e.read?.isStale ?? false,
		isError: e.ops.some((op) => op.kind === 'redis' && op.linkError === true),
		source: e.read?.source ?? null,
	};
}
