// The virtual clock: the single source of time for the engine, the mock database and every XState
// actor. Mirrors nothing in Redis; it stands in for mstime() and the event loop's timers so that a
// learner (or a test) can pause, step and fast-forward time deterministically.

export type TimerId = number;

interface Timer {
	id: TimerId;
	at: number;
	seq: number;
	fn: () => void;
}

/** Default start: 2026-01-01T12:00:00Z, a round moment that makes EXPIREAT examples readable. */
export const DEFAULT_START_MS = Date.UTC(2026, 0, 1, 12, 0, 0);

/**
 * A clock that only moves when told to. `setTimeout`/`clearTimeout` have the shape of XState's
 * `clock` option, so machines and the engine's cron share one notion of time.
 */
export class VirtualClock {
	#now: number;
	#seq = 0;
	#nextId = 1;
	/** Binary min-heap ordered by (at, seq): timers due at the same moment fire in creation order. */
	#heap: Timer[] = [];
	#cancelled = new Set<TimerId>();

	constructor(startMs: number = DEFAULT_START_MS) {
		this.#now = startMs;
	}

	now(): number {
		return this.#now;
	}

	setTimeout(fn: (...args: unknown[]) => void, ms: number = 0): TimerId {
		const id = this.#nextId++;
		const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
		// Due times are whole milliseconds too, so now() never becomes fractional.
		this.#push({ id, at: Math.ceil(this.#now + delay), seq: this.#seq++, fn: () => fn() });
		return id;
	}

	clearTimeout(id: TimerId | undefined): void {
		if (id !== undefined) this.#cancelled.add(id);
	}

	/** When the next pending timer is due, or null when none is pending. */
	nextTimerAt(): number | null {
		this.#dropCancelledHead();
		return this.#heap[0]?.at ?? null;
	}

	get pendingTimers(): number {
		return this.#heap.length - this.#cancelled.size;
	}

	/**
	 * Moves time forward by `ms`, firing due timers in time order; each callback sees `now()` equal
	 * to its own due time, and timers it schedules within the window fire too.
	 */
	advance(ms: number): void {
		if (!(ms > 0)) return;
		this.advanceTo(this.#now + ms);
	}

	advanceTo(to: number): void {
		// Redis time is whole milliseconds (mstime()); fractions would leak into TTL arithmetic.
		const target = Math.floor(to);
		for (;;) {
			this.#dropCancelledHead();
			const head = this.#heap[0];
			if (!head || head.at > target) break;
			this.#pop();
			if (head.at > this.#now) this.#now = head.at;
			head.fn();
		}
		if (target > this.#now) this.#now = target;
	}

	/** A detached copy at the same moment with no timers: what a forked engine runs on. */
	detachedCopy(): VirtualClock {
		return new VirtualClock(this.#now);
	}

	#dropCancelledHead(): void {
		// The common case, checked on every advance: nothing was ever cancelled.
		if (this.#cancelled.size === 0) return;
		while (this.#heap.length > 0) {
			const head = this.#heap[0]!;
			if (!this.#cancelled.has(head.id)) return;
			this.#cancelled.delete(head.id);
			this.#pop();
		}
	}

	#less(a: Timer, b: Timer): boolean {
		return a.at < b.at || (a.at === b.at && a.seq < b.seq);
	}

	#push(t: Timer): void {
		const h = this.#heap;
		h.push(t);
		let i = h.length - 1;
		while (i > 0) {
			const p = (i - 1) >> 1;
			if (!this.#less(h[i]!, h[p]!)) break;
			[h[i], h[p]] = [h[p]!, h[i]!];
			i = p;
		}
	}

	#pop(): void {
		const h = this.#heap;
		const last = h.pop()!;
		if (h.length === 0) return;
		h[0] = last;
		let i = 0;
		for (;;) {
			const l = 2 * i + 1;
			const r = l + 1;
			let m = i;
			if (l < h.length && this.#less(h[l]!, h[m]!)) m = l;
			if (r < h.length && this.#less(h[r]!, h[m]!)) m = r;
			if (m === i) return;
			[h[i], h[m]] = [h[m]!, h[i]!];
			i = m;
		}
	}
}
