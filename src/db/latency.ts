// The database's latency model, as data: each query gets a start and a finish on virtual time from
// a fixed pool of connections. Nothing waits; the numbers say how long a caller would have waited.
//
// A query is issued at `now`. It starts on the connection that frees up first (or at once if one is
// idle) and holds it for its service time: a base plus seeded jitter. Issue times never go back,
// and the earliest-free connection only moves forward, so start times come out in issue order and
// the queue is a FIFO of start times. When a herd of misses arrives together, each one starts
// after the ones ahead of it: the last in line pays for everyone, which is why a stampede hurts.
import type { Prng } from '../lib/prng.ts';

export interface LatencyConfig {
	/** The least time one query holds a connection. */
	readonly baseMs: number;
	/** Up to this much more, drawn from the seeded PRNG. */
	readonly jitterMs: number;
	/** Extra service time for a write (an UPDATE commits). */
	readonly writeExtraMs: number;
	/** Connections in the pool: more queries than this wait in line. */
	readonly maxConcurrent: number;
}

export const DEFAULT_LATENCY: LatencyConfig = {
	baseMs: 120,
	jitterMs: 60,
	writeExtraMs: 20,
	maxConcurrent: 4,
};

/** One query's timing: issued, started (after waiting in line), finished. */
export interface QueryTiming {
	readonly issuedAt: number;
	readonly startAt: number;
	readonly finishAt: number;
	readonly queuedMs: number;
	readonly serviceMs: number;
	/** What the caller waits in all: finishAt − issuedAt. */
	readonly latencyMs: number;
}

export interface LatencyState {
	readonly free: readonly number[];
	readonly starts: readonly number[];
	readonly finishes: readonly number[];
	readonly busyMs: number;
	readonly maxQueueLength: number;
}

export class LatencyModel {
	readonly config: LatencyConfig;
	#prng: Prng;
	/** When each connection is next free. */
	#free: number[];
	/** Start times of queries not yet started (non-decreasing). */
	#starts: number[];
	/** Finish times of queries started or queued, not yet finished. */
	#finishes: number[];
	#busyMs: number;
	#maxQueueLength: number;

	constructor(config: LatencyConfig, prng: Prng, state?: LatencyState) {
		this.config = config;
		this.#prng = prng;
		this.#free = state ? [...state.free] : Array.from({ length: config.maxConcurrent }, () => 0);
		this.#starts = state ? [...state.starts] : [];
		this.#finishes = state ? [...state.finishes] : [];
		this.#busyMs = state?.busyMs ?? 0;
		this.#maxQueueLength = state?.maxQueueLength ?? 0;
	}

	/** Books a connection for a query issued at `now`; returns its timing. */
	schedule(now: number, kind: 'read' | 'write'): QueryTiming {
		const { baseMs, jitterMs, writeExtraMs } = this.config;
		const serviceMs =
			baseMs + Math.floor(this.#prng.next() * jitterMs) + (kind === 'write' ? writeExtraMs : 0);
		let slot = 0;
		for (let i = 1; i < this.#free.length; i++) if (this.#free[i]! < this.#free[slot]!) slot = i;
		const startAt = Math.max(now, this.#free[slot]!);
		const finishAt = startAt + serviceMs;
		this.#free[slot] = finishAt;
		this.#busyMs += serviceMs;
		this.#prune(now);
		if (startAt > now) this.#starts.push(startAt);
		this.#finishes.push(finishAt);
		this.#maxQueueLength = Math.max(this.#maxQueueLength, this.#starts.length);
		return {
			issuedAt: now,
			startAt,
			finishAt,
			queuedMs: startAt - now,
			serviceMs,
			latencyMs: finishAt - now,
		};
	}

	/** Queries waiting for a connection at `now`. */
	queueLength(now: number): number {
		this.#prune(now);
		return this.#starts.length;
	}

	/** Queries issued and not finished at `now` (running or waiting). */
	inFlight(now: number): number {
		this.#prune(now);
		return this.#finishes.length;
	}

	get busyMs(): number {
		return this.#busyMs;
	}

	get maxQueueLength(): number {
		return this.#maxQueueLength;
	}

	state(): LatencyState {
		return {
			free: [...this.#free],
			starts: [...this.#starts],
			finishes: [...this.#finishes],
			busyMs: this.#busyMs,
			maxQueueLength: this.#maxQueueLength,
		};
	}

	#prune(now: number): void {
		let n = 0;
		while (n < this.#starts.length && this.#starts[n]! <= now) n++;
		if (n > 0) this.#starts.splice(0, n);
		if (this.#finishes.length > 0 && this.#finishes.some((f) => f <= now))
			this.#finishes = this.#finishes.filter((f) => f > now);
	}
}
