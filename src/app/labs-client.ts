// The page's side of the Labs workers (labs.worker.ts). A sweep is split across up to four
// workers (one per core, at least one): each asks for the next job when it finishes one, so a slow
// cell (a small cache evicts the most) never leaves the others idle. Cancel terminates them at
// once. Figure panels, the LFU table and single runs go to one long-lived worker, in turn.
import {
	sweepJobs,
	sweepResult,
	type FigureOptions,
	type FigureResult,
	type HitRateOverTime,
	type SweepCell,
	type SweepOptions,
	type SweepResult,
} from '../engine/experiments/index.ts';
import type { MaxmemoryPolicy } from '../engine/index.ts';
import type { LabsReply, LabsRequest } from './labs-protocol.ts';

/** What the client needs of a Worker (a fake one in tests). */
export interface WorkerLike {
	onmessage: ((e: { readonly data: LabsReply }) => void) | null;
	onerror: ((e: unknown) => void) | null;
	postMessage(message: LabsRequest): void;
	terminate(): void;
}

export type SpawnWorker = () => Promise<WorkerLike>;

/**
 * The real worker, its own chunk. The one-file build inlines it (a blob URL): a page opened from
 * file:// cannot load a worker from a file beside it.
 */
export const spawnLabsWorker: SpawnWorker = async () => {
	const { default: LabsWorker } = __SINGLE_FILE__
		? await import('./labs.worker.ts?worker&inline')
		: await import('./labs.worker.ts?worker');
	return new LabsWorker() as unknown as WorkerLike;
};

export const MAX_WORKERS = 4;

/** One worker per core, 1 … MAX_WORKERS. */
export function workerCount(hardwareConcurrency: number | undefined): number {
	const n = Math.floor(hardwareConcurrency ?? 1);
	return Math.max(1, Math.min(MAX_WORKERS, Number.isFinite(n) ? n : 1));
}

export interface SweepRun {
	/** The result, or null once cancelled. */
	readonly result: Promise<SweepResult | null>;
	cancel(): void;
}

export type SweepStarter = (
	options: SweepOptions,
	onProgress: (done: number, total: number) => void,
) => SweepRun;

/**
 * Sweeps on workers, or on `fallback` (the page's own thread) where no Worker exists: a test DOM,
 * an old or locked-down browser.
 */
export function workerSweeps(
	fallback: SweepStarter,
	spawn: SpawnWorker = spawnLabsWorker,
	hasWorkers: boolean = typeof Worker !== 'undefined',
): SweepStarter {
	return (options, onProgress) =>
		hasWorkers ? new LabsClient(spawn).sweep(options, onProgress) : fallback(options, onProgress);
}

type Request = LabsRequest extends infer R
	? R extends { id: number }
		? Omit<R, 'id'>
		: never
	: never;

export class LabsClient {
	#helper: Promise<WorkerLike> | null = null;
	#pending = new Map<number, (reply: LabsReply) => void>();
	#nextId = 1;

	constructor(
		private readonly spawn: SpawnWorker = spawnLabsWorker,
		private readonly workers: number = workerCount(globalThis.navigator?.hardwareConcurrency),
	) {}

	/** Runs every job of the sweep across the workers; progress after each finished cell. */
	sweep(options: SweepOptions, onProgress: (done: number, total: number) => void): SweepRun {
		const jobs = sweepJobs(options);
		const cells: SweepCell[] = [];
		const started: WorkerLike[] = [];
		let settled = false;
		let next = 0;
		let workingSetBytes = 0;
		let finish: (result: SweepResult | null, error?: Error) => void = () => {};
		const result = new Promise<SweepResult | null>((resolve, reject) => {
			finish = (value, error) => {
				if (settled) return;
				settled = true;
				for (const w of started) w.terminate();
				started.length = 0;
				if (error) reject(error);
				else resolve(value);
			};
		});
		const give = (w: WorkerLike) => {
			if (next >= jobs.length) return;
			w.postMessage({ type: 'job', id: next, workload: options.workload, job: jobs[next++]! });
		};
		const adopt = (w: WorkerLike) => {
			started.push(w);
			w.onerror = () => finish(null, new Error('a Labs worker failed'));
			w.onmessage = ({ data }) => {
				if (settled) return;
				if (data.type !== 'job')
					return finish(null, new Error(data.type === 'error' ? data.message : 'bad reply'));
				cells.push(data.cell);
				workingSetBytes = data.workingSetBytes;
				onProgress(cells.length, jobs.length);
				if (cells.length === jobs.length) finish(sweepResult(options, workingSetBytes, cells));
				else give(w);
			};
			give(w);
		};
		const run = async () => {
			onProgress(0, jobs.length);
			if (jobs.length === 0) return finish(sweepResult(options, 0, []));
			const count = Math.min(this.workers, jobs.length);
			for (let i = 0; i < count; i++) {
				const w = await this.spawn();
				if (settled) return w.terminate();
				adopt(w);
			}
		};
		run().catch((e: unknown) => finish(null, e instanceof Error ? e : new Error(String(e))));
		return { result, cancel: () => finish(null) };
	}

	figure(options: FigureOptions): Promise<FigureResult> {
		return this.#ask({ type: 'figure', options }).then((r) => pick(r, 'figure').result);
	}

	lfuTable(seed: number): Promise<number[][]> {
		return this.#ask({ type: 'lfu', seed }).then((r) => pick(r, 'lfu').table);
	}

	overTime(
		options: SweepOptions,
		policy: MaxmemoryPolicy,
		size: number,
		intervalRequests?: number,
	): Promise<HitRateOverTime> {
		return this.#ask({ type: 'over-time', options, policy, size, intervalRequests }).then(
			(r) => pick(r, 'over-time').result,
		);
	}

	/** Ends the helper worker; requests still pending are rejected. */
	dispose(): void {
		const helper = this.#helper;
		this.#helper = null;
		void helper?.then((w) => w.terminate());
		for (const settle of this.#pending.values())
			settle({ type: 'error', id: 0, message: 'the Labs client was disposed' });
		this.#pending.clear();
	}

	#ask(request: Request): Promise<LabsReply> {
		const helper = (this.#helper ??= this.spawn().then((w) => {
			w.onmessage = ({ data }) => {
				const settle = this.#pending.get(data.id);
				this.#pending.delete(data.id);
				settle?.(data);
			};
			w.onerror = () => {
				for (const settle of this.#pending.values())
					settle({ type: 'error', id: 0, message: 'the Labs worker failed' });
				this.#pending.clear();
			};
			return w;
		}));
		const id = this.#nextId++;
		return new Promise<LabsReply>((resolve, reject) => {
			this.#pending.set(id, (reply) =>
				reply.type === 'error' ? reject(new Error(reply.message)) : resolve(reply),
			);
			helper.then((w) => w.postMessage({ ...request, id } as LabsRequest), reject);
		});
	}
}

function pick<T extends LabsReply['type']>(
	reply: LabsReply,
	type: T,
): Extract<LabsReply, { type: T }> {
	if (reply.type !== type) throw new Error(`expected a ${type} reply, got ${reply.type}`);
	return reply as Extract<LabsReply, { type: T }>;
}
