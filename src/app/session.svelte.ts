// The composition root's state (DESIGN.md §3 app/): one clock, one engine, the console, the event
// log and the time controls. Components read its fields and call its methods; they never build
// engines themselves.
import { createEngine, DEFAULT_START_MS, VirtualClock } from '../engine/index.ts';
import type { Engine, EngineEvent, KeyspaceView, CommandSpec } from '../engine/index.ts';

export type EvictionEvent = Extract<EngineEvent, { type: 'evicted' }>;
const EVICTION_LIMIT = 200;
import { INITIAL_STATE, promptFor, type ConsoleState } from '../console/session.ts';
import { handleLine, type ConsoleEntry, type MetaControls } from './console-model.ts';
import { describeEvent, type LogEntry } from './event-log.ts';
import { withoutLast, type SessionInput } from './replay-log.ts';
import type { FlowAction, FlowHost } from './flow-actions.ts';
import { loadHistory, saveHistory } from './persistence.ts';

export const SPEEDS = [1, 10, 60, 600] as const;
const LOG_LIMIT = 2000;
const HISTORY_LIMIT = 200;

export class Session {
	seed = $state(1);
	speed = $state(1);
	playing = $state(true);
	engine: Engine = $state.raw(createEngine({ seed: 1 }));
	entries: readonly ConsoleEntry[] = $state.raw([]);
	consoleState: ConsoleState = $state.raw(INITIAL_STATE);
	log: readonly LogEntry[] = $state.raw([]);
	/** The latest evictions, oldest first, for the x-ray to step through. */
	evictions: readonly EvictionEvent[] = $state.raw([]);
	history: readonly string[] = $state.raw(loadHistory());
	/** Virtual time, moved every frame: the clock and the TTL bars read it. */
	now = $state(DEFAULT_START_MS);
	/** Bumped whenever the engine changes or time needs a new look, so views re-read the engine. */
	#tick = $state(0);
	/** Something other than time changed the keyspace during a frame (an engine event). */
	#changed = false;
	/** Looks so far, to tell whether a typed line already caused one (:advance, :reset). */
	#looks = 0;
	/** See the constructor: a typed line's look waits for its reply's frame. */
	readonly #replyFirst: boolean;
	/** Frames until a typed line's look: 2 = its reply's frame has not begun, 1 = it is drawing. */
	#typed = 0;
	#inputs: SessionInput[] = [];
	/** Fractions of a virtual millisecond not yet applied to the clock. */
	#carry = 0;
	#pendingLog: LogEntry[] = [];
	#flushQueued = false;
	#nextId = 1;
	#unsubscribe: () => void = () => {};
	#flow: FlowHost | null = null;

	/**
	 * The keyspace as of the last look: fresh after every command and clock move; while the clock
	 * plays, looked at again only when an engine event changed it or a key passes its TTL (ghosts
	 * appear in the frame they become ghosts). Time alone changes nothing else in it: a KeyView
	 * holds its key's LRU/LFU stamp, and rows read idle time and frequency from it at `now`. (A look
	 * is a pass over every key; at 600× one per frame was most of the frame.)
	 */
	readonly view: KeyspaceView = $derived.by(() => {
		void this.#tick;
		return this.engine.inspect();
	});
	/** When the next key with a TTL passes it (at the last look), or null when no key has a TTL. */
	readonly nextExpiry: number | null = $derived.by(() => {
		const { keys, now } = this.view;
		let next: number | null = null;
		for (const k of keys)
			if (k.expiresAt !== null && k.expiresAt >= now && (next === null || k.expiresAt < next))
				next = k.expiresAt;
		return next;
	});
	readonly prompt = $derived(promptFor(this.consoleState));
	readonly canStepBack = $derived(this.#tick >= 0 && this.#inputs.length > 0);
	readonly specs: readonly CommandSpec[];

	/**
	 * `replyFirst` (the page, where frames call `frame()`): a typed line's reply is painted in the
	 * next frame and the keyspace follows in the one after, so the Enter handler and the reply's
	 * frame do not also look at 10,000 keys and redraw the table. Without it (tests) every change is
	 * in `view` at once.
	 */
	constructor(seed = 1, { replyFirst = false }: { replyFirst?: boolean } = {}) {
		this.#replyFirst = replyFirst;
		this.specs = this.engine.commands();
		this.#start(seed, []);
	}

	get clock(): VirtualClock {
		return this.engine.clock;
	}

	/** Runs one typed console line and records it for replay. */
	submit(line: string): void {
		if (line.trim() !== '') this.#remember(line);
		this.#inputs.push({ kind: 'line', at: this.clock.now(), line });
		const looks = this.#looks;
		this.#run(line);
		if (!this.#replyFirst) this.#bump();
		else if (this.#looks === looks) this.#typed = 2;
	}

	/** Ctrl+L: wipes the scrollback only; not a command, so neither history nor replay keeps it. */
	clearScreen(): void {
		this.entries = [];
	}

	/**
	 * The driver's frame: move virtual time while playing, in whole milliseconds. The keyspace is
	 * looked at again only when something but time changed it or a key passed its TTL (see `view`);
	 * after a typed line, in the frame after the one that draws its reply (see the constructor).
	 */
	frame(realMs: number): void {
		const typedDue = this.#typed > 0 && --this.#typed === 0;
		let moved = false;
		if (this.playing && realMs > 0) {
			this.#carry += realMs * this.speed;
			const whole = Math.floor(this.#carry);
			if (whole > 0) {
				this.#carry -= whole;
				this.clock.advance(whole);
				this.now = this.clock.now();
				moved = true;
			}
		}
		if (this.#typed > 0) return;
		if (typedDue || this.#changed) return this.#bump();
		if (!moved) return;
		const ghost = this.nextExpiry;
		if (ghost !== null && this.now > ghost) this.#bump();
	}

	/** A deliberate clock move (step, :advance, jump): recorded so step back can undo it. */
	advance(ms: number): void {
		const to = this.clock.now() + ms;
		this.#inputs.push({ kind: 'advance', at: this.clock.now(), to });
		this.clock.advanceTo(to);
		this.#bump();
	}

	/** Jumps to 1 ms after the next expiry: the key becomes a ghost until lazy or active expiry. */
	jumpToNextExpiry(): void {
		const next = this.nextExpiry;
		if (next !== null) this.advance(next + 1 - this.clock.now());
	}

	/**
	 * When evictions cut short by the tenacity budget resume (a big drop of maxmemory evicts in
	 * rounds, one timer apart), or null when none are pending.
	 */
	get nextEviction(): number | null {
		return this.view.evictionDueAt;
	}

	/** Jumps to the next round of evictions: the x-ray shows what it evicted. */
	jumpToNextEviction(): void {
		const next = this.nextEviction;
		if (next !== null) this.advance(Math.max(0, next - this.clock.now()));
	}

	togglePlay(): void {
		this.playing = !this.playing;
	}

	setSpeed(speed: number): void {
		this.speed = speed;
	}

	/** Undoes the last input by replaying everything before it from the seed. */
	stepBack(): void {
		const { inputs, until } = withoutLast(this.#inputs);
		if (until === null) return;
		this.playing = false;
		this.#start(this.seed, inputs, until);
	}

	reset(seed = this.seed): void {
		this.#start(seed, []);
	}

	/** Seed, config and log as text for a bug report. */
	exportState(): string {
		return JSON.stringify(
			{
				app: 'cachelab',
				seed: this.seed,
				start: DEFAULT_START_MS,
				inputs: this.#inputs,
				log: this.log.map((e) => e.text),
			},
			null,
			2,
		);
	}

	// ---- Flow stage hook: its actions are inputs like console lines, so replay includes them ----

	/** The flow stage registers once; it is reset now and on every rebuild, then replayed. */
	attachFlow(host: FlowHost): void {
		this.#flow = host;
		host.reset(this.engine);
	}

	/** Records a flow stage action at the current virtual time and performs it. */
	recordFlow(action: FlowAction): void {
		this.#inputs.push({ kind: 'flow', at: this.clock.now(), action });
		this.#flow?.apply(action);
		this.#bump();
	}

	/** A flow event (request served, stale read, Redis error, DB query) as an event log sentence. */
	logFlow(text: string): void {
		this.#queueLog({ id: this.#nextId++, at: this.clock.now(), area: 'flow', text });
	}

	readonly meta: MetaControls = {
		advance: (ms) => this.advance(ms),
		reset: (seed) => this.reset(seed),
		setSpeed: (x) => this.setSpeed(x),
		speeds: SPEEDS,
	};

	#start(seed: number, inputs: readonly SessionInput[], until: number | null = null): void {
		this.#unsubscribe();
		this.engine.dispose();
		this.seed = seed;
		const engine = createEngine({ clock: new VirtualClock(DEFAULT_START_MS), seed });
		this.engine = engine;
		this.entries = [];
		this.log = [];
		this.#pendingLog = [];
		this.consoleState = INITIAL_STATE;
		this.#inputs = [];
		this.evictions = [];
		this.#unsubscribe = engine.subscribe((e) => {
			// The expire cycle reports every run; a key it deleted comes as its own `expired` event.
			if (e.type !== 'active-expire-cycle') this.#changed = true;
			if (e.type === 'evicted') this.evictions = [...this.evictions, e].slice(-EVICTION_LIMIT);
			const d = describeEvent(e);
			if (d) this.#queueLog({ id: this.#nextId++, at: e.at, ...d });
		});
		this.#flow?.reset(engine);
		for (const input of inputs) {
			engine.clock.advanceTo(input.at);
			this.#inputs.push(input);
			if (input.kind === 'line') this.#run(input.line);
			else if (input.kind === 'flow') this.#flow?.apply(input.action);
			else engine.clock.advanceTo(input.to);
		}
		if (until !== null) engine.clock.advanceTo(until);
		this.#flushLog();
		this.#bump();
	}

	#run(line: string): void {
		const prompt = promptFor(this.consoleState);
		const out = handleLine(
			line,
			(argv) => this.engine.exec(argv),
			this.specs,
			this.consoleState,
			this.meta,
		);
		this.consoleState = out.state;
		if (out.clear) this.entries = [];
		if (out.entry) this.entries = [...this.entries, { ...out.entry, id: this.#nextId++, prompt }];
	}

	#remember(line: string): void {
		const h = this.history.filter((l) => l !== line);
		this.history = [...h, line].slice(-HISTORY_LIMIT);
		saveHistory(this.history);
	}

	#queueLog(entry: LogEntry): void {
		this.#pendingLog.push(entry);
		if (this.#flushQueued) return;
		this.#flushQueued = true;
		queueMicrotask(() => this.#flushLog());
	}

	#flushLog(): void {
		this.#flushQueued = false;
		if (this.#pendingLog.length === 0) return;
		this.log = [...this.log, ...this.#pendingLog].slice(-LOG_LIMIT);
		this.#pendingLog = [];
	}

	#bump(): void {
		this.now = this.clock.now();
		this.#changed = false;
		this.#typed = 0;
		this.#looks++;
		this.#tick++;
	}
}
