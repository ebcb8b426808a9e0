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
	/** Queries not known to be finished, in start order: [startAt, finishAt] pairs. */
	readonly pending: readonly number[];
	readonly busyMs: number;
	readonly maxQueueLength: number;
}

export class LatencyModel {
	readonly config: LatencyConfig;
	#prng: Prng;
	/** When each connection is next free. */
	#free: number[];
	/** Flat [start, finish, start, finish, …] of queries in start order, from index #head. */
	#pending: number[];
	#head = 0;
	#busyMs: number;
	#maxQueueLength: number;
	/** The longest a query can hold a connection: older ones are surely finished. */
	readonly #maxServiceMs: number;

	constructor(config: LatencyConfig, prng: Prng, state?: LatencyState) {
		this.config = config;
		this.#prng = prng;
		this.#free = state ? [...state.free] : Array.from({ length: config.maxConcurrent }, () => 0);
		this.#pending = state ? [...state.pending] : [];
		this.#busyMs = state?.busyMs ?? 0;
		this.#maxQueueLength = state?.maxQueueLength ?? 0;
		this.#maxServiceMs = config.baseMs + config.jitterMs + config.writeExtraMs;
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
		this.#pending.push(startAt, finishAt);
		const queued = this.queueLength(now);
		if (queued > this.#maxQueueLength) this.#maxQueueLength = queued;
		return {
			issuedAt: now,
			startAt,
			finishAt,
			queuedMs: startAt - now,
			serviceMs,
			latencyMs: finishAt - now,
		};
	}

	/** Queries waiting for a connection at `now` (start times are in order: binary search). */
	queueLength(now: number): number {
		this.#prune(now);
		return this.#count() - this.#firstStartAfter(now);
	}

	/** Queries issued and not finished at `now` (running or waiting). */
	inFlight(now: number): number {
		this.#prune(now);
		const queued = this.#firstStartAfter(now);
		let running = 0;
		for (let i = queued - 1; i >= 0; i--) {
			const at = this.#head + 2 * i;
			if (this.#pending[at]! <= now - this.#maxServiceMs) break;
			if (this.#pending[at + 1]! > now) running++;
		}
		return this.#count() - queued + running;
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
			pending: this.#pending.slice(this.#head),
			busyMs: this.#busyMs,
			maxQueueLength: this.#maxQueueLength,
		};
	}

	#count(): number {
		return (this.#pending.length - this.#head) / 2;
	}

	/** Index (in queries from #head) of the first query starting after `now`. */
	#firstStartAfter(now: number): number {
		let lo = 0;
		let hi = this.#count();
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this.#pending[this.#head + 2 * mid]! <= now) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/** Drops queries that surely finished, compacting the array now and then. */
	#prune(now: number): void {
		const p = this.#pending;
		while (this.#head < p.length && p[this.#head]! <= now - this.#maxServiceMs) this.#head += 2;
		if (this.#head > 1024 && this.#head * 2 > p.length) {
			this.#pending = p.slice(this.#head);
			this.#head = 0;
		}
	}
}
