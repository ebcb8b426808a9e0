// The page's adapter over the one headless Lab: it turns Lab changes into Svelte reactivity
// (createSubscriber channels, no hand-kept counters), paces redraws in one place (`frame()`), and
// keeps the few things that are the page's own, not the world's: speed, play/pause, history.
// Components read its fields and call its methods; they never build engines themselves.
import { createSubscriber } from 'svelte/reactivity';
import {
	allCommandsLoaded,
	commandNeedsLoading,
	loadAllCommands,
	type CommandSpec,
	type Engine,
	type KeyspaceView,
	type VirtualClock,
} from '../engine/index.ts';
import { splitArgs } from '../console/tokenize.ts';
import { whenIdle } from '../lib/idle.ts';
import { loadFlowRuntime } from '../lab/flow-kit.ts';
import { Lab, type ConsoleItem, type EvictionEvent, type LabChange } from '../lab/lab.ts';
import type { FlowAction } from '../lab/flow-actions.ts';
import type { LabLog, LessonMark, Program } from '../lab/lab-log.ts';
import { textEntry, type ConsoleEntry, type MetaControls } from './console-model.ts';
import { describeLogEntry, type LogEntry } from './sentences.ts';
import { loadHistory, saveHistory } from './persistence.ts';
import { sessionJson } from './session-file.ts';

export type { EvictionEvent };
export const SPEEDS = [1, 10, 60, 600] as const;
const HISTORY_LIMIT = 200;
/**
 * While time plays, the keyspace, x-ray, flow stage and event log follow what time did at most
 * this often (real ms); the clock and the TTL bars move every frame. At 600× thousands of keys
 * can expire in a second: redrawing them every frame cost more than a frame.
 */
const LOOK_MS = 100;

/** One reactive channel: `track()` inside a view, `fire()` when what it covers changed. */
class Channel {
	#update: (() => void) | null = null;
	readonly track = createSubscriber((update) => {
		this.#update = update;
		return () => (this.#update = null);
	});
	fire(): void {
		this.#update?.();
	}
}

export type SessionEntry = ConsoleEntry;

export class Session {
	readonly lab: Lab;
	speed = $state(1);
	playing = $state(true);
	history: readonly string[] = $state.raw(loadHistory());
	/** What a lesson's Run or Show me is typing into the console's input; null when none is. */
	typed: string | null = $state(null);
	/** Virtual time as of the last tick of the time driver. */
	now = $state(0);
	/**
	 * `now` as the page draws it (the clock, the key table's TTLs, bars and idle times): while
	 * time plays it follows at most every LOOK_MS, since no one reads a number that changes 60
	 * times a second and each change lays its rows out again; the TTL bars drain on in between by
	 * themselves, at `drainRate`. Paused, or after an input, it is `now`.
	 */
	textNow = $state(0);
	/** The commands the console knows: the data-type families join once their code is in. */
	specs: readonly CommandSpec[] = $state.raw([]);
	readonly #console = new Channel();
	readonly #world = new Channel();
	readonly #log = new Channel();
	/** See the constructor: a typed line's world redraw waits for its reply's frame. */
	readonly #paced: boolean;
	/** Changed by an input (shown at once) or by time playing (`timed`: shown at most every LOOK_MS). */
	#dirty = { world: false, log: false, timedWorld: false, timedLog: false };
	/** Real ms since the world and the log were last redrawn. */
	#sinceWorld = 0;
	#sinceLog = 0;
	#sinceText = 0;
	/** Frames until a typed line's world redraw: 2 = its reply's frame has not begun. */
	#typed = 0;
	/** Real ms of the reply's frame, applied to the clock in the frame after. */
	#heldMs = 0;
	/** Fractions of a virtual millisecond not yet applied to the clock. */
	#carry = 0;
	#textLog: { from: readonly unknown[]; to: readonly LogEntry[] } = { from: [], to: [] };

	/**
	 * `replyFirst` (the page, where frames call `frame()`): a typed line's reply is painted in the
	 * next frame and the keyspace follows in the one after, so the Enter handler and the reply's
	 * frame do not also look at 10,000 keys. Without it (tests) every change shows at once.
	 */
	constructor(seed = 1, { replyFirst = false }: { replyFirst?: boolean } = {}) {
		this.#paced = replyFirst;
		this.lab = new Lab({
			seed,
			speeds: SPEEDS,
			onSpeed: (x) => this.setSpeed(x),
		});
		this.specs = this.lab.specs;
		this.now = this.textNow = this.lab.clock.now();
		this.lab.subscribe((c) => this.#changed(c));
		// The data-type commands (lists, sets, hashes…) and the flow runtime (requests, on XState)
		// come in chunks of their own once the page is idle, so the first screen never waits for them.
		whenIdle(() => void this.ready(), IDLE);
	}

	/**
	 * Resolves once every command's code and the flow runtime are in: what replays a log, opens a
	 * lesson or shows the flow stage waits for it.
	 */
	ready(): Promise<void> {
		this.#ready ??= Promise.all([loadAllCommands(), loadFlowRuntime()]).then(() => {
			this.specs = this.lab.specs;
		});
		return this.#ready;
	}

	#ready: Promise<void> | null = null;

	// ---- What the panels draw ----

	get engine(): Engine {
		this.#world.track();
		return this.lab.engine;
	}

	get clock(): VirtualClock {
		return this.lab.clock;
	}

	get seed(): number {
		return this.lab.seed;
	}

	readonly entries: readonly ConsoleEntry[] = $derived.by(() => {
		this.#console.track();
		return this.lab.items.map(toEntry);
	});

	get prompt(): string {
		this.#console.track();
		return this.lab.prompt;
	}

	/** The keyspace as of the last world redraw (see `frame()`). */
	readonly view: KeyspaceView = $derived.by(() => {
		this.#world.track();
		return this.lab.engine.inspect();
	});

	get evictions(): readonly EvictionEvent[] {
		this.#world.track();
		return [...this.lab.evictions];
	}

	/** How many evictions happened in all (the x-ray keeps only the latest). */
	get evictionCount(): number {
		this.#world.track();
		return this.lab.evictionCount;
	}

	get log(): readonly LogEntry[] {
		this.#log.track();
		const from = this.lab.log;
		if (this.#textLog.from.length === from.length && this.#textLog.from.at(-1) === from.at(-1))
			return this.#textLog.to;
		const to = from.map(describeLogEntry).filter((e): e is LogEntry => e !== null);
		this.#textLog = { from: [...from], to };
		return to;
	}

	/** When the next key with a TTL passes it (at the last look), or null when no key has a TTL. */
	get nextExpiry(): number | null {
		return this.view.nextExpiry;
	}

	/** Virtual ms per real ms while time plays, 0 while it stands: how fast the TTL bars drain. */
	get drainRate(): number {
		return this.playing ? this.speed : 0;
	}

	/**
	 * Whether the page draws something new every frame (a request crossing the stage while time
	 * plays): the time driver asks for animation frames only then. The TTL bars drain by an
	 * animation of their own and the numbers follow `textNow`, so they need none.
	 */
	get animating(): boolean {
		return this.playing && !this.lab.sandbox.isIdle;
	}

	/**
	 * A derived, not a getter: it changes only with the first input, so the clock's buttons (which
	 * also read the keyspace's next expiry) are not redrawn with every typed line's reply.
	 */
	readonly canStepBack: boolean = $derived.by(() => {
		this.#world.track();
		this.#console.track();
		return this.lab.inputs.length > 0;
	});

	/** When evictions cut short by the tenacity budget resume, or null when none are pending. */
	get nextEviction(): number | null {
		return this.view.evictionDueAt;
	}

	/** Views of the world (the flow stage) call this to redraw with the keyspace. */
	trackWorld(): void {
		this.#world.track();
	}

	// ---- Inputs ----

	submit(line: string): void {
		if (line.trim() !== '') this.#remember(line);
		if (this.#waiting === null && !needsLoading(line)) return this.lab.submit(line);
		// A command whose code is not in yet waits for it, and the lines typed after it wait their
		// turn, so the log keeps the order they were typed in. If the chunk cannot be fetched the
		// line still runs and the engine's error reply says why.
		const run = () => this.lab.submit(line);
		const turn = (this.#waiting ?? this.ready()).then(run, run);
		this.#waiting = turn;
		void turn.then(() => {
			if (this.#waiting === turn) this.#waiting = null;
		});
	}

	/** The last line waiting for the commands' code to load, or null when none is. */
	#waiting: Promise<void> | null = null;

	clearScreen(): void {
		this.lab.clearScreen();
	}

	advance(ms: number): void {
		this.lab.advance(ms);
	}

	jumpToNextExpiry(): void {
		const next = this.nextExpiry;
		if (next !== null) this.advance(next + 1 - this.lab.clock.now());
	}

	jumpToNextEviction(): void {
		const next = this.nextEviction;
		if (next !== null) this.advance(Math.max(0, next - this.lab.clock.now()));
	}

	togglePlay(): void {
		this.playing = !this.playing;
	}

	setSpeed(speed: number): void {
		this.speed = speed;
	}

	stepBack(): void {
		this.playing = false;
		this.lab.stepBack();
	}

	reset(seed = this.lab.seed): void {
		this.lab.reset(seed);
	}

	/** Runs one flow stage action as an input of the log. */
	recordFlow(action: FlowAction): void {
		this.lab.flow(action);
	}

	/** Switches the program on the world (sandbox or a scenario): a fresh world with its seed. */
	run(program: Program, seed = this.lab.seed): void {
		this.lab.reset(seed, program);
	}

	load(log: LabLog): void {
		this.lab.load(log);
	}

	/** Names the open lesson in what is shared (the lesson runtime sets it while it is loaded). */
	lessonMark: (() => LessonMark | null) | null = null;

	/** The log to share (link, file, Copy state): the Lab's, with the lesson open on it if any. */
	shareLog(): LabLog {
		const log = this.lab.toLog();
		const lesson = this.lessonMark?.();
		return lesson ? { ...log, lesson } : log;
	}

	/** The session as the log that rebuilds it. */
	exportState(): string {
		return sessionJson(this.shareLog());
	}

	readonly meta: Pick<MetaControls, 'speeds'> = { speeds: SPEEDS };

	/**
	 * The one place that paces redraws, once per animation frame: moves virtual time while playing
	 * and decides which channels redraw. A typed line's reply redraws at once (next paint); time,
	 * the log and the world follow a frame later. While only time passes, the keyspace is looked at again when an
	 * engine event changed it or a key passed its TTL (a look is a pass over every key), and the
	 * event log redrawn when time wrote to it, each at most every LOOK_MS.
	 */
	frame(realMs: number): void {
		const typedDue = this.#typed > 0 && --this.#typed === 0;
		if (this.#typed > 0) {
			// The typed line's reply is painted in this frame: moving time would redraw the clock,
			// the TTL bars and the log (over every logged event) before it. Time catches up next frame.
			this.#heldMs += realMs;
			return;
		}
		realMs += this.#heldMs;
		this.#heldMs = 0;
		this.#sinceWorld += realMs;
		this.#sinceLog += realMs;
		let moved = false;
		if (this.playing && realMs > 0) {
			this.#carry += realMs * this.speed;
			const whole = Math.floor(this.#carry);
			if (whole > 0) {
				this.#carry -= whole;
				this.#ticking = true;
				this.lab.tick(whole);
				this.#ticking = false;
				moved = true;
			}
		}
		this.now = this.lab.clock.now();
		const look = this.#paced ? LOOK_MS : 0;
		this.#sinceText += realMs;
		if (!moved || this.#sinceText >= look) {
			this.textNow = this.now;
			this.#sinceText = 0;
		}
		// The frame after a reply redraws the keyspace; the log (described anew from every logged
		// event) waits one more frame, so the two do not add up in one.
		const logDue = this.#dirty.log || (this.#dirty.timedLog && this.#sinceLog >= look);
		if (logDue && !typedDue) {
			this.#dirty.log = this.#dirty.timedLog = false;
			this.#sinceLog = 0;
			this.#log.fire();
		}
		if (typedDue || this.#dirty.world) return this.#redrawWorld();
		if (this.#sinceWorld < look) return;
		if (this.#dirty.timedWorld) return this.#redrawWorld();
		if (!moved) return;
		const ghost = this.nextExpiry;
		if (ghost !== null && this.now > ghost) this.#redrawWorld();
	}

	#ticking = false;

	#changed(change: LabChange): void {
		if (!this.#paced && this.#ticking) {
			// Time playing: frame() decides whether what changed is worth a look.
			if (change === 'log') this.#dirty.log = true;
			if (change !== 'console') this.#dirty.world = true;
			return;
		}
		if (!this.#paced) {
			this.now = this.textNow = this.lab.clock.now();
			this.#console.fire();
			this.#world.fire();
			this.#log.fire();
			return;
		}
		if (this.#ticking && (change === 'log' || change === 'world' || change === 'flow')) {
			// What time did: frame() shows it at its own pace.
			if (change === 'log') this.#dirty.timedLog = true;
			this.#dirty.timedWorld = true;
			return;
		}
		switch (change) {
			case 'console':
				this.#console.fire();
				this.#typed = 2;
				return;
			case 'log':
				this.#dirty.log = true;
				this.#dirty.world = true;
				return;
			case 'world':
			case 'flow':
				this.#dirty.world = true;
				return;
			case 'jump':
				this.#redrawWorld();
				return;
			case 'program':
				this.#console.fire();
				this.#dirty = { world: true, log: true, timedWorld: false, timedLog: false };
				this.now = this.textNow = this.lab.clock.now();
				return;
		}
	}

	#redrawWorld(): void {
		this.#dirty.world = this.#dirty.timedWorld = false;
		this.#sinceWorld = 0;
		this.#typed = 0;
		this.now = this.textNow = this.lab.clock.now();
		this.#world.fire();
	}

	#remember(line: string): void {
		const h = this.history.filter((l) => l !== line);
		this.history = [...h, line].slice(-HISTORY_LIMIT);
		// localStorage writes synchronously (several ms for 200 lines): not in the Enter handler,
		// which should end with the reply, but when the page is idle, once for a burst of lines.
		if (this.#historySaving) return;
		this.#historySaving = true;
		whenIdle(() => this.flushHistory(), IDLE);
	}

	#historySaving = false;

	/** Stores the console history now if a line is waiting to be stored (the page calls it on pagehide). */
	flushHistory(): void {
		if (!this.#historySaving) return;
		this.#historySaving = false;
		saveHistory(this.history);
	}
}

/** Whether a typed line's command (or `help`, which lists them) waits for the code to load. */
function needsLoading(line: string): boolean {
	// Once every command's code is in nothing waits, and the line need not be split to know it.
	if (allCommandsLoaded()) return false;
	const args = splitArgs(line) ?? [];
	// `3 LPUSH l a`: redis-cli's repeat prefix.
	const name = args.length > 1 && /^[+-]?\d+$/.test(args[0]!) ? args[1] : args[0];
	if (name === undefined) return false;
	return name.toLowerCase() === 'help' || commandNeedsLoading(name);
}

/** When the page is idle (within a second), or soon where there is no idle callback. */
const IDLE = { timeoutMs: 1000, fallbackMs: 200 };

// A scrollback item never changes once written: its entry is made once, so a new line re-renders
// only its own row.
const entries = new WeakMap<ConsoleItem, ConsoleEntry>();

function toEntry(item: ConsoleItem): ConsoleEntry {
	let made = entries.get(item);
	if (!made) {
		made = { ...textEntry(item.entry), id: item.id, prompt: item.prompt };
		entries.set(item, made);
	}
	return made;
}
