// The hit-rate lab: a workload the learner shapes (keys, Zipf skew, reads and writes, TTLs, a scan
// burst, the seed), one policy's hit rate over virtual time, and the sweep of every policy over
// cache sizes with true LRU and Belady's optimal beside them. The sweep runs off the page's thread
// and so does the single run: both go to the Labs workers through the client.
import { MAXMEMORY_POLICIES, type MaxmemoryPolicy } from '../engine/index.ts';
import {
	sweepCsv,
	SWEEP_POLICIES,
	SWEEP_SIZES,
	type HitRateOverTime,
	type SweepCell,
	type SweepOptions,
	type SweepResult,
	type WorkloadOptions,
} from '../engine/experiments/index.ts';
import type { LabsClient } from './labs-client.ts';

export { MAXMEMORY_POLICIES, SWEEP_SIZES };

export type SweepRow = {
	readonly policy: SweepCell['policy'];
	readonly label: string;
	/** One cell per size of the result, in its order. */
	readonly cells: readonly (SweepCell | undefined)[];
};

export const REFERENCE_LABELS = { 'true-lru': 'True LRU', belady: "Belady's optimal" } as const;
export const policyLabel = (p: SweepCell['policy']): string =>
	p === 'true-lru' || p === 'belady' ? REFERENCE_LABELS[p] : p;
export const percent = (rate: number): string => `${(rate * 100).toFixed(1)} %`;
export const sizeLabel = (size: number): string => `${Math.round(size * 100)} %`;

/** A number field's value as a whole number within bounds (an emptied field gives the lowest). */
function whole(value: number | null, min: number, max: number): number {
	const n = Math.round(Number(value));
	return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : min;
}

export class HitRateLab {
	keys = $state(1000);
	/** The Zipf skew: 0 is flat, 1 the classic web-cache skew. */
	alpha = $state(1);
	requests = $state(20_000);
	writePercent = $state(0);
	ttlPercent = $state(0);
	scanBurst = $state(false);
	seed = $state(1);

	/** The single run: one policy at one cache size, over virtual time. */
	policy: MaxmemoryPolicy = $state('allkeys-lru');
	size = $state(0.2);
	overTime: HitRateOverTime | null = $state.raw(null);
	overTimeSeed = $state(1);
	overTimeRunning = $state(false);

	status: 'idle' | 'running' | 'done' | 'cancelled' | 'failed' = $state('idle');
	done = $state(0);
	total = $state(0);
	result: SweepResult | null = $state.raw(null);
	message = $state('');
	readonly #client: Pick<LabsClient, 'sweep' | 'overTime'>;
	#cancel: (() => void) | null = null;
	#overTimeGeneration = 0;

	constructor(client: Pick<LabsClient, 'sweep' | 'overTime'>) {
		this.#client = client;
	}

	workload(): WorkloadOptions {
		return {
			keys: whole(this.keys, 100, 20_000),
			alpha: Math.min(2, Math.max(0, Number(this.alpha) || 0)),
			requests: whole(this.requests, 1000, 200_000),
			writeShare: whole(this.writePercent, 0, 100) / 100,
			ttlShare: whole(this.ttlPercent, 0, 100) / 100,
			scanBurst: this.scanBurst,
			seed: whole(this.seed, 0, 2 ** 31 - 1),
		};
	}

	options(): SweepOptions {
		return { workload: this.workload(), sizes: SWEEP_SIZES };
	}

	get running(): boolean {
		return this.status === 'running';
	}

	async runSweep(): Promise<void> {
		if (this.running) return;
		const options = this.options();
		this.status = 'running';
		this.done = 0;
		this.total = 0;
		this.message = 'Running the sweep…';
		const run = this.#client.sweep(options, (done, total) => {
			this.done = done;
			this.total = total;
		});
		this.#cancel = run.cancel;
		try {
			const result = await run.result;
			if (this.status !== 'running') return;
			if (result === null) return this.#cancelled();
			this.result = result;
			this.status = 'done';
			this.message = `Sweep done: ${result.cells.length} runs with seed ${result.seed}.`;
		} catch (e) {
			if (this.status !== 'running') return;
			this.status = 'failed';
			this.message = `The sweep failed: ${e instanceof Error ? e.message : String(e)}`;
		} finally {
			this.#cancel = null;
		}
	}

	cancel(): void {
		if (!this.running) return;
		this.#cancel?.();
		this.#cancelled();
	}

	#cancelled(): void {
		this.status = 'cancelled';
		this.done = 0;
		this.total = 0;
		this.message = 'Sweep cancelled: nothing was kept from the unfinished run.';
	}

	/** Reruns the single-run chart; a newer call supersedes an older one. */
	async runOverTime(): Promise<void> {
		const generation = ++this.#overTimeGeneration;
		const options = this.options();
		const { policy, size } = this;
		this.overTimeRunning = true;
		try {
			const result = await this.#client.overTime(options, policy, size);
			if (generation !== this.#overTimeGeneration) return;
			this.overTime = result;
			this.overTimeSeed = options.workload.seed;
		} catch {
			// Superseded or disposed with the screen: nothing to show.
		} finally {
			if (generation === this.#overTimeGeneration) this.overTimeRunning = false;
		}
	}

	/** The table's rows: the eight policies, then the two reference curves. */
	rows(result: SweepResult): SweepRow[] {
		const policies: SweepCell['policy'][] = [...SWEEP_POLICIES, 'true-lru', 'belady'];
		return policies
			.filter((p) => result.cells.some((c) => c.policy === p))
			.map((policy) => ({
				policy,
				label: policyLabel(policy),
				cells: result.sizes.map((size) =>
					result.cells.find((c) => c.policy === policy && c.size === size),
				),
			}));
	}

	/** The table as CSV: a row per policy, a column per cache size. */
	csv(): string {
		return this.result ? sweepCsv(this.result) : '';
	}
}
