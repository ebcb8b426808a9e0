// Keeps the sandbox's session across reloads: restores the stored log on load (replayed on the
// Lab, so keys, TTLs on the virtual clock, DB rows, counters and the event log come back), stores
// it again shortly after every change and every few seconds while time plays, and says once, in
// words, when the session could not be restored or will not be kept.
import type { LabLog } from '../lab/lab-log.ts';
import { createSessionStore, type SessionStore } from '../lab/storage.ts';
import { afterNextFrame } from '../lib/frame.ts';
import type { Session } from './session.svelte.ts';

/** Real ms to wait after a change before storing (typing a burst of lines stores once). */
const DEBOUNCE_MS = 250;
/** While time plays, store the moving clock this often. */
const PERIOD_MS = 2000;

export type KeeperStatus = 'starting' | 'saved' | 'unsaved' | 'off';

export class SessionKeeper {
	status: KeeperStatus = $state('starting');
	/** One sentence for the learner, shown once; null when all is well. */
	notice: string | null = $state(null);
	readonly #session: Session;
	readonly #store: SessionStore;
	/** The sandbox's log now (while a scenario plays, the one kept aside), or null. */
	readonly #current: () => LabLog | null;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#interval: ReturnType<typeof setInterval> | null = null;
	#lastSaved = '';
	#unsubscribe: () => void = () => {};
	/** Cancels the status's pending flip to "Keeping…" (see #schedule). */
	#cancelFlip: () => void = () => {};

	constructor(
		session: Session,
		current: () => LabLog | null,
		store: SessionStore = createSessionStore(),
	) {
		this.#session = session;
		this.#store = store;
		this.#current = current;
	}

	/**
	 * Restores the stored session (if any), then keeps storing. With `restore` false (the page was
	 * opened from a link or a file) the session on the page is kept and stored instead.
	 */
	async start(restore = true): Promise<void> {
		const { log, problem } = restore ? await this.#store.load() : { log: null, problem: null };
		if (log) {
			await this.#session.ready();
			try {
				this.#session.load(log);
			} catch {
				this.#session.reset();
				this.notice = 'Your last session could not be replayed, so this is a fresh sandbox.';
			}
		} else if (problem) {
			this.notice = `Your last session could not be restored (${problem}), so this is a fresh sandbox.`;
		}
		this.#lastSaved = log ? fingerprint(log) : '';
		this.status = 'saved';
		this.#unsubscribe = this.#session.lab.subscribe(() => this.#schedule());
		this.#interval = setInterval(() => this.#schedule(), PERIOD_MS);
	}

	/** `:reset`-like, from the New session button: a fresh sandbox, and nothing stored. */
	async newSession(): Promise<void> {
		this.#session.reset();
		this.#lastSaved = '';
		await this.#store.clear();
		this.status = this.status === 'off' ? 'off' : 'saved';
	}

	/** Stores now if something changed (tests and pagehide call it directly). */
	async flush(): Promise<void> {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		const log = this.#current();
		if (!log) return;
		const print = fingerprint(log);
		if (print === this.#lastSaved) {
			if (this.status === 'unsaved') this.status = 'saved';
			return;
		}
		const ok = await this.#store.save(log);
		if (ok) {
			this.#lastSaved = print;
			// A change made while this log was being stored has a save of its own coming: until it
			// lands, what is on screen is not kept yet.
			if (this.#timer === null) this.status = 'saved';
		} else if (this.status !== 'off') {
			this.status = 'off';
			this.notice ??=
				'This browser is not letting Cache Lab store anything, so your session will not be kept after a reload.';
		}
	}

	dispose(): void {
		this.#unsubscribe();
		this.#cancelFlip();
		if (this.#timer) clearTimeout(this.#timer);
		if (this.#interval) clearInterval(this.#interval);
	}

	#schedule(): void {
		if (this.status === 'off' || this.#timer) return;
		// A typed line gets here from the Enter handler. Its reply should be the only change in
		// the frame it is drawn in: the header's status follows in the frame after, if the line
		// is still to be stored by then.
		if (this.status === 'saved') {
			this.#cancelFlip();
			this.#cancelFlip = afterNextFrame(() => {
				if (this.status === 'saved' && this.#timer !== null) this.status = 'unsaved';
			});
		}
		this.#timer = setTimeout(() => void this.flush(), DEBOUNCE_MS);
	}
}

/** Two logs with the same inputs and the same virtual second store the same session. */
function fingerprint(log: LabLog): string {
	const last = JSON.stringify(log.inputs.at(-1) ?? null);
	return `${log.seed}:${JSON.stringify(log.program)}:${log.inputs.length}:${last}:${Math.floor(log.now / 1000)}`;
}
