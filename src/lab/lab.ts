// The headless Lab: one world (clock, engine, database, lanes, monitor), the program that runs on
// it (the sandbox, or a scenario), the console's scrollback and the event log, and the log of
// timed inputs that rebuilds all of it. Plain TypeScript: it runs the same in Node tests, in the
// page and in a Web Worker. The page draws it through a thin adapter; nothing else owns a clock.
import {
	allCommandsLoaded,
	CONNECTION_CLOSED,
	DEFAULT_START_MS,
	type CommandSpec,
	type Engine,
	type EngineEvent,
	type Reply,
} from '../engine/index.ts';
import {
	handleLine,
	type LineOutcome,
	type MetaControls,
	type ShownOutcome,
} from '../console/line.ts';
import { INITIAL_STATE, promptFor, type ConsoleState } from '../console/session.ts';
import { scenarioById } from '../flows/scenarios.ts';
import type { FlowAction } from './flow-actions.ts';
import type { FlowEvent, LogEntry } from './lab-events.ts';
import { LOG_VERSION, SANDBOX, type LabInput, type LabLog, type Program } from './lab-log.ts';
import { SandboxProgram } from './sandbox-program.ts';
import { ScenarioProgram } from './scenario-program.ts';
import { World } from './world.ts';

export type EvictionEvent = Extract<EngineEvent, { type: 'evicted' }>;

/** redis-cli's prompt when nothing listens on the port. */
export const NOT_CONNECTED_PROMPT = 'not connected> ';

/** One scrollback entry: the line's outcome as data (the page writes it out), and its prompt. */
export interface ConsoleItem {
	readonly id: number;
	readonly prompt: string;
	readonly entry: ShownOutcome;
}

/**
 * What changed, so the page can pace its redraws: a typed reply (`console`) first, the world
 * after; `jump` when a typed line moved the clock itself (`:advance`), which shows at once.
 */
export type LabChange = 'console' | 'world' | 'flow' | 'log' | 'program' | 'jump';

export interface LabOptions {
	readonly seed?: number;
	readonly startMs?: number;
	readonly program?: Program;
	readonly speeds?: readonly number[];
	/** `:speed` typed in the console: the page's clock speed is not part of the world. */
	readonly onSpeed?: (speed: number) => void;
}

const LOG_LIMIT = 2000;
const EVICTION_LIMIT = 200;
const SCROLLBACK_LIMIT = 500;

export class Lab {
	seed: number;
	readonly startMs: number;
	program: Program;
	world!: World;
	sandbox!: SandboxProgram;
	scenario: ScenarioProgram | null = null;
	items: ConsoleItem[] = [];
	consoleState: ConsoleState = INITIAL_STATE;
	log: LogEntry[] = [];
	/** The latest evictions, oldest first, and how many there were in all. */
	evictions: EvictionEvent[] = [];
	evictionCount = 0;
	#specs: { readonly all: boolean; readonly list: readonly CommandSpec[] } | null = null;
	#inputs: LabInput[] = [];
	#nextId = 1;
	#replaying = false;
	#unsubscribe: () => void = () => {};
	readonly #listeners = new Set<(change: LabChange) => void>();
	readonly #meta: MetaControls;

	constructor(options: LabOptions = {}) {
		this.seed = options.seed ?? 1;
		this.startMs = options.startMs ?? DEFAULT_START_MS;
		this.program = options.program ?? SANDBOX;
		this.#meta = {
			advance: (ms) => this.world.clock.advanceTo(this.world.clock.now() + ms),
			reset: (seed) => this.#startOver(seed ?? this.seed),
			setSpeed: (x) => {
				if (!this.#replaying) options.onSpeed?.(x);
			},
			speeds: options.speeds ?? [1, 10, 60, 600],
		};
		this.#build([]);
	}

	/** The commands the console knows (hints, completion, help): more once all are loaded. */
	get specs(): readonly CommandSpec[] {
		const all = allCommandsLoaded();
		if (this.#specs?.all !== all) this.#specs = { all, list: this.world.engine.commands() };
		return this.#specs.list;
	}

	get clock() {
		return this.world.clock;
	}

	get engine() {
		return this.world.engine;
	}

	get inputs(): readonly LabInput[] {
		return this.#inputs;
	}

	/** Whether console commands reach Redis (not while it is down or shut down). */
	get isReachable(): boolean {
		return !this.sandbox.isRedisDown && this.world.engine.isRunning;
	}

	get prompt(): string {
		return this.isReachable ? promptFor(this.consoleState) : NOT_CONNECTED_PROMPT;
	}

	subscribe(fn: (change: LabChange) => void): () => void {
		this.#listeners.add(fn);
		return () => this.#listeners.delete(fn);
	}

	// ---- Inputs: each is recorded with its virtual time, then performed ----

	/** One console line, as typed. */
	submit(line: string): void {
		this.#record({ kind: 'line', at: this.clock.now(), line });
	}

	/** A deliberate clock move by `ms`. */
	advance(ms: number): void {
		this.advanceTo(this.clock.now() + ms);
	}

	advanceTo(to: number): void {
		if (to <= this.clock.now()) return;
		this.#record({ kind: 'advance', at: this.clock.now(), to });
	}

	flow(action: FlowAction): void {
		this.#record({ kind: 'flow', at: this.clock.now(), action });
	}

	/** One step of the scenario that runs; false when there is none or it is over. */
	step(): boolean {
		if (!this.scenario || this.scenario.isFinished(this.world)) return false;
		this.#record({ kind: 'step', at: this.clock.now() });
		return true;
	}

	get isScenarioFinished(): boolean {
		return this.scenario?.isFinished(this.world) ?? true;
	}

	/**
	 * Time passing on its own (the page's clock playing): not an input; the log keeps `now`.
	 * Listeners hear of what the time did (expiries, flow steps), not of the time itself.
	 */
	tick(ms: number): void {
		if (ms <= 0) return;
		const steps = this.world.timeline.length;
		this.clock.advance(ms);
		// A request stepping on the clock changed the stage even when it logged nothing.
		if (this.world.timeline.length !== steps) this.#notify('flow');
	}

	// ---- The log ----

	toLog(): LabLog {
		return {
			v: LOG_VERSION,
			seed: this.seed,
			start: this.startMs,
			program: this.program,
			inputs: [...this.#inputs],
			now: this.clock.now(),
		};
	}

	/** Rebuilds the state a log describes: a fresh world, every input at its time, then `now`. */
	load(log: LabLog): void {
		this.seed = log.seed;
		this.program = log.program;
		this.#build(log.inputs, log.now);
	}

	/** Undoes the last input: replays everything before it, up to the moment it happened. */
	stepBack(): boolean {
		const last = this.#inputs.at(-1);
		if (!last) return false;
		this.#build(this.#inputs.slice(0, -1), last.at);
		return true;
	}

	/** A fresh world with this seed and program; the log starts empty. */
	reset(seed = this.seed, program = this.program): void {
		this.seed = seed;
		this.program = program;
		this.#build([]);
	}

	dispose(): void {
		this.#unsubscribe();
		this.world.dispose();
	}

	// ---- Internals ----

	#startOver(seed: number): void {
		// `:reset` and `:seed` inside a replay would wipe the log being replayed: only live.
		if (this.#replaying) return;
		this.reset(seed);
	}

	#record(input: LabInput): void {
		this.#inputs.push(input);
		const before = this.clock.now();
		this.#perform(input);
		if (input.kind !== 'line') return this.#notify('world');
		this.#notify('console');
		if (this.clock.now() !== before) this.#notify('jump');
	}

	#perform(input: LabInput): void {
		const { clock } = this.world;
		if (clock.now() < input.at) clock.advanceTo(input.at);
		switch (input.kind) {
			case 'line':
				return this.#runLine(input.line);
			case 'advance':
				return clock.advanceTo(input.to);
			case 'flow':
				return this.#applyFlow(input.action);
			case 'step':
				this.scenario?.step(this.world);
				return;
		}
	}

	#applyFlow(action: FlowAction): void {
		if (action.kind === 'restart') {
			const keys = restartEngine(this.world.engine);
			this.#flowEvent({ type: 'restart', keys });
		}
		this.sandbox.apply(action);
	}

	#runLine(line: string): void {
		const prompt = this.prompt;
		const id = this.#nextId++;
		const refused = (): void => {
			this.#push({ id, prompt, entry: { kind: 'refused', input: line } });
		};
		// redis-cli prints what the server sent: after HELLO 3 (its own reply included), maps, sets
		// and doubles in RESP3's style. Each reply keeps the protocol it was sent in.
		const resp3: boolean[] = [];
		const exec = (argv: string[]): Reply => {
			if (!this.isReachable) throw REFUSED;
			const reply = this.world.engine.exec(argv);
			// SHUTDOWN closed the connection: redis-cli prints nothing and shows `not connected>`.
			if (reply === CONNECTION_CLOSED) throw CLOSED;
			resp3.push(this.world.engine.resp === 3);
			return reply;
		};
		let out: LineOutcome;
		try {
			out = handleLine(line, exec, this.specs, this.consoleState, this.#meta);
		} catch (e) {
			if (e === REFUSED) return refused();
			if (e === CLOSED) return this.#push({ id, prompt, entry: { kind: 'closed', input: line } });
			throw e;
		}
		// `:reset` replaced the world (and the scrollback) while the line ran.
		if (this.#inputs.length === 0 && !this.#replaying) return;
		this.consoleState = out.state;
		if (out.clear) this.items = [];
		const entry =
			out.entry?.kind === 'replies' && resp3.includes(true) ? { ...out.entry, resp3 } : out.entry;
		if (entry) this.#push({ id, prompt, entry });
	}

	#push(item: ConsoleItem): void {
		this.items.push(item);
		if (this.items.length > SCROLLBACK_LIMIT)
			this.items.splice(0, this.items.length - SCROLLBACK_LIMIT);
	}

	/** Ctrl+L: wipes the scrollback only (not an input). */
	clearScreen(): void {
		this.items = [];
		this.#notify('console');
	}

	#build(inputs: readonly LabInput[], until: number | null = null): void {
		this.#unsubscribe();
		this.world?.dispose();
		this.world = new World({ seed: this.seed, startMs: this.startMs });
		this.sandbox = new SandboxProgram(this.world, (e) => this.#flowEvent(e));
		this.items = [];
		this.consoleState = INITIAL_STATE;
		this.log = [];
		this.evictions = [];
		this.evictionCount = 0;
		this.#inputs = [];
		this.scenario = null;
		if (this.program.kind === 'scenario') {
			const scenario = scenarioById(this.program.id);
			this.scenario = new ScenarioProgram(scenario, this.program.fixes);
			this.#flowEvent({ type: 'scenario', title: scenario.title });
		}
		this.#unsubscribe = this.world.engine.subscribe((e) => this.#engineEvent(e));
		this.#replaying = true;
		try {
			for (const input of inputs) {
				this.#inputs.push(input);
				this.#perform(input);
			}
			if (until !== null && until > this.clock.now()) this.clock.advanceTo(until);
		} finally {
			this.#replaying = false;
		}
		this.#notify('program');
	}

	#engineEvent(e: EngineEvent): void {
		switch (e.type) {
			case 'hit':
			case 'miss':
			case 'command':
				// Not worth a log line, but the keyspace changed (an LRU stamp, a lazy expiry…).
				return this.#notify('world');
			case 'monitor':
				return;
			case 'active-expire-cycle':
				if (e.expired === 0) return;
				break;
			case 'evicted':
				this.evictionCount++;
				this.evictions.push(e);
				if (this.evictions.length > EVICTION_LIMIT) this.evictions.shift();
				break;
		}
		this.#pushLog({ id: this.#nextId++, at: e.at, source: 'engine', event: e });
	}

	#flowEvent(event: FlowEvent): void {
		this.#pushLog({ id: this.#nextId++, at: this.world.clock.now(), source: 'flow', event });
	}

	#pushLog(entry: LogEntry): void {
		this.log.push(entry);
		if (this.log.length > LOG_LIMIT * 1.5) this.log.splice(0, this.log.length - LOG_LIMIT);
		this.#notify('log');
	}

	#notify(change: LabChange): void {
		if (this.#replaying) return;
		for (const fn of this.#listeners) fn(change);
	}
}

const REFUSED = Symbol('connection refused');
const CLOSED = Symbol('connection closed');

/** Kills and starts Redis's process; returns how many keys it loaded from its last snapshot. */
function restartEngine(engine: Engine): number {
	engine.restart();
	return engine.inspect().keys.length;
}
