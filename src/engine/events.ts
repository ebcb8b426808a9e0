// The engine's observable story: what the UI animates and the event log prints. Mirrors the role of
// Redis's keyspace notifications (notify.c) and MONITOR, with the extra detail a learner needs.
import type { MaxmemoryPolicy } from './config.ts';
import type { Reply } from './reply.ts';

export interface EvictionCandidate {
	readonly key: string;
	readonly db: number;
	/**
	 * Higher = evicted first: idle ms (LRU), 255 − counter (LFU), or ULLONG_MAX − expiry (TTL; here
	 * Number.MAX_SAFE_INTEGER stands in for ULLONG_MAX so the score stays an exact double).
	 */
	readonly score: number;
}

/**
 * What the policy measured on the victim when it entered the pool (pool scores are never
 * refreshed, so this may be older than the eviction): idle time under an LRU policy, the LFU
 * counter under an LFU policy, time left to live under volatile-ttl; nothing for a random draw.
 */
export type EvictionMeasure =
	| { readonly kind: 'idle'; readonly ms: number }
	| { readonly kind: 'lfu'; readonly counter: number }
	| { readonly kind: 'ttl'; readonly ms: number }
	| { readonly kind: 'random' };

export type EngineEvent =
	| {
			readonly type: 'command';
			readonly at: number;
			readonly client: number;
			readonly db: number;
			readonly argv: readonly string[];
			readonly reply: Reply;
			/** Set when the command ran and MONITOR shows it (not refused, queued or admin). */
			readonly monitor?: boolean;
	  }
	| {
			/**
			 * MONITOR's line for a command that blocked: Redis's call() feeds the monitors as the
			 * command is called, so the line comes now and the 'command' event when it completes.
			 */
			readonly type: 'monitor';
			readonly at: number;
			readonly client: number;
			readonly db: number;
			readonly argv: readonly string[];
	  }
	| {
			readonly type: 'hit' | 'miss';
			readonly at: number;
			readonly db: number;
			readonly key: string;
	  }
	| {
			readonly type: 'expired';
			readonly at: number;
			readonly db: number;
			readonly key: string;
			/** lazy: found by a command (named in `by`); active: the expire cycle's sweep. */
			readonly how: 'lazy' | 'active';
			readonly by?: string;
	  }
	| {
			readonly type: 'evicted';
			readonly at: number;
			readonly db: number;
			readonly key: string;
			readonly policy: MaxmemoryPolicy;
			/** Keys drawn by the sampler this round (the random policies' single draw, score 0). */
			readonly sampled: readonly EvictionCandidate[];
			readonly poolBefore: readonly EvictionCandidate[];
			readonly poolAfter: readonly EvictionCandidate[];
			/** The victim's pool score and what it stands for under `policy`. */
			readonly score: number;
			readonly measure: EvictionMeasure;
			/** Pool entries passed over because their key was gone (deleted, or lost its TTL). */
			readonly skipped: number;
			readonly maxmemory: number;
			readonly memoryBefore: number;
			readonly memoryAfter: number;
	  }
	| { readonly type: 'oom'; readonly at: number; readonly argv: readonly string[] }
	| { readonly type: 'config'; readonly at: number; readonly name: string; readonly value: string }
	| {
			readonly type: 'active-expire-cycle';
			readonly at: number;
			readonly sampled: number;
			readonly expired: number;
	  };

export type EngineListener = (event: EngineEvent) => void;

/** A tiny emitter; `active` lets hot paths skip building events nobody listens to. */
export class EventBus {
	#listeners = new Set<EngineListener>();
	/** Kept beside the set: read on every key lookup, where asking the set for its size cost more. */
	#active = false;

	get active(): boolean {
		return this.#active;
	}

	subscribe(fn: EngineListener): () => void {
		this.#listeners.add(fn);
		this.#active = true;
		return () => {
			this.#listeners.delete(fn);
			this.#active = this.#listeners.size > 0;
		};
	}

	emit(event: EngineEvent): void {
		for (const fn of this.#listeners) fn(event);
	}
}
