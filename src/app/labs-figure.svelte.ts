// The approximated-LRU lab: antirez's figure of which keys Redis's sampled LRU evicts, rerun on
// the engine — true LRU, Redis 2.8 (no pool), Redis 3.0 with 5 and 10 samples — plus a panel for
// the learner's own maxmemory-samples and pool setting. Each panel runs in the Labs worker.
import { figureCsv, type FigureResult, type FigureVariant } from '../engine/experiments/index.ts';
import type { LabsClient } from './labs-client.ts';

export interface FigurePanel {
	readonly id: string;
	readonly title: string;
	readonly variant: FigureVariant;
	readonly samples: number;
	/** What the same script measures on a real Redis, as text (null: nothing to compare with). */
	readonly realRedis: string | null;
	readonly result: FigureResult | null;
}

const FIXED: readonly Omit<FigurePanel, 'result'>[] = [
	{
		id: 'true-lru',
		title: 'True LRU',
		variant: 'true-lru',
		samples: 5,
		realRedis: '100 % (theory)',
	},
	{
		id: 'no-pool',
		title: 'Redis 2.8, samples 5 (no pool)',
		variant: 'no-pool',
		samples: 5,
		realRedis: '≈ 77 %',
	},
	{
		id: 'pool-5',
		title: 'Redis 3.0, samples 5 (pool)',
		variant: 'pool',
		samples: 5,
		realRedis: '82–84 %',
	},
	{
		id: 'pool-10',
		title: 'Redis 3.0, samples 10 (pool)',
		variant: 'pool',
		samples: 10,
		realRedis: '91–92.5 %',
	},
];

/** The real-Redis figure for a setting, when it is one of the measured ones. */
export function realRedisFor(variant: FigureVariant, samples: number): string | null {
	return FIXED.find((p) => p.variant === variant && p.samples === samples)?.realRedis ?? null;
}

export class ApproxLruLab {
	panels: readonly FigurePanel[] = $state.raw(FIXED.map((p) => ({ ...p, result: null })));
	/** The learner's own panel: maxmemory-samples and the eviction pool on or off. */
	samples = $state(5);
	pool = $state(true);
	custom: FigurePanel | null = $state.raw(null);
	/** Panels still running: the four fixed ones and the learner's own are counted apart. */
	fixedRunning = $state(false);
	customRunning = $state(false);
	#customGeneration = 0;
	readonly #client: Pick<LabsClient, 'figure'>;

	constructor(client: Pick<LabsClient, 'figure'>) {
		this.#client = client;
	}

	/** Every panel that has run, the learner's last. */
	get shown(): readonly FigurePanel[] {
		return this.custom ? [...this.panels, this.custom] : this.panels;
	}

	/** The panels' figures as CSV, in the order shown. */
	csv(): string {
		return figureCsv(this.shown.flatMap((p) => (p.result ? [p.result] : [])));
	}

	get running(): boolean {
		return this.fixedRunning || this.customRunning;
	}

	/** Runs the four fixed panels, then the learner's own. */
	async runAll(): Promise<void> {
		this.fixedRunning = true;
		try {
			for (let i = 0; i < FIXED.length; i++) {
				const spec = FIXED[i]!;
				const result = await this.#client.figure({ variant: spec.variant, samples: spec.samples });
				this.panels = this.panels.map((p, j) => (j === i ? { ...p, result } : p));
			}
		} catch {
			// The screen closed and took the worker with it: nothing left to draw.
			return;
		} finally {
			this.fixedRunning = false;
		}
		if (!this.custom && !this.customRunning) await this.runCustom();
	}

	/** Runs the learner's panel (again, after the slider or the pool switch moved); the last wins. */
	async runCustom(): Promise<void> {
		const generation = ++this.#customGeneration;
		this.customRunning = true;
		const variant: FigureVariant = this.pool ? 'pool' : 'no-pool';
		const samples = this.samples;
		const result = await this.#client.figure({ variant, samples }).catch(() => null);
		if (generation !== this.#customGeneration) return;
		this.customRunning = false;
		if (!result) return;
		this.custom = {
			id: 'custom',
			title: `Your setting: samples ${samples}, ${variant === 'pool' ? 'pool' : 'no pool'}`,
			variant,
			samples,
			realRedis: realRedisFor(variant, samples),
			result,
		};
	}
}
